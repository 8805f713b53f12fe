package models

// ChatLook is whether a chat needs the seller to look at it, and why.
type ChatLook int

const (
	// ChatLookNone: the seller spoke last (WB's notices aside).
	ChatLookNone ChatLook = iota
	// ChatLookWaiting: the buyer spoke last.
	ChatLookWaiting
	// ChatLookUnseen: the chat list's last message is newer than every
	// event the feed has delivered for the chat (or there are none: the
	// feed reaches back 30 days), so nobody knows who wrote it; it may be
	// the buyer.
	ChatLookUnseen
	// ChatLookUnknownSender: the last message's sender is none the client
	// knows (or only WB's notices are in the feed).
	ChatLookUnknownSender
)

// NeedsLook reports whether the chat counts as needing the seller.
func (l ChatLook) NeedsLook() bool { return l != ChatLookNone }

// ChatNeedsLook judges a chat from its list entry and the events the feed
// has delivered for it (in any order). A buyer who may be waiting is never
// hidden: what the events cannot vouch for counts as needing a look.
func ChatNeedsLook(c Chat, evs []ChatEvent) ChatLook {
	var newest int64
	for _, e := range evs {
		newest = max(newest, e.Time().UnixMilli())
	}
	if c.LastMessage != nil && c.LastMessage.AddTimestamp > 0 && int64(c.LastMessage.AddTimestamp) > newest {
		return ChatLookUnseen
	}
	if len(evs) == 0 {
		return ChatLookUnknownSender
	}
	// The newest event that is not WB's own notice decides; ties in one
	// millisecond go to the buyer, who must not be hidden.
	var last *ChatEvent
	for i := range evs {
		e := &evs[i]
		if e.Sender == ChatSenderWB {
			continue
		}
		if last == nil || e.Time().After(last.Time().Time) ||
			(e.Time().Equal(last.Time().Time) && e.Sender == ChatSenderClient) {
			last = e
		}
	}
	switch {
	case last == nil:
		return ChatLookUnknownSender
	case last.Sender == ChatSenderClient:
		return ChatLookWaiting
	case last.Sender == ChatSenderSeller:
		return ChatLookNone
	}
	return ChatLookUnknownSender
}
