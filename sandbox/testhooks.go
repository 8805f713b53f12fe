package sandbox

// Test hooks: what buyers do, which no seller API can imitate. Tests of
// sync engines use them to make new work appear in a running sandbox.

// AddQuestion records a new unanswered question about a catalogue product,
// asked now, and returns its ID.
func (s *Server) AddQuestion(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.fq
	g := newGen(s.opts.Seed, 1000+uint64(len(st.questions)), false)
	id := st.uniqueID(g, func(id string) bool { _, dup := st.qIndex[id]; return dup })
	q := fqQuestion{id: id, text: text, created: s.now().UnixNano(), state: fqQNew, product: uint8(g.intn(len(catalogue)))}
	// Questions are kept newest first; the index follows the shift.
	st.questions = append([]fqQuestion{q}, st.questions...)
	for i := range st.questions {
		st.qIndex[st.questions[i].id] = int32(i)
	}
	return id
}

// AddBuyerMessage appends a buyer's message to a chat now, as the buyer's
// app would; false when the chat does not exist.
func (s *Server) AddBuyerMessage(chatID, text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat.byID[chatID]
	if c == nil {
		return false
	}
	s.chat.add(chatEvt{chat: c, sender: "client", source: "rusite", text: chatClip(text, chatMaxText)}, s.now())
	return true
}

// AddClaim files a new active claim dated now and returns its ID.
func (s *Server) AddClaim() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.claim
	g := newGen(s.opts.Seed, 2000+uint64(len(st.claims)), false)
	now := s.now()
	c := newClaim(g, now)
	c.dt, c.dtUpdate, c.archive = now, now, false
	c.status, c.statusEx, c.wbComment = 0, 0, ""
	c.actions = claimActiveActions[0]
	st.claims = append([]*claimRec{c}, st.claims...)
	st.byID[c.id] = c
	return c.id
}

// ChatIDs lists the chats' IDs, newest first, for tests to pick from.
func (s *Server) ChatIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.chat.chats))
	for i := len(s.chat.chats) - 1; i >= 0; i-- {
		out = append(out, s.chat.chats[i].id)
	}
	return out
}
