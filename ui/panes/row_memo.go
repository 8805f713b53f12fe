package panes

import "github.com/sellerinbox/sellerinbox/theme"

// rowMemo keeps a row's last rendering. The list draws every visible row
// for every frame, and a question's or feedback's row changes only with
// its width, its selection, its reply mark and the styles: its item and
// its clock are fixed when its window is read. With 20 agents on one
// serve process, drawing ~40 rows anew per keypress was most of its
// time (BenchmarkServeSessions). Whoever changes a row's item in place
// resets its memo.
type rowMemo struct {
	width    int
	selected bool
	mark     string
	styles   uint64
	out      string
	ok       bool
}

// row is the memo's rendering for these inputs, drawn again when they
// differ (or the styles were not built by theme.NewWith: Gen 0).
func (m *rowMemo) row(width int, selected bool, mark string, st theme.Styles, draw func() string) string {
	if m.ok && st.Gen != 0 && m.styles == st.Gen && m.width == width && m.selected == selected && m.mark == mark {
		return m.out
	}
	out := draw()
	*m = rowMemo{width: width, selected: selected, mark: mark, styles: st.Gen, out: out, ok: true}
	return out
}
