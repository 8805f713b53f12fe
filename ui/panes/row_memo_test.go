package panes

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/theme"
)

// TestRowMemo: a row is drawn again exactly when what it shows can differ
// (width, selection, reply mark, styles), and never kept for styles that
// were not built (Gen 0).
func TestRowMemo(t *testing.T) {
	dark, light := theme.NewWith(theme.Options{Dark: true}), theme.NewWith(theme.Options{})
	var m rowMemo
	draws := 0
	draw := func() string { draws++; return "row" }
	steps := []struct {
		name     string
		width    int
		selected bool
		mark     string
		st       theme.Styles
		drawn    bool
	}{
		{"first", 40, false, "", dark, true},
		{"same", 40, false, "", dark, false},
		{"wider", 50, false, "", dark, true},
		{"selected", 50, true, "", dark, true},
		{"a reply mark", 50, true, "✎", dark, true},
		{"other styles", 50, true, "✎", light, true},
		{"same again", 50, true, "✎", light, false},
		{"unbuilt styles", 50, true, "✎", theme.Styles{}, true},
		{"unbuilt again", 50, true, "✎", theme.Styles{}, true},
	}
	for _, s := range steps {
		before := draws
		m.row(s.width, s.selected, s.mark, s.st, draw)
		if got := draws > before; got != s.drawn {
			t.Errorf("%s: drawn %v, want %v", s.name, got, s.drawn)
		}
	}
}
