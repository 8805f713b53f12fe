package safe

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks text cut by Truncate; it is one cell wide.
const Ellipsis = "…"

// Width is the display width of sanitized text in terminal cells, counted
// by grapheme cluster: Cyrillic is 1, CJK and emoji 2, a ZWJ family one
// 2-cell grapheme. It is the measure lipgloss uses for layout.
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate sanitizes s as one line and cuts it to at most width cells,
// ending with an ellipsis when something was cut. Graphemes are never
// split, so a wide character that would straddle the edge is dropped
// whole.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s, cut := truncateInput(s, width)
	s = Line(s)
	if cut {
		if width == 1 {
			return Ellipsis
		}
		return endCut(s, width)
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width == 1 {
		return Ellipsis
	}
	return ansi.Truncate(s, width, Ellipsis)
}

// Pad truncates s like Truncate and right-pads it with spaces to exactly
// width cells, for column layouts.
func Pad(s string, width int) string {
	s = Truncate(s, width)
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// Wrap sanitizes s as multi-line text and wraps it to width cells, at
// spaces where possible and between graphemes inside words longer than a
// line. A width below 2 cannot hold a wide character, so it is raised to 2.
// (ansi.Wrap is not used: it overflows by one cell after a leading space.)
func Wrap(s string, width int) string {
	width = max(width, 2)
	return cachedWrap(s, width, func() string { return wrap(s, width) })
}

func wrap(s string, width int) string {
	s = Text(s)
	lines := strings.Split(s, "\n")
	var out []string
	for _, l := range lines {
		if ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		out = wrapLine(out, l, width)
	}
	return strings.Join(out, "\n")
}

// wrapLine appends the wrapped lines of one sanitized line to out. A space
// where a line breaks is dropped; spaces inside a line are kept.
func wrapLine(out []string, l string, width int) []string {
	var cur strings.Builder
	curW := 0
	flush := func() {
		out = append(out, cur.String())
		cur.Reset()
		curW = 0
	}
	for i, word := range strings.Split(l, " ") {
		ww := ansi.StringWidth(word)
		if i > 0 {
			switch {
			case curW+1+ww <= width:
				cur.WriteByte(' ')
				cur.WriteString(word)
				curW += 1 + ww
				continue
			case curW > 0:
				flush()
			}
		}
		if curW+ww <= width {
			cur.WriteString(word)
			curW += ww
			continue
		}
		for rest := word; rest != ""; {
			g, gw := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
			if g == "" {
				// never expected on valid UTF-8, but a loop that cannot
				// advance must not hang the UI
				_, n := utf8.DecodeRuneInString(rest)
				g, gw = rest[:n], 1
			}
			rest = rest[len(g):]
			if curW+gw > width && curW > 0 {
				flush()
			}
			cur.WriteString(g)
			curW += gw
		}
	}
	if curW > 0 || cur.Len() > 0 {
		flush()
	}
	return out
}

// PadLeft truncates s like Truncate and left-pads it with spaces to
// exactly width cells, for numbers in columns.
func PadLeft(s string, width int) string {
	s = Truncate(s, width)
	if w := ansi.StringWidth(s); w < width {
		s = strings.Repeat(" ", width-w) + s
	}
	return s
}
