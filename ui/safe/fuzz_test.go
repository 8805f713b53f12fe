package safe

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func FuzzSanitize(f *testing.F) {
	for _, tc := range hostile {
		f.Add(tc.in, 10)
	}
	f.Add(strings.Repeat("Очень длинная строка ", 500), 80)
	f.Add("\x9b\x9d\x90\x1b", 3)
	f.Add("中文👨‍👩‍👧‍👦e\u0301", 3)
	f.Fuzz(func(t *testing.T, s string, width int) {
		width %= 300
		assertInert(t, Line(s), false)
		assertInert(t, Text(s), true)
		if strings.Contains(Line(s), "\n") {
			t.Fatalf("Line kept a newline: %q", Line(s))
		}
		tr := Truncate(s, width)
		assertInert(t, tr, false)
		if w := Width(tr); w > max(width, 0) || w != lipgloss.Width(tr) {
			t.Fatalf("Truncate(%q, %d) = %q, width %d, lipgloss %d", s, width, tr, w, lipgloss.Width(tr))
		}
		wr := Wrap(s, width)
		assertInert(t, wr, true)
		limit := max(width, 2)
		for _, l := range strings.Split(wr, "\n") {
			if lipgloss.Width(l) > limit {
				t.Fatalf("Wrap(%q, %d) line %q wider than %d", s, width, l, limit)
			}
		}
		// Sanitizing is idempotent: the UI may apply it twice.
		if Line(Line(s)) != Line(s) || Text(Text(s)) != Text(s) {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}
