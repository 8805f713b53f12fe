package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// BenchmarkPaneKeypressStore is BenchmarkPaneKeypress with the pane as
// shipped: a Split reading windows of a SQLite store of n questions. The
// window reads the store again as the cursor nears its edge; those reads
// run here too (as the commands a keypress returns), so their cost is
// spread over the keypresses that need them.
func BenchmarkPaneKeypressStore(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			st := windowStore(b, n)
			s := windowSplit(b, st, i18n.RU)
			app := New(s.env, AppOptions{FixedTheme: true, Profile: "default"}, s)
			drive(app, tea.WindowSizeMsg{Width: 120, Height: 40})
			drive(app, run(app.Init())...)
			down, top := keyMsg("j"), keyMsg("g")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				msg := tea.Msg(down)
				if s.List().Cursor() == n-1 {
					msg = top
				}
				drive(app, msg)
				_ = app.View()
			}
		})
	}
}
