package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
)

// dividerAt is the cell of the first row's divider: the list's width.
func dividerAt(t *testing.T, s *Split[models.Question]) int {
	t.Helper()
	first := strings.Split(ansi.Strip(s.View()), "\n")[0]
	i := strings.Index(first, "│")
	if i < 0 {
		t.Fatalf("no divider in %q", first)
	}
	return ansi.StringWidth(first[:i])
}

// TestSplitResizeKeys: < and > move the split in steps, stop at the
// limits (either column keeps 40 cells), and every step is remembered
// in the profile's store, which the next run reads.
func TestSplitResizeKeys(t *testing.T) {
	st := windowStore(t, 30)
	tests := []struct {
		name  string
		keys  string
		width int // the list's width at 120 columns
		saved string
	}{
		{"default is half", "", 60, ""},
		{"narrower", "<", 54, "45"},
		{"wider twice", ">>", 72, "60"},
		{"the list keeps 40 cells", "<<<<<<<<<<", 40, "25"},
		{"the detail keeps 40 cells", ">>>>>>>>>>", 79, "75"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := st.SetSetting(context.Background(), splitSettingKey, "50"); err != nil {
				t.Fatal(err)
			}
			s := windowSplit(t, st, "en")
			s.env.Layout = LoadSplitLayout(context.Background(), st)
			s.layout()
			for _, k := range tt.keys {
				wdrive(s, run(s.key(keyMsg(string(k))))...)
			}
			if got := dividerAt(t, s); got != tt.width {
				t.Errorf("list %d cells wide, want %d", got, tt.width)
			}
			want := tt.saved
			if want == "" {
				want = "50"
			}
			if v, _, _ := st.Setting(context.Background(), splitSettingKey); v != want {
				t.Errorf("saved %q, want %q", v, want)
			}
			if got := LoadSplitLayout(context.Background(), st).listColumn(120); got != tt.width {
				t.Errorf("the next run's list is %d cells wide, want %d", got, tt.width)
			}
		})
	}
}

// TestSplitResizeHoldsInEveryPane: another pane sharing the layout is
// drawn at the new width without a resize of its own; a narrow window,
// which shows one column, ignores the keys.
func TestSplitResizeHoldsInEveryPane(t *testing.T) {
	st := windowStore(t, 30)
	a, b := windowSplit(t, st, "ru"), windowSplit(t, st, "ru")
	b.env.Layout = a.env.Layout
	run(a.key(keyMsg(">")))
	if got := dividerAt(t, b); got != 66 {
		t.Errorf("the other pane's list is %d cells wide, want 66", got)
	}
	a.SetSize(80, 20)
	if cmd := a.key(keyMsg("<")); cmd != nil || a.env.Layout.Percent() != 55 {
		t.Errorf("< on a narrow window moved the split to %d%%", a.env.Layout.Percent())
	}
}

// TestLoadSplitLayoutDefaults: no store, no setting or a value that is
// not a number give the default; a remembered value out of range is
// clamped.
func TestLoadSplitLayoutDefaults(t *testing.T) {
	st := windowStore(t, 0)
	ctx := context.Background()
	if p := LoadSplitLayout(ctx, nil).Percent(); p != splitDefaultPercent {
		t.Errorf("no store: %d", p)
	}
	if p := LoadSplitLayout(ctx, st).Percent(); p != splitDefaultPercent {
		t.Errorf("no setting: %d", p)
	}
	for v, want := range map[string]int{"wide": splitDefaultPercent, "99": splitMaxPercent, "3": splitMinPercent, "40": 40} {
		if err := st.SetSetting(ctx, splitSettingKey, v); err != nil {
			t.Fatal(err)
		}
		if p := LoadSplitLayout(ctx, st).Percent(); p != want {
			t.Errorf("setting %q: %d%%, want %d%%", v, p, want)
		}
	}
	var none *SplitLayout
	if none.listColumn(160) != 80 || none.step(1) {
		t.Error("a nil layout is not the fixed default")
	}
}

// TestSaveSplitLayoutAtExit: the width is written when the store holds
// another (the last key's write may not have run), and not at all when
// it holds the same or, never set, the default.
func TestSaveSplitLayoutAtExit(t *testing.T) {
	ctx := context.Background()
	st := windowStore(t, 0)
	if err := SaveSplitLayout(ctx, st, NewSplitLayout(splitDefaultPercent)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Setting(ctx, splitSettingKey); ok {
		t.Error("the default was written over nothing")
	}
	l := NewSplitLayout(splitDefaultPercent)
	l.step(1)
	if err := SaveSplitLayout(ctx, st, l); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := st.Setting(ctx, splitSettingKey); v != "55" {
		t.Errorf("saved %q, want 55", v)
	}
	l.step(-1)
	if err := SaveSplitLayout(ctx, st, l); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := st.Setting(ctx, splitSettingKey); v != "50" {
		t.Errorf("back to the default: saved %q, want 50", v)
	}
	if SaveSplitLayout(ctx, nil, l) != nil || SaveSplitLayout(ctx, st, nil) != nil {
		t.Error("nothing to save is no error")
	}
}
