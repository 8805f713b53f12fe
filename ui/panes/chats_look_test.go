package panes

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A chat list entry the events feed has nothing on (it reaches back 30
// days) may have a buyer waiting: it counts in the badge and the "needs
// reply" filter, and its row and detail say why, in both languages.
func TestChatsWithoutEventsNeedALook(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		p := newTestChats(t, wbClient(t, run), lang)
		wbDrive(t, p, wbRun(t, p.Init())...)
		var quiet *chatRow
		waiting, looks := 0, 0
		for _, r := range p.all {
			switch r.verdict {
			case chatNeedsReply:
				waiting++
			case chatNeedsLook:
				looks++
			}
			if len(p.ev.byChat[r.c.ChatID]) == 0 && r.c.LastMessage != nil && quiet == nil {
				quiet = r
			}
		}
		if quiet == nil {
			t.Fatal("the sandbox has no chat older than the events feed")
		}
		if quiet.verdict != chatNeedsLook || quiet.look != models.ChatLookUnseen {
			t.Fatalf("a chat without events: verdict %d, look %d", quiet.verdict, quiet.look)
		}
		if p.Badge() != waiting+looks || looks == 0 {
			t.Errorf("badge %d, want %d waiting + %d to look at", p.Badge(), waiting, looks)
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
			found = found || r == quiet
		}
		if !found || len(p.Items()) != p.Badge() {
			t.Errorf("the needs-reply filter shows %d chats (badge %d), the quiet one: %v", len(p.Items()), p.Badge(), found)
		}
	}
}
