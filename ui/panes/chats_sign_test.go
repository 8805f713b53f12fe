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

// Where every message gives the chat a new sign, the sign a send answered
// with becomes the row's and the store's, so the next message (and the
// next start) go out with the current one.
func TestChatsKeepTheSignOfEachSend(t *testing.T) {
	ctx := context.Background()
	c := wbSandbox(t, sandbox.Options{Modes: sandbox.Modes{RotatingChatSigns: true}})
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	syncInto(t, st, c, nil, store.PaneChats)
	env := wbwEnv(t, c, newWBWStores(t), i18n.EN, nil)
	env.Store = st
	p := newChatsPane(env, Deps{WB: c}).(*chatsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	row, ok := p.Selected()
	if !ok {
		t.Fatal("no chat selected")
	}
	old := row.c.ReplySign

	wbDrive(t, p, wbKey("a"), wbwPaste("Первое сообщение"), wbwCtrl('s'))
	wbwDeliver(t, p, p.env.Replies)
	if e, _ := p.wire.latest(row.c.ChatID); e.State != reply.StateSent {
		t.Fatalf("not sent: %s %s", e.State, e.LastError)
	}
	current, _ := c.ReplySign(row.c.ChatID)
	if current == "" || current == old || row.c.ReplySign != current {
		t.Fatalf("the row keeps %q; the send answered with %q (was %q)", row.c.ReplySign, current, old)
	}
	if stored, ok, err := st.GetChat(ctx, row.c.ChatID); err != nil || !ok || stored.ReplySign != current {
		t.Fatalf("the store keeps %q, want %q (%v)", stored.ReplySign, current, err)
	}
	wbDrive(t, p, wbKey("a"), wbwPaste("Второе сообщение"), wbwCtrl('s'))
	var queued reply.Entry
	for _, e := range wbwQueued(p.env.Replies, reply.KindChatMessage) {
		if e.Text == "Второе сообщение" {
			queued = e
		}
	}
	if queued.ReplySign != current {
		t.Fatalf("the next message is queued with %q, want %q", queued.ReplySign, current)
	}
}
