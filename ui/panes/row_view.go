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
	// drop > 0: the column goes when the row is too narrow, the lowest
	// drop first; 0: it stays at any width.
	drop int
	// shrink > 0: before anything is dropped the column may be cut, with
	// an ellipsis, down to this many cells.
	shrink int
	// style overrides the row's style for this column (an urgent
	// deadline); nil keeps the row's.
	style *lipgloss.Style
}

// rowMinText is the room the fixed columns leave the free text before
// they shrink or go.
const rowMinText = 24

// fitRow cuts and drops columns until they leave the free text its room
// in width cells (or all it needs, when it is shorter).
func fitRow(width int, cols []rowCol, text string) []rowCol {
	want := min(rowMinText, safe.Width(text))
	need := func(cs []rowCol) int {
		w := want
		for _, c := range cs {
			w += safe.Width(c.text) + 1
		}
		return w
	}
	if need(cols) <= width {
		return cols
	}
	out := slices.Clone(cols)
	for i := range out {
		over := need(out) - width
		if over <= 0 {
			return out
		}
		if out[i].shrink > 0 {
			if w := safe.Width(out[i].text); w > out[i].shrink {
				out[i].text = safe.Pad(strings.TrimRight(out[i].text, " "), max(out[i].shrink, w-over))
			}
		}
	}
	for level := 1; need(out) > width; level++ {
		n := len(out)
		out = slices.DeleteFunc(out, func(c rowCol) bool { return c.drop == level })
		if len(out) == n && !slices.ContainsFunc(out, func(c rowCol) bool { return c.drop > level }) {
			break
		}
	}
	return out
}

// drawRow lays a row out in exactly width cells: the fixed columns, then
// the free text cut with an ellipsis. A selected row is styled whole;
// otherwise base styles it, a column's own style its column.
func drawRow(width int, cols []rowCol, text string, base lipgloss.Style, selected bool, st theme.Styles) string {
	cols = fitRow(width, cols, text)
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
