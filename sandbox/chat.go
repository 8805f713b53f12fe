package sandbox

import (
	"crypto/sha512"
	"encoding/hex"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Buyer chat (buyer-chat-api). State is compact on purpose: at scale 300
// there are ~45k chats and ~200k events, so events point at their chat,
// share pool strings and derive their IDs and reply signatures on output.

const (
	// chatPageSize is how many events one /events answer carries.
	chatPageSize = 100
	// chatFeedDays is how far back the events feed reaches; older chats are
	// in the chat list only, so their replySign must come from there.
	chatFeedDays = 30
	chatMaxText  = 1000
	chatMaxFile  = 5 << 20
	chatMaxTotal = 30 << 20
)

type chatState struct {
	chats  []*chatRec
	byID   map[string]*chatRec
	events []chatEvt            // ascending by ts; several may share one
	blobs  map[string]*chatBlob // downloadID → attachment bytes
	secret string               // keys reply signatures
	seq    uint64               // event ID counter
}

type chatRec struct {
	id       string // "1:<uuid>"
	name     string
	ordered  time.Time // the buyer writes some hours later; not on the wire
	card     chatCard
	lastText string
	lastTS   int64
	signGen  int // signs given out so far in Modes.RotatingChatSigns
}

// chatCard is the order a chat is about (schema Listing).
type chatCard struct {
	nmID  int64
	price int
	rid   string
	size  string
}

// chatEvt is one event. sender is "client", "seller" or "wb".
type chatEvt struct {
	chat   *chatRec
	id     uint64
	ts     int64 // Unix ms
	text   string
	sender string
	source string
	first  bool // the chat's opening event: isNewChat with replySign
	att    []chatAtt
}

// chatAtt is an image (jpg/png) or a file (pdf) of a message.
type chatAtt struct {
	id   string // downloadID
	ext  string
	name string // files only; buyer-supplied
	size int
}

// chatBlob holds uploaded bytes; seeded attachments are drawn on demand.
type chatBlob struct {
	ext  string
	data []byte
}

func newChatState(g *gen, scale int, now time.Time) *chatState {
	st := &chatState{
		byID:   map[string]*chatRec{},
		blobs:  map[string]*chatBlob{},
		secret: g.hex(16),
	}
	n := 150 * scale
	st.chats = make([]*chatRec, 0, n)
	st.events = make([]chatEvt, 0, n*4)
	nowMS := now.UnixMilli()
	horizon := now.AddDate(0, 0, -chatFeedDays).UnixMilli()
	pdfSize := 0
	for range n {
		c := st.newChat(g, now)
		ts := c.ordered.Add(time.Duration(g.between(1, 72)) * time.Hour).UnixMilli()
		for i, ev := range st.conversation(g, c, ts) {
			if ev.ts >= nowMS {
				break
			}
			ev.first = i == 0
			c.lastText, c.lastTS = ev.text, ev.ts
			for j := range ev.att {
				if ev.att[j].ext == MediaPDF {
					if pdfSize == 0 {
						pdfSize = len(makePDF("sellerinbox sandbox: chat/" + ev.att[j].id + "." + MediaPDF))
					}
					ev.att[j].size = pdfSize
				}
				st.blobs[ev.att[j].id] = &chatBlob{ext: ev.att[j].ext}
			}
			if ev.ts < horizon {
				continue // before the feed's reach: only lastMessage remembers it
			}
			st.events = append(st.events, ev)
		}
		st.chats = append(st.chats, c)
		st.byID[c.id] = c
	}
	// The feed pages by timestamp, yet nothing in the document promises
	// one event per millisecond: ties stay, in the order they were made.
	sort.SliceStable(st.events, func(i, j int) bool { return st.events[i].ts < st.events[j].ts })
	for i := range st.events {
		e := &st.events[i]
		if e.ts >= e.chat.lastTS {
			e.chat.lastText, e.chat.lastTS = e.text, e.ts
		}
	}
	return st
}

func (st *chatState) newChat(g *gen, now time.Time) *chatRec {
	p := g.product()
	size := p.Size
	if size == "" {
		size = "0"
	}
	id := "1:" + g.uuid()
	// The buyer ID and order status WB no longer sends still take their
	// draws, so every later seeded value (and every screen built from them)
	// stays what it was.
	_ = g.between(100000, 99999999)
	name := g.buyerName()
	ordered := g.ago(now, 45*24*time.Hour)
	card := chatCard{nmID: p.NmID, price: p.Price, rid: g.hex(32), size: size}
	_ = pick(g, []int{11, 11, 11, 4, 13, 12, 3})
	return &chatRec{id: id, name: name, ordered: ordered, card: card}
}

// conversation writes a plausible exchange starting at ts: an opening, and
// usually answers and follow-ups; some chats wait for the seller's reply.
func (st *chatState) conversation(g *gen, c *chatRec, ts int64) []chatEvt {
	gap := func() int64 { return int64(g.between(2, 20*60)) * 60_000 }
	buyer := func(pool []string) chatEvt {
		ev := chatEvt{chat: c, sender: "client", source: pick(g, chatBuyerSources), text: chatClip(g.text(pool), chatMaxText)}
		if g.chance(0.3) {
			ev.att = st.attachments(g)
		}
		return ev
	}
	seller := func(pool []string) chatEvt {
		src := "seller-public-api"
		if g.chance(0.3) {
			src = "seller-portal" // a colleague answered in the web cabinet
		}
		return chatEvt{chat: c, sender: "seller", source: src, text: pick(g, pool)}
	}
	evs := []chatEvt{buyer(chatOpenings)}
	switch k := g.intn(10); {
	case k < 2: // unanswered
	case k < 4:
		evs = append(evs, seller(chatSellerReplies))
	case k < 6:
		evs = append(evs, seller(chatSellerReplies), buyer(chatBuyerFollowUps))
	default:
		evs = append(evs, seller(chatSellerReplies), buyer(chatBuyerFollowUps), seller(chatSellerClosings))
		if g.chance(0.15) {
			evs = append(evs, chatEvt{chat: c, sender: "wb", text: pick(g, chatWBNotices)})
		}
	}
	for i := range evs {
		st.seq++
		evs[i].id = st.seq
		if evs[i].sender == "wb" && i > 0 {
			// WB's notice is written with the event that caused it, in
			// the same millisecond.
			ts = evs[i-1].ts
		}
		evs[i].ts = ts
		ts += gap()
	}
	return evs
}

func (st *chatState) attachments(g *gen) []chatAtt {
	if g.chance(0.3) {
		name := pick(g, chatFileNames)
		if g.hostile && g.chance(0.5) {
			name = pick(g, hostileFileNames)
		}
		return []chatAtt{{id: g.uuid(), ext: MediaPDF, name: name}}
	}
	out := make([]chatAtt, g.between(1, 3))
	for i := range out {
		ext := MediaJPEG
		if g.chance(0.25) {
			ext = MediaPNG
		}
		out[i] = chatAtt{id: g.uuid(), ext: ext}
	}
	return out
}

// replySign is derived from the chat so that it needs no storage and a
// forged or stale one is recognised.
func (st *chatState) replySign(c *chatRec) string {
	sum := sha512.Sum512([]byte(st.secret + c.id + signSalt(c.signGen)))
	return c.id + ":" + hex.EncodeToString(sum[:])
}

// chatBySign finds the chat a signature belongs to, or nil.
func (st *chatState) chatBySign(sign string) *chatRec {
	parts := strings.SplitN(sign, ":", 3)
	if len(parts) < 3 {
		return nil
	}
	c := st.byID[parts[0]+":"+parts[1]]
	if c == nil || st.replySign(c) != sign {
		return nil
	}
	return c
}

// after returns up to max events newer than next (Unix ms).
func (st *chatState) after(next int64, max int) []chatEvt {
	i := sort.Search(len(st.events), func(i int) bool { return st.events[i].ts > next })
	return st.events[i:min(len(st.events), i+max)]
}

// add appends a seller's event stamped now; events sent within one
// millisecond share it, as they would on the real service.
func (st *chatState) add(ev chatEvt, now time.Time) chatEvt {
	ev.ts = now.UnixMilli()
	if n := len(st.events); n > 0 && ev.ts < st.events[n-1].ts {
		ev.ts = st.events[n-1].ts
	}
	st.seq++
	ev.id = st.seq
	st.events = append(st.events, ev)
	ev.chat.lastText, ev.chat.lastTS = ev.text, ev.ts
	return ev
}

// chatClip cuts s to n runes: the services cap buyer text, the hostile pool
// does not.
func chatClip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// chatEventUUID formats an event number as a stable UUID-shaped ID.
func chatEventUUID(secret string, id uint64) string {
	x := chatMix(id ^ uint64(keyHash(secret)))
	y := chatMix(x)
	const digits = "0123456789abcdef"
	var b [32]byte
	for i := range 16 {
		b[i] = digits[(x>>(4*i))&0xf]
		b[16+i] = digits[(y>>(4*i))&0xf]
	}
	s := string(b[:])
	return s[:8] + "-" + s[8:12] + "-4" + s[13:16] + "-a" + s[17:20] + "-" + s[20:]
}

func chatMix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
