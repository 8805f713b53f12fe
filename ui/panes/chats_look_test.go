package panes

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A chat list entry the events feed has nothing on (it reaches back 30
// days) may have a buyer waiting: the store counts it in the badge and
// the "needs reply" filter, and its row and detail say why, in both
// languages, though the store holds no events for it.
func TestChatsWithoutEventsNeedALook(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		p := newTestChats(t, wbClient(t, run), lang)
		wbDrive(t, p, wbRun(t, p.Init())...)
		var quiet *chatRow
		for _, r := range p.all {
			if len(p.ev.byChat[r.c.ChatID]) == 0 && r.c.LastMessage != nil {
				quiet = r
				break
			}
		}
		if quiet == nil {
			t.Fatal("the window has no chat older than the events feed")
		}
		if quiet.verdict != chatNeedsLook || quiet.look != models.ChatLookUnseen {
			t.Fatalf("a chat without events: verdict %d, look %d", quiet.verdict, quiet.look)
		}
		// The badge is the store's count of every chat the look rule
		// says needs the seller.
		ctx := context.Background()
		st := p.env.Store
		chats, _, err := st.ListChats(ctx, store.ListQuery{Limit: 10_000})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, c := range chats {
			evs, err := st.ChatEvents(ctx, c.ChatID)
			if err != nil {
				t.Fatal(err)
			}
			if models.ChatNeedsLook(c, evs).NeedsLook() {
				want++
			}
		}
		if p.Badge() != want || want == 0 {
			t.Errorf("badge %d, want %d chats that need a look", p.Badge(), want)
		}
		tr := p.env.Tr
		row := stripSGR(chatsRowMarked(quiet, 160, false, p.env.Styles, ""))
		if !contains(row, chatsMarkLook) || !contains(row, tr.Get("wbc.look.unseen.row")) {
			t.Errorf("%s row does not say why: %q", lang, row)
		}
		if detail := stripSGR(p.detail(quiet, 200, p.env.Styles, tr)); !contains(detail, tr.Get("wbc.look.unseen")) {
			t.Errorf("%s detail does not say why:\n%s", lang, detail)
		}
		wbDrive(t, p, wbKeys("f", "right", "enter")...)
		found := false
		for _, r := range p.Items() {
			found = found || r.c.ChatID == quiet.c.ChatID && r.verdict == chatNeedsLook
		}
		if !found || p.List().Len() != p.Badge() {
			t.Errorf("the needs-reply filter shows %d chats (badge %d), the quiet one marked: %v", p.List().Len(), p.Badge(), found)
		}
	}
}
