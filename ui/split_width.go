package ui

import (
	"context"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
)

// The list/detail split's width is a share of the window for the list,
// so that it still fits when the window is resized. Half the window by
// default: at 120 columns a row shows about 35 cells of the buyer's text
// (2/5 showed about 12 once the date, markers and deadline took theirs).
const (
	splitDefaultPercent = 50
	splitMinPercent     = 25
	splitMaxPercent     = 75
	splitStepPercent    = 5
	// splitMinColumn keeps either column readable whatever the share: a
	// row's fixed columns and some text, a detail's labels and values.
	splitMinColumn = 40
	// splitSettingKey is the store setting that remembers the share.
	splitSettingKey = "split.list_percent"
)

// SplitLayout is the split's width, one for every pane of the app (a
// resize in one tab holds in the others). Its methods run on the Update
// goroutine; nil means the default.
type SplitLayout struct{ percent int }

// NewSplitLayout is a layout giving the list percent of the window,
// clamped to the range `<` and `>` reach.
func NewSplitLayout(percent int) *SplitLayout {
	return &SplitLayout{percent: clampPercent(percent)}
}

// LoadSplitLayout reads the width remembered in the profile's store; a
// missing store, setting or unreadable value gives the default, since a
// layout is never worth refusing to start over.
func LoadSplitLayout(ctx context.Context, st *store.Store) *SplitLayout {
	if st == nil {
		return NewSplitLayout(splitDefaultPercent)
	}
	v, ok, err := st.Setting(ctx, splitSettingKey)
	if err != nil || !ok {
		return NewSplitLayout(splitDefaultPercent)
	}
	p, err := strconv.Atoi(v)
	if err != nil {
		return NewSplitLayout(splitDefaultPercent)
	}
	return NewSplitLayout(p)
}

// Percent is the list's share of the window.
func (l *SplitLayout) Percent() int {
	if l == nil {
		return splitDefaultPercent
	}
	return l.percent
}

func clampPercent(p int) int { return min(max(p, splitMinPercent), splitMaxPercent) }

// listColumn is the list's width in a window w cells wide that shows
// both columns: the share, kept splitMinColumn from either edge.
func (l *SplitLayout) listColumn(w int) int {
	lw := w * l.Percent() / 100
	return max(min(lw, w-1-splitMinColumn), splitMinColumn)
}

// step widens (+1) or narrows (-1) the list; false when it is at its
// limit already, so nothing is redrawn or saved.
func (l *SplitLayout) step(dir int) bool {
	if l == nil {
		return false
	}
	p := clampPercent(l.percent + dir*splitStepPercent)
	if p == l.percent {
		return false
	}
	l.percent = p
	return true
}

// SaveSplitLayout writes l to the profile's store when it differs from
// what the store holds: the app calls it as it ends, after the program,
// because the last < or > may come just before q, and its command's
// write would be lost with the program.
func SaveSplitLayout(ctx context.Context, st *store.Store, l *SplitLayout) error {
	if st == nil || l == nil {
		return nil
	}
	want := strconv.Itoa(l.Percent())
	if v, ok, err := st.Setting(ctx, splitSettingKey); err == nil && ok && v == want {
		return nil
	} else if err == nil && !ok && l.Percent() == splitDefaultPercent {
		return nil
	}
	return st.SetSetting(ctx, splitSettingKey, want)
}

// saveSplit remembers the width in the profile's store, in a command: a
// write never runs inside Update. A failed write is in the --debug log
// (the store logs its failures) and the width holds for this run: no
// message, since nothing on screen could be done about it.
func saveSplit(ctx context.Context, st *store.Store, percent int) tea.Cmd {
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		_ = st.SetSetting(ctx, splitSettingKey, strconv.Itoa(percent))
		return nil
	}
}

// resize handles < and > on a wide list: the split moves for every pane
// and is remembered.
func (s *Split[T]) resize(dir int) tea.Cmd {
	if !s.wide() || s.env.Layout == nil || !s.env.Layout.step(dir) {
		return nil
	}
	s.layout()
	return saveSplit(s.env.Ctx, s.env.Store, s.env.Layout.Percent())
}
