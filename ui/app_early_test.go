package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestKeyAfterTabSwitchWhileLoading: the e2e walk switched tabs and
// pressed enter before the new pane's first page had arrived; the empty
// list dropped the enter and the detail never opened. The keys pressed
// while a pane loads act once its items are there, in order.
func TestKeyAfterTabSwitchWhileLoading(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   []string
		detail string // the opened item's buyer line
	}{
		{"enter", []string{"enter"}, "Анна К. · "},
		{"down then enter", []string{"j", "enter"}, "Мария · "},
		{"arrow down then enter", []string{"down", "enter"}, "Мария · "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv(i18n.EN)
			a, _ := newTestSplit(env, PaneReturns, 5, 10)
			b, _ := newTestSplit(env, PaneQuestions, 5, 10)
			app := New(env, AppOptions{FixedTheme: true}, a, b)
			drive(app, tea.WindowSizeMsg{Width: 80, Height: 24})
			initial := run(app.Init()) // both first pages, not delivered yet
			drive(app, keyMsg("2"))
			drive(app, keyMsgs(tc.keys...)...)
			drive(app, initial...)
			screen := ansi.Strip(app.View().Content)
			if !strings.Contains(screen, tc.detail) {
				t.Fatalf("%v pressed while Questions loaded did not open %q:\n%s", tc.keys, tc.detail, screen)
			}
			if a.focus != focusList {
				t.Error("the keys reached the pane that was left")
			}
		})
	}
}

// TestEarlyKeysDroppedWhenLoadFails: a failed first load shows its error;
// keys held for it have nothing to act on and do not act later on a
// retry's items.
func TestEarlyKeysDroppedWhenLoadFails(t *testing.T) {
	env := testEnv(i18n.EN)
	s, p := newTestSplit(env, PaneReturns, 5, 10)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 80, Height: 24})
	p.failNext = errBoom
	initial := run(app.Init())
	drive(app, keyMsg("enter"))
	drive(app, initial...)
	drive(app, keyMsg("r"))
	if s.focus != focusList {
		t.Error("an enter held during a failed load opened an item after the retry")
	}
	if len(app.tabs.early) != 0 {
		t.Errorf("keys still held: %v", app.tabs.early)
	}
}
