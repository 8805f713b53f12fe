package panes

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Where every message gives the chat a new sign, the syncer stores the
// sign a send answered with and the pane takes it from the stored row, so
// the next message goes out with the current one; so does the first
// message after a restart (the store reopened, a client that remembers
// nothing, a new syncer and pane).
func TestChatsKeepTheSignOfEachSend(t *testing.T) {
	ctx := context.Background()
	run := wbSandboxRun(t, sandbox.Options{Modes: sandbox.Modes{RotatingChatSigns: true}})
	c := wbClient(t, run)
	path := filepath.Join(t.TempDir(), "p.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	syncInto(t, st, c, nil, store.PaneChats)
	s := newWBWStores(t)
	env := wbwEnv(t, c, s, i18n.EN, nil)
	env.Store = st
	p := newChatsPane(env, wbDeps(env, c)).(*chatsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	row, ok := p.Selected()
	if !ok {
		t.Fatal("no chat selected")
	}
	chatID, old := row.c.ChatID, row.c.ReplySign

	wbDrive(t, p, wbKey("a"), wbwPaste("Первое сообщение"), wbwCtrl('s'))
	wbwDeliver(t, p, p.env.Replies)
	if e, _ := p.acts.latest(chatID); e.State != reply.StateSent {
		t.Fatalf("not sent: %s %s", e.State, e.LastError)
	}
	current, _ := c.ReplySign(chatID)
	if stored, ok, err := st.GetChat(ctx, chatID); err != nil || !ok || current == "" || current == old || stored.ReplySign != current {
		t.Fatalf("the store keeps %q; the send answered with %q (was %q) %v", stored.ReplySign, current, old, err)
	}
	wbwSelect(t, p, func(r *chatRow) bool { return r.c.ChatID == chatID })
	if row, ok := p.Selected(); !ok || row.c.ChatID != chatID || row.c.ReplySign != current {
		t.Fatalf("the row read again from the store has %q, want %q", row.c.ReplySign, current)
	}
	wbDrive(t, p, wbKey("a"), wbwPaste("Второе сообщение"), wbwCtrl('s'))
	if q := queuedChat(p.env.Replies.Outbox.List(), "Второе сообщение"); q.ReplySign != current {
		t.Fatalf("the next message is queued with %q, want %q", q.ReplySign, current)
	}
	wbwDeliver(t, p, p.env.Replies)
	current, _ = c.ReplySign(chatID)

	// a restart
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fresh := wbClient(t, run)
	if _, known := fresh.ReplySign(chatID); known {
		t.Fatal("a fresh client already knows the sign")
	}
	env = wbwEnv(t, fresh, s, i18n.EN, nil)
	env.Store = st
	p = newChatsPane(env, wbDeps(env, fresh)).(*chatsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	wbwSelect(t, p, func(r *chatRow) bool { return r.c.ChatID == chatID })
	wbDrive(t, p, wbKey("a"), wbwPaste("После перезапуска"), wbwCtrl('s'))
	if q := queuedChat(p.env.Replies.Outbox.List(), "После перезапуска"); q.ReplySign != current {
		t.Fatalf("after a restart the message is queued with %q, want %q", q.ReplySign, current)
	}
	wbwDeliver(t, p, p.env.Replies)
	if e, _ := p.acts.latest(chatID); e.State != reply.StateSent {
		t.Fatalf("not sent after a restart: %s %s", e.State, e.LastError)
	}
}

func queuedChat(entries []reply.Entry, text string) reply.Entry {
	for _, e := range entries {
		if e.Kind == reply.KindChatMessage && e.Text == text {
			return e
		}
	}
	return reply.Entry{}
}
