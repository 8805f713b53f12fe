package wb

import (
	"runtime"
	"sync"
	"weak"
)

// Chat events carry replySign only when they open a new chat, yet every
// message needs it, so each Client remembers the signatures it has seen.
// Client (client.go) has no field for this; the table is keyed by a weak
// pointer and cleaned up with the Client, so it neither leaks nor keeps a
// Client alive.
var chatSignTable sync.Map // weak.Pointer[Client] → *chatSignCache

type chatSignCache struct {
	mu sync.Mutex
	m  map[string]string // chatID → replySign
	// sent marks signs that came back from a sent message: the newest a
	// chat has, so they win over a sign the caller kept from earlier.
	sent map[string]bool
	// edge holds, per events cursor handed out, the IDs of the events at
	// the millisecond the cursor steps back over (see Events).
	edge map[int64]map[string]bool
}

func (s *chatSignCache) put(chatID, sign string) {
	if chatID == "" || sign == "" {
		return
	}
	s.mu.Lock()
	s.m[chatID] = sign
	delete(s.sent, chatID)
	s.mu.Unlock()
}

// putSent remembers the sign a send answered with.
func (s *chatSignCache) putSent(chatID, sign string) {
	if chatID == "" || sign == "" {
		return
	}
	s.mu.Lock()
	s.m[chatID] = sign
	s.sent[chatID] = true
	s.mu.Unlock()
}

func (s *chatSignCache) get(chatID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[chatID]
	return v, ok
}

// fromSend returns the sign a send answered with, if that is the newest.
func (s *chatSignCache) fromSend(chatID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.sent[chatID] {
		return "", false
	}
	return s.m[chatID], true
}

func (c *Client) chatSigns() *chatSignCache {
	key := weak.Make(c)
	if v, ok := chatSignTable.Load(key); ok {
		return v.(*chatSignCache)
	}
	v, loaded := chatSignTable.LoadOrStore(key, &chatSignCache{m: map[string]string{}, sent: map[string]bool{}, edge: map[int64]map[string]bool{}})
	if !loaded {
		runtime.AddCleanup(c, func(k weak.Pointer[Client]) { chatSignTable.Delete(k) }, key)
	}
	return v.(*chatSignCache)
}

// ReplySign returns the signature remembered for a chat from Chats, from
// the event that opened it, or from the answer to the last message sent.
func (c *Client) ReplySign(chatID string) (string, bool) { return c.chatSigns().get(chatID) }

// RememberReplySign stores a signature kept elsewhere (e.g. a local cache
// from an earlier run), so a reply does not need the chat list first.
func (c *Client) RememberReplySign(chatID, replySign string) { c.chatSigns().put(chatID, replySign) }

// maxEdges bounds the remembered cursors; a cursor older than that is
// read as if new, and the store drops the events it already has.
const maxEdges = 64

// putEdge remembers the events at the edge a cursor steps back over. Two
// readers (the pane and the sync) may hand out the same cursor after
// reading its millisecond at different moments; only events both saw are
// dropped, so a late one comes twice rather than never.
func (s *chatSignCache) putEdge(cursor int64, ids map[string]bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.edge[cursor]; ok {
		both := map[string]bool{}
		for id := range ids {
			if old[id] {
				both[id] = true
			}
		}
		s.edge[cursor] = both
		return
	}
	if len(s.edge) >= maxEdges {
		for k := range s.edge {
			delete(s.edge, k)
			break
		}
	}
	s.edge[cursor] = ids
}

func (s *chatSignCache) seenAt(cursor int64) map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.edge[cursor]
}
