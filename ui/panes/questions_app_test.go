package panes

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// isQuit reports whether cmd is tea.Quit itself, which is what the app
// returns for q and ctrl+c.
func isQuit(cmd tea.Cmd) bool {
	return cmd != nil && reflect.ValueOf(cmd).Pointer() == reflect.ValueOf(tea.Quit).Pointer()
}

// While a pane's filter menu is open, q and the digits are typed into it:
// they neither quit nor switch tabs. Tested through the app's own Update
// for each WB pane.
func TestWBMenuOwnsTheKeyboard(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	st := inboxTempStore(t)
	syncInto(t, st, wbClient(t, run), nil, store.PaneQuestions, store.PaneFeedbacks, store.PaneChats)
	tests := []struct {
		id    ui.PaneID
		other string // the digit of another pane
	}{
		{ui.PaneQuestions, "3"},
		{ui.PaneFeedbacks, "4"},
		{ui.PaneChats, "2"},
	}
	for _, tc := range tests {
		t.Run(string(tc.id), func(t *testing.T) {
			env := wbTestEnv(i18n.EN)
			d := Deps{WB: wbClient(t, run), Store: st}
			app := ui.New(env, ui.AppOptions{FixedTheme: true, Start: tc.id},
				newQuestionsPane(env, d), newFeedbacksPane(env, d), newChatsPane(env, d))
			app.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
			steps := []struct {
				key   string
				mode  ui.Mode
				focus ui.PaneID
				quit  bool
			}{
				{"f", ui.ModeEdit, tc.id, false},
				{"q", ui.ModeEdit, tc.id, false},
				{"1", ui.ModeEdit, tc.id, false},
				{tc.other, ui.ModeEdit, tc.id, false},
				{"esc", ui.ModeNormal, tc.id, false},
				{tc.other, ui.ModeNormal, "", false},
				{"q", ui.ModeNormal, "", true},
			}
			for i, s := range steps {
				_, cmd := app.Update(wbKey(s.key))
				if isQuit(cmd) != s.quit {
					t.Fatalf("step %d (%s): quit %v, want %v", i, s.key, isQuit(cmd), s.quit)
				}
				if s.focus != "" && app.Focused().ID() != s.focus {
					t.Fatalf("step %d (%s): focus moved to %s", i, s.key, app.Focused().ID())
				}
				if s.focus == "" && app.Focused().ID() == tc.id {
					t.Fatalf("step %d (%s): the digit did not switch tabs once the menu closed", i, s.key)
				}
				if s.focus != "" && app.Focused().Mode() != s.mode {
					t.Fatalf("step %d (%s): mode %v, want %v", i, s.key, app.Focused().Mode(), s.mode)
				}
				if i == 0 {
					// The open menu is drawn over the pane, with its keys
					// in the footer.
					view := ansi.Strip(app.View().Content)
					if !strings.Contains(view, "filter") || !strings.Contains(view, "esc cancel") {
						t.Fatalf("the menu is not on screen:\n%s", view)
					}
				}
			}
		})
	}
}
