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
}

func (s *chatSignCache) put(chatID, sign string) {
	if chatID == "" || sign == "" {
		return
	}
	s.mu.Lock()
	s.m[chatID] = sign
	s.mu.Unlock()
}

func (s *chatSignCache) get(chatID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[chatID]
	return v, ok
}

func (c *Client) chatSigns() *chatSignCache {
	key := weak.Make(c)
	if v, ok := chatSignTable.Load(key); ok {
		return v.(*chatSignCache)
	}
	v, loaded := chatSignTable.LoadOrStore(key, &chatSignCache{m: map[string]string{}})
	if !loaded {
		runtime.AddCleanup(c, func(k weak.Pointer[Client]) { chatSignTable.Delete(k) }, key)
	}
	return v.(*chatSignCache)
}

// ReplySign returns the signature remembered for a chat from Chats or from
// the event that opened it.
func (c *Client) ReplySign(chatID string) (string, bool) { return c.chatSigns().get(chatID) }

// RememberReplySign stores a signature kept elsewhere (e.g. a local cache
// from an earlier run), so a reply does not need the chat list first.
func (c *Client) RememberReplySign(chatID, replySign string) { c.chatSigns().put(chatID, replySign) }
