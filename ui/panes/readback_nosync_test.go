package panes

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Without a syncer a delivered answer cannot be read back into the store:
// the pane says so in a sentence instead of failing, and the reply stays
// delivered.
func TestQuestionsAndFeedbacksDeliveredWithoutASyncer(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	env := wbwEnv(t, c, newWBWStores(t), i18n.EN, nil)
	for _, p := range []interface {
		ui.Pane
		Selected() (string, bool)
	}{
		paneWithID{newQuestionsPane(env, Deps{WB: c}), func(p ui.Pane) (string, bool) {
			r, ok := p.(*questionsPane).Selected()
			return r.q.ID, ok
		}},
		paneWithID{newFeedbacksPane(env, Deps{WB: c}), func(p ui.Pane) (string, bool) {
			r, ok := p.(*feedbacksPane).Selected()
			return r.f.ID, ok
		}},
	} {
		t.Run(string(p.ID()), func(t *testing.T) {
			p.SetSize(160, 40)
			wbDrive(t, p, wbRun(t, p.Init())...)
			id, ok := p.Selected()
			if !ok {
				t.Fatal("nothing selected")
			}
			wbDrive(t, p, wbKey("a"), wbwPaste("Спасибо, что написали!"), wbwCtrl('s'))
			var sent reply.Entry
			for _, e := range env.Replies.Outbox.Due(wbFixedNow.AddDate(1, 0, 0)) {
				got, err := env.Replies.Outbox.Attempt(t.Context(), e.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.ItemID == id && got.Kind != reply.KindQuestionViewed {
					sent = got
				}
			}
			if sent.State != reply.StateSent {
				t.Fatalf("not delivered: %s %s", sent.State, sent.LastError)
			}
			if n := wbwNotices(t, p, ui.OutboxMsg{Entry: sent}); !contains(n, "only what is stored shows here") {
				t.Fatalf("notices %q", n)
			}
		})
	}
}

// paneWithID is a pane with a way to name its selected item.
type paneWithID struct {
	ui.Pane
	sel func(ui.Pane) (string, bool)
}

func (p paneWithID) Selected() (string, bool) { return p.sel(p.Pane) }

func (p paneWithID) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	_, cmd := p.Pane.Update(msg)
	return p, cmd
}
