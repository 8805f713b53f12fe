package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestSplitWithoutRowsSaysSo: a Split with nothing to read (no Rows, no
// store in its Env, or no Query to ask one) says so where its list would
// be, and every key and message that would read (moves, /, S, n, refresh,
// retry, a store change, a jump) reads nothing and breaks nothing; a jump
// to it says why it cannot land. With the paged mode gone such a Split
// had no Load either, and reading through it crashed the program.
func TestSplitWithoutRowsSaysSo(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang i18n.Lang
		cfg  func(SplitConfig[testItem]) SplitConfig[testItem]
		want string
	}{
		{"no rows, no store", i18n.EN, func(c SplitConfig[testItem]) SplitConfig[testItem] { c.Rows = nil; return c },
			"No local database to read: nothing to show here"},
		{"no query", i18n.RU, func(c SplitConfig[testItem]) SplitConfig[testItem] { c.Query = nil; return c },
			"Нет локальной базы для чтения: показать нечего"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testEnv(tc.lang)
			s := NewSplit(env, tc.cfg(testConfig(PaneReturns, newFakeRows(items(5)), env)))
			app := New(env, AppOptions{FixedTheme: true}, s, &recPane{id: PaneQuestions})
			drive(app, tea.WindowSizeMsg{Width: 120, Height: 30})
			drive(app, run(app.Init())...)
			if screen := ansi.Strip(app.View().Content); !strings.Contains(screen, tc.want) {
				t.Fatalf("the pane does not say it has nothing to read:\n%s", screen)
			}
			drive(app, keyMsgs("j", "G", "S", "n", "N", "enter", "/", "а", "enter", "esc", "R", "r")...)
			drive(app, StoreChangedMsg{}, RefreshMsg{}, RetryMsg{})
			if s.Reading() || s.Err() != nil || s.List().Len() != 0 {
				t.Errorf("reading %v, err %v, %d rows", s.Reading(), s.Err(), s.List().Len())
			}
			drive(app, keyMsg("2"), JumpMsg{Pane: PaneReturns, ID: "R-4100001"})
			if app.Focused() != Pane(s) || app.bar.notice.Err == nil || !strings.Contains(app.bar.notice.Err.Error(), tc.want) {
				t.Errorf("a jump here: focus %s, notice %v", app.Focused().ID(), app.bar.notice.Err)
			}
			if screen := ansi.Strip(app.View().Content); !strings.Contains(screen, tc.want) {
				t.Errorf("after the keys:\n%s", screen)
			}
		})
	}
}
