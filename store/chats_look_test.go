package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// chatLookWorld is one chat per way the events can judge a chat, with
// the events stored for each.
func chatLookWorld() (chats []models.Chat, evs []models.ChatEvent) {
	msg := func(at time.Time) *models.ChatLastMessage {
		return &models.ChatLastMessage{Text: "…", AddTimestamp: models.UnixMillis(at.UnixMilli())}
	}
	ev := func(chat, id string, who models.ChatSender, at time.Time) models.ChatEvent {
		return models.ChatEvent{ChatID: chat, EventID: id, Sender: who, AddTimestamp: models.UnixMillis(at.UnixMilli()),
			Message: &models.ChatMessage{Text: id}}
	}
	chats = []models.Chat{
		{ChatID: "waiting", LastMessage: msg(t0.Add(time.Minute))},
		{ChatID: "answered", LastMessage: msg(t0.Add(time.Minute))},
		{ChatID: "no-events", LastMessage: msg(t0)},
		{ChatID: "no-events-no-message"},
		{ChatID: "unseen", LastMessage: msg(t0.Add(time.Hour))},
		{ChatID: "wb-only", LastMessage: msg(t0)},
		{ChatID: "unknown-sender", LastMessage: msg(t0)},
		{ChatID: "tie", LastMessage: msg(t0)},
	}
	evs = []models.ChatEvent{
		ev("waiting", "w1", models.ChatSenderSeller, t0), ev("waiting", "w2", models.ChatSenderClient, t0.Add(time.Minute)),
		ev("answered", "a1", models.ChatSenderClient, t0), ev("answered", "a2", models.ChatSenderSeller, t0.Add(time.Minute)),
		ev("unseen", "u1", models.ChatSenderSeller, t0),
		ev("wb-only", "b1", models.ChatSenderWB, t0),
		ev("unknown-sender", "k1", models.ChatSenderSeller, t0.Add(-time.Minute)), ev("unknown-sender", "k2", "bot", t0),
		ev("tie", "t1", models.ChatSenderSeller, t0), ev("tie", "t2", models.ChatSenderClient, t0),
	}
	return chats, evs
}

// TestChatNeedsActionFollowsTheLookRule: a stored chat needs action
// exactly when models.ChatNeedsLook says it needs a look, so the badge,
// the "needs reply" filter and the inbox count the chats whose buyer may
// be waiting, not only those the events prove waiting. Version 7 left
// out the chats without events and those with a newer last message.
func TestChatNeedsActionFollowsTheLookRule(t *testing.T) {
	ctx := context.Background()
	chats, evs := chatLookWorld()
	for _, order := range []string{"list then events", "events then list"} {
		t.Run(order, func(t *testing.T) {
			s := openTemp(t)
			putList := func() {
				if _, err := s.PutChats(ctx, chats); err != nil {
					t.Fatal(err)
				}
			}
			putEvents := func() {
				if _, err := s.PutChatEvents(ctx, evs); err != nil {
					t.Fatal(err)
				}
			}
			if order == "list then events" {
				putList()
				putEvents()
			} else {
				putEvents()
				putList()
			}
			checkChatLooks(t, s, chats)
		})
	}
}

func checkChatLooks(t *testing.T, s *Store, chats []models.Chat) {
	t.Helper()
	ctx := context.Background()
	want := 0
	for _, c := range chats {
		evs, err := s.ChatEvents(ctx, c.ChatID)
		if err != nil {
			t.Fatal(err)
		}
		look := models.ChatNeedsLook(c, evs)
		row, ok, err := s.Get(ctx, KindChat, c.ChatID)
		if err != nil || !ok {
			t.Fatalf("chat %s: %v %v", c.ChatID, ok, err)
		}
		if row.NeedsAction != look.NeedsLook() {
			t.Errorf("chat %s: needs action %v, the look rule says %v (look %d)", c.ChatID, row.NeedsAction, look.NeedsLook(), look)
		}
		// Only a buyer's message starts the reply window.
		if row.Deadline.IsZero() != (look != models.ChatLookWaiting) {
			t.Errorf("chat %s: deadline %v with look %d", c.ChatID, row.Deadline, look)
		}
		if look.NeedsLook() {
			want++
		}
	}
	if want != 7 {
		t.Fatalf("the world has %d chats needing a look, want 7: the test proves less than it says", want)
	}
	n, err := s.Count(ctx, PaneQuery{Kind: KindChat, Filter: Filter{Status: StatusNeedsAction}})
	if err != nil || n != want {
		t.Errorf("needs-reply filter counts %d (%v), want %d", n, err, want)
	}
	counts, err := s.Counts(ctx)
	if err != nil || counts[KindChat].NeedsAction != want {
		t.Errorf("badge counts %+v (%v), want %d", counts[KindChat], err, want)
	}
	inbox, err := s.Inbox(ctx, t0, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, u := range inbox {
		if u.Kind == KindChat {
			got++
		}
	}
	if got != want {
		t.Errorf("the inbox lists %d chats, want %d", got, want)
	}
}

// TestMigrateV8ToV9 re-judges the chats version 8 stored: those it left
// without "needs action" because the events could not vouch for them
// need it after the upgrade.
func TestMigrateV8ToV9(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 8)
	chats, evs := chatLookWorld()
	if _, err := s.PutChats(ctx, chats); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChatEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	// what version 8 derived: only a buyer who wrote last needs action
	if _, err := s.db.Exec(`UPDATE items SET needs_action = (id IN ('waiting', 'tie')),
		deadline = NULL, due = ` + noDeadlineSQL + ` + created WHERE kind = 'chat' AND id NOT IN ('waiting', 'tie')`); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, PaneQuery{Kind: KindChat, Filter: Filter{Status: StatusNeedsAction}}); n != 2 {
		t.Fatalf("version 8 state counts %d chats, want 2: the test proves nothing", n)
	}
	s.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion() {
		t.Fatalf("version %d after the upgrade, want %d", v, SchemaVersion())
	}
	checkChatLooks(t, s, chats)
}
