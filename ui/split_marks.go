package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"
)

// Marks choose items for a bulk answer: space marks or unmarks the
// selected item, V marks every item from the last one marked to the
// cursor, esc clears them. They are kept by store ID, so a window read
// again (a sync, a scroll, a new / text) keeps them, and a range reaches
// past the window through the store.

// markRangeMax bounds one V: a range longer than a day's work is a slip
// of the cursor more likely than a wish.
const markRangeMax = 1000

// marks are the marked IDs in the order marked; last is where V's range
// starts, lastPos its list position when it was marked (where the range
// starts when the item has left the window).
type marks struct {
	ids     map[string]bool
	order   []string
	last    string
	lastPos int
}

func (m *marks) n() int                   { return len(m.order) }
func (m *marks) has(id string) bool       { return m.ids[id] }
func (m *marks) list() []string           { return slices.Clone(m.order) }
func (m *marks) clear()                   { *m = marks{} }
func (m *marks) setLast(id string, p int) { m.last, m.lastPos = id, p }

func (m *marks) add(id string) {
	if m.ids == nil {
		m.ids = map[string]bool{}
	}
	if !m.ids[id] {
		m.ids[id] = true
		m.order = append(m.order, id)
	}
}

func (m *marks) remove(id string) {
	if !m.ids[id] {
		return
	}
	delete(m.ids, id)
	m.order = slices.DeleteFunc(m.order, func(x string) bool { return x == id })
}

// markRangeMsg is the IDs between the last mark and the cursor, read
// from the store.
type markRangeMsg struct {
	Pane PaneID
	Seq  uint64
	IDs  []string
	Err  error
}

func (m markRangeMsg) TargetPane() PaneID { return m.Pane }

// marking reports whether the pane takes marks: it answers in bulk and
// reads a store.
func (s *Split[T]) marking() bool { return s.cfg.Bulk != nil && s.rows() != nil }

// Marked are the marked items' IDs, in the order marked.
func (s *Split[T]) Marked() []string { return s.bulk.marks.list() }

// toggleMark marks or unmarks the selected item.
func (s *Split[T]) toggleMark() tea.Cmd {
	i, ok := s.selIndex()
	if !ok || s.cfg.Key == nil {
		return nil
	}
	id := s.cfg.Key(s.items[i])
	m := &s.bulk.marks
	if m.has(id) {
		m.remove(id)
	} else {
		m.add(id)
		m.setLast(id, s.winStart+i)
	}
	s.marksChanged()
	return nil
}

// markRange marks every item from the last marked one to the cursor, in
// the pane's order as it is now; with no mark yet it marks the cursor's.
func (s *Split[T]) markRange() tea.Cmd {
	i, ok := s.selIndex()
	if !ok || s.cfg.Key == nil {
		return nil
	}
	m := &s.bulk.marks
	cur := s.winStart + i
	if m.last == "" {
		return s.toggleMark()
	}
	from := m.lastPos
	if j := s.indexOf(m.last); j >= 0 {
		from = s.winStart + j
	}
	lo, hi := min(from, cur), max(from, cur)
	if hi-lo+1 > markRangeMax {
		lo = hi - markRangeMax + 1
		if cur < from {
			lo, hi = cur, cur+markRangeMax-1
		}
	}
	q, anchor := s.query(), s.anchors[i]
	s.bulk.reading = true
	seq, id, st, ctx := s.bulk.rangeSeq.Next(), s.cfg.ID, s.rows(), s.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		rows, _, _, err := st.Window(ctx, q, anchor, cur-lo, hi-cur)
		msg := markRangeMsg{Pane: id, Seq: seq, Err: err}
		for _, r := range rows {
			if r.Pos >= lo && r.Pos <= hi {
				msg.IDs = append(msg.IDs, r.ID)
			}
		}
		return msg
	}
}

func (s *Split[T]) rangeMarked(msg markRangeMsg) tea.Cmd {
	if !s.bulk.rangeSeq.Current(msg.Seq) {
		return nil
	}
	s.bulk.reading = false
	if msg.Err != nil {
		return noticeErr(msg.Err)
	}
	for _, id := range msg.IDs {
		s.bulk.marks.add(id)
	}
	if i, ok := s.selIndex(); ok {
		s.bulk.marks.setLast(s.cfg.Key(s.items[i]), s.winStart+i)
	}
	s.marksChanged()
	return nil
}

// clearMarks drops every mark (esc on the list, or a bulk answer
// queued).
func (s *Split[T]) clearMarks() {
	s.bulk.marks.clear()
	s.marksChanged()
}

// marksChanged lays the pane out again when the marks line came or went.
func (s *Split[T]) marksChanged() {
	if s.noteLines() != s.laidNote {
		s.layout()
	}
}

// markColumn is the row's mark column while anything is marked: the
// marker or blanks; "" while nothing is, so rows keep their full width.
func (s *Split[T]) markColumn(it T) string {
	if s.bulk.marks.n() == 0 || s.cfg.Key == nil {
		return ""
	}
	if s.bulk.marks.has(s.cfg.Key(it)) {
		return s.env.Styles.Accent.Render(MarkMarked) + " "
	}
	return "  "
}
