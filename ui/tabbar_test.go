package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestTabBarKeepsDigitsAt80Columns: the six tabs of a busy Russian inbox
// fit 80 columns with every title whole and every key digit shown (they
// were cut to "Входящ…" and lost the digits); narrower, titles shorten
// before the digits go, and the bar never overflows.
func TestTabBarKeepsDigitsAt80Columns(t *testing.T) {
	env := testEnv(i18n.RU)
	panes := []Pane{
		&recPane{id: PaneInbox, title: "Входящие", badge: 350},
		&recPane{id: PaneReturns, title: "Возвраты", badge: 24},
		&recPane{id: PaneQuestions, title: "Вопросы", badge: 73},
		&recPane{id: PaneFeedbacks, title: "Отзывы", badge: 57},
		&recPane{id: PaneChats, title: "Чаты", badge: 88},
		&recPane{id: PaneClaims, title: "Заявки", badge: 108},
	}
	tests := []struct {
		width       int
		wholeTitles bool
		digits      bool
	}{
		{160, true, true},
		{80, true, true},
		{66, false, true},
		{40, false, false},
	}
	for _, tc := range tests {
		app := New(env, AppOptions{FixedTheme: true}, panes...)
		drive(app, tea.WindowSizeMsg{Width: tc.width, Height: 24})
		bar := ansi.Strip(app.tabBar())
		if w := ansi.StringWidth(bar); w > tc.width {
			t.Errorf("%d columns: the bar is %d wide: %q", tc.width, w, bar)
		}
		for i, p := range panes {
			r := p.(*recPane)
			if tc.wholeTitles && !strings.Contains(bar, r.title) {
				t.Errorf("%d columns: %q is cut: %q", tc.width, r.title, bar)
			}
			if digit := "012345"[i : i+1]; tc.digits && !strings.Contains(bar, digit+" ") {
				t.Errorf("%d columns: the key %s is gone: %q", tc.width, digit, bar)
			}
		}
	}
}
