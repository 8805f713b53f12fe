package panes

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The app draws the focused pane's footer on every frame. With the
// template picker or the attachment dialog over an editor it asked a form
// that was never opened for its keys and crashed; now the footer leaves
// those keys to the dialog in the detail column, as for claims and
// returns.
func TestActionFooterWithADialogInFront(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	c := wbClient(t, run)
	st := inboxTempStore(t)
	syncInto(t, st, c, nil, store.PaneQuestions, store.PaneChats)
	tests := []struct {
		pane ui.PaneID
		keys []tea.Msg
	}{
		{ui.PaneQuestions, []tea.Msg{wbKey("t")}},
		{ui.PaneChats, []tea.Msg{wbKey("a"), wbwCtrl('o')}},
	}
	for _, tc := range tests {
		t.Run(string(tc.pane), func(t *testing.T) {
			env := wbwEnv(t, c, newWBWStores(t), i18n.EN, nil)
			d := Deps{WB: c, Store: st}
			app := rcApp(env, ui.AppOptions{FixedTheme: true, Start: tc.pane},
				newQuestionsPane(env, d), newChatsPane(env, d))
			rcDriveApp(app, tc.keys...)
			if app.Focused().Mode() != ui.ModeEdit {
				t.Fatalf("no dialog open: mode %v", app.Focused().Mode())
			}
			if h := app.Focused().ShortHelp(); len(h) != 0 {
				t.Errorf("footer keys %v; the dialog names its own", h)
			}
			view := ansi.Strip(app.View().Content)
			if strings.Contains(view, "ctrl+s send") {
				t.Errorf("the editor's keys are in the footer under a dialog:\n%s", view)
			}
		})
	}
}
