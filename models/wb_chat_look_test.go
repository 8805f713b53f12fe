package models

import "testing"

func TestChatNeedsLook(t *testing.T) {
	const t0 = int64(1_780_000_000_000)
	ev := func(sender ChatSender, at int64) ChatEvent {
		return ChatEvent{ChatID: "1:c", EventID: string(sender) + string(rune('a'+at%26)), Sender: sender, AddTimestamp: UnixMillis(at)}
	}
	chat := func(last int64) Chat {
		c := Chat{ChatID: "1:c"}
		if last > 0 {
			c.LastMessage = &ChatLastMessage{Text: "…", AddTimestamp: UnixMillis(last)}
		}
		return c
	}
	cases := []struct {
		name string
		chat Chat
		evs  []ChatEvent
		want ChatLook
	}{
		{"list entry without events", chat(t0), nil, ChatLookUnseen},
		{"no events, no last message", chat(0), nil, ChatLookUnknownSender},
		{"buyer last", chat(t0 + 2), []ChatEvent{ev(ChatSenderSeller, t0), ev(ChatSenderClient, t0+2)}, ChatLookWaiting},
		{"seller last", chat(t0 + 2), []ChatEvent{ev(ChatSenderClient, t0), ev(ChatSenderSeller, t0+2)}, ChatLookNone},
		{"seller, then a WB notice", chat(t0 + 3), []ChatEvent{ev(ChatSenderClient, t0), ev(ChatSenderSeller, t0+2), ev(ChatSenderWB, t0+3)}, ChatLookNone},
		{"last message newer than the feed", chat(t0 + 9), []ChatEvent{ev(ChatSenderClient, t0), ev(ChatSenderSeller, t0+2)}, ChatLookUnseen},
		{"unknown sender last", chat(t0 + 2), []ChatEvent{ev(ChatSenderClient, t0), ev("bot", t0+2)}, ChatLookUnknownSender},
		{"only WB notices", chat(t0), []ChatEvent{ev(ChatSenderWB, t0)}, ChatLookUnknownSender},
		{"buyer and seller in one millisecond", chat(t0), []ChatEvent{ev(ChatSenderClient, t0), ev(ChatSenderSeller, t0)}, ChatLookWaiting},
		{"events out of order", chat(t0 + 2), []ChatEvent{ev(ChatSenderSeller, t0+2), ev(ChatSenderClient, t0)}, ChatLookNone},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ChatNeedsLook(tc.chat, tc.evs)
			if got != tc.want {
				t.Fatalf("got %d, want %d", got, tc.want)
			}
			if got.NeedsLook() != (tc.want != ChatLookNone) {
				t.Fatalf("NeedsLook %v", got.NeedsLook())
			}
		})
	}
}
