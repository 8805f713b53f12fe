package panes

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// rowCol is one fixed column of a list row, padded to its width. A narrow
// list makes room for the free text by cutting, then dropping, the
// columns that matter least; money, deadlines and marks stay whole.
type rowCol struct {
	text string
	// drop > 0: the column goes at that step when the row is too narrow;
	// 0: it stays at any width.
	drop int
	// shrink > 0: at that step the column is cut, with an ellipsis, as
	// far as needed but not below minW cells.
	shrink, minW int
	// style overrides the row's style for this column (an urgent
	// deadline); nil keeps the row's.
	style *lipgloss.Style
}

// rowMinText is the room the fixed columns leave the free text before
// they shrink or go. It does not depend on the row's own text, so every
// row of a list keeps the same columns.
const rowMinText = 24

// fitRow cuts and drops columns, step by step (rowCol.drop and shrink),
// until they leave the free text rowMinText cells of width.
func fitRow(width int, cols []rowCol) []rowCol {
	need := func(cs []rowCol) int {
		w := rowMinText
		for _, c := range cs {
			w += safe.Width(c.text) + 1
		}
		return w
	}
	if need(cols) <= width {
		return cols
	}
	last := 0
	for _, c := range cols {
		last = max(last, c.drop, c.shrink)
	}
	out := slices.Clone(cols)
	for step := 1; step <= last && need(out) > width; step++ {
		for i := range out {
			over := need(out) - width
			if out[i].shrink != step || over <= 0 {
				continue
			}
			if w := safe.Width(out[i].text); w > out[i].minW {
				out[i].text = safe.Pad(strings.TrimRight(out[i].text, " "), max(out[i].minW, w-over))
			}
		}
		if need(out) > width {
			out = slices.DeleteFunc(out, func(c rowCol) bool { return c.drop == step })
		}
	}
	return out
}

// drawRow lays a row out in exactly width cells: the fixed columns, then
// the free text cut with an ellipsis. A selected row is styled whole;
// otherwise base styles it, a column's own style its column.
func drawRow(width int, cols []rowCol, text string, base lipgloss.Style, selected bool, st theme.Styles) string {
	cols = fitRow(width, cols)
	type seg struct {
		s     string
		style *lipgloss.Style
	}
	var segs []seg
	used := 0
	for _, c := range cols {
		segs = append(segs, seg{c.text, c.style}, seg{" ", nil})
		used += safe.Width(c.text) + 1
	}
	room := max(width-used, 0)
	if ansi.StringWidth(text) > room {
		text = ansi.Truncate(text, room, safe.Ellipsis)
	}
	segs = append(segs, seg{text + strings.Repeat(" ", max(room-ansi.StringWidth(text), 0)), nil})
	if used > width || selected {
		var line strings.Builder
		for _, s := range segs {
			line.WriteString(s.s)
		}
		l := line.String()
		if used > width {
			l = ansi.Truncate(l, width, "")
		}
		if selected {
			return st.RowSelected.Render(l)
		}
		return base.Render(l)
	}
	var b, run strings.Builder
	for _, s := range segs {
		if s.style == nil {
			run.WriteString(s.s)
			continue
		}
		if run.Len() > 0 {
			b.WriteString(base.Render(run.String()))
			run.Reset()
		}
		b.WriteString(s.style.Render(s.s))
	}
	if run.Len() > 0 {
		b.WriteString(base.Render(run.String()))
	}
	return b.String()
}

// rowBase is a row's style: items waiting for the seller stand out.
func rowBase(waiting bool, st theme.Styles) lipgloss.Style {
	if waiting {
		return st.RowUnread
	}
	return st.Row
}
