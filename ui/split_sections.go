package ui

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Sections are the config's saved views of a pane, shown as sub-tabs
// with their counts over everything stored: the pane's own view first
// ("All", with its filter menu), then each section, whose filter replaces
// the pane's while it is chosen ({ and } switch). The bulk key answers a
// section whole with its template; an automatic one is answered on each
// sync (autoAnswer).

// defaultDailyCap is the automatic answers of a section a day when the
// config names no cap.
const defaultDailyCap = 50

type sections struct {
	list []Section
	// at is the chosen section, -1 for the pane's own view.
	at int
	// counts are each section's items, all the pane's own view's; known
	// once read.
	counts []int
	all    int
	known  bool
	seq    Seq
	// autoBusy marks the automatic sections whose items are being read
	// or queued: one answer per section at a time.
	autoBusy map[int]bool
}

func newSections(all []Section, pane PaneID) sections {
	c := sections{at: -1, autoBusy: map[int]bool{}}
	for _, sec := range all {
		if sec.Pane == pane {
			c.list = append(c.list, sec)
		}
	}
	return c
}

// active is the chosen section, if any.
func (c *sections) active() (Section, bool) {
	if c.at < 0 || c.at >= len(c.list) {
		return Section{}, false
	}
	return c.list[c.at], true
}

// sectionCountsMsg is every section's count, and the pane's own view's.
type sectionCountsMsg struct {
	Pane   PaneID
	Seq    uint64
	Counts []int
	All    int
	Err    error
}

func (m sectionCountsMsg) TargetPane() PaneID { return m.Pane }

// readSections counts the sections' items in a command; nil without
// sections.
func (s *Split[T]) readSections() tea.Cmd {
	c := &s.bulk.sections
	if len(c.list) == 0 || s.rows() == nil {
		return nil
	}
	kind := s.cfg.Query().Kind
	own := s.cfg.Query()
	now := s.env.now()
	qs := make([]store.PaneQuery, len(c.list))
	for i, sec := range c.list {
		qs[i] = sec.query(kind, now)
	}
	seq, id, st, ctx := c.seq.Next(), s.cfg.ID, s.rows(), s.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		msg := sectionCountsMsg{Pane: id, Seq: seq, Counts: make([]int, len(qs))}
		var err error
		if msg.All, err = st.Count(ctx, own); err != nil {
			msg.Err = err
			return msg
		}
		for i, q := range qs {
			if msg.Counts[i], err = st.Count(ctx, q); err != nil {
				msg.Err = err
				return msg
			}
		}
		return msg
	}
}

func (s *Split[T]) sectionCounts(msg sectionCountsMsg) {
	c := &s.bulk.sections
	if !c.seq.Current(msg.Seq) || msg.Err != nil {
		return // the window's read reports the store's trouble
	}
	c.counts, c.all, c.known = msg.Counts, msg.All, true
}

// switchSection chooses the next (d = 1) or previous section, the pane's
// own view being the first, and reads the list anew.
func (s *Split[T]) switchSection(d int) tea.Cmd {
	c := &s.bulk.sections
	n := len(c.list) + 1
	c.at = ((c.at+1+d)%n+n)%n - 1
	s.layout() // the pane's filter note shows in its own view only
	// the sub-tab bar shows the chosen section: no notice to read
	return tea.Batch(s.reload(), s.readSections())
}

// sectionQuery is the chosen section's query in place of the pane's own.
func (s *Split[T]) sectionQuery(own store.PaneQuery) store.PaneQuery {
	sec, ok := s.bulk.sections.active()
	if !ok {
		return own
	}
	q := sec.query(own.Kind, s.env.now())
	q.Sort = own.Sort
	return q
}

// sectionBar is the sub-tab line: "All 120 │ 5★ без текста 87 │ …",
// the chosen one marked; "" without sections.
func (s *Split[T]) sectionBar(width int) string {
	c := &s.bulk.sections
	if len(c.list) == 0 {
		return ""
	}
	st := s.env.Styles
	count := func(n int) string {
		if !c.known {
			return ""
		}
		return " " + strconv.Itoa(n)
	}
	tab := func(i int, label string) string {
		label = safe.Line(label)
		if i == c.at {
			// the arrow says it without colour (NO_COLOR, a screen reader)
			return st.Accent.Bold(true).Render("› " + label + count(c.countOf(i)))
		}
		return st.Muted.Render(label + count(c.countOf(i)))
	}
	parts := []string{tab(-1, s.env.Tr.Get("section.all"))}
	for i, sec := range c.list {
		label := sec.Name
		if sec.Auto && sec.Template != "" {
			label += " ⟳"
		}
		parts = append(parts, tab(i, label))
	}
	sep := st.Divider.Render(" │ ")
	keys := st.Muted.Render("  " + keymap.Pair(s.env.Keys.List.PrevSection, s.env.Keys.List.NextSection) + " " + s.env.Tr.Get("section.keys"))
	line := strings.Join(parts, sep)
	if safe.Width(line)+safe.Width(keys) <= width {
		line += keys
	}
	return safe.Pad(safe.Truncate(line, width), width)
}

func (c *sections) countOf(i int) int {
	if i < 0 {
		return c.all
	}
	if i < len(c.counts) {
		return c.counts[i]
	}
	return 0
}

// autoAnswer answers the automatic sections after a sync wrote to the
// store: each section's items up to what is left of its daily cap, with
// its template, through the undo window (the batch waits it out, and u
// takes it back). Off unless the config says auto = true.
func (s *Split[T]) autoAnswer() tea.Cmd {
	c := &s.bulk.sections
	r := s.env.Replies
	if r == nil || r.Templates == nil || s.env.ReadOnly || s.cfg.Bulk == nil {
		return nil
	}
	var cmds []tea.Cmd
	for i, sec := range c.list {
		if !sec.Auto || sec.Template == "" || c.autoBusy[i] {
			continue
		}
		t, ok := r.Templates.Get(sec.Template)
		if !ok {
			continue
		}
		dailyCap := sec.DailyCap
		if dailyCap <= 0 {
			dailyCap = defaultDailyCap
		}
		left := min(dailyCap-sec.SentToday(r.Outbox, s.env.now()), bulkMax)
		if left <= 0 {
			continue
		}
		c.autoBusy[i] = true
		cmds = append(cmds, s.readAuto(i, t, left))
	}
	return tea.Batch(cmds...)
}

// readAuto reads section i's items for its automatic answer, which
// queues at most most of them: the read takes more, as some may be on
// their way already or not fit the template.
func (s *Split[T]) readAuto(i int, t reply.Template, most int) tea.Cmd {
	return s.readBulk(bulkTarget{section: i, auto: true, most: most}, t, bulkMax)
}

// autoRead queues what an automatic section's read found, without a
// preview: the batch waits out the undo window instead.
func (s *Split[T]) autoRead(msg bulkReadMsg[T]) tea.Cmd {
	c := &s.bulk.sections
	i := msg.Target.section
	if msg.Err != nil || i >= len(c.list) {
		c.autoBusy[i] = false
		return nil // the window's own read reports a failing store
	}
	sec := c.list[i]
	p := s.bulkLines(msg.Tmpl, msg.Items)
	ready := 0
	for j := range p.lines {
		if p.lines[j].skip != "" {
			continue
		}
		if ready++; ready > msg.Target.most {
			p.lines[j].skip = "cap" // past the daily cap: left for tomorrow
		}
	}
	cmd := s.queueBulk(p, sec.autoBatch()+strconv.FormatInt(s.env.now().UnixNano(), 36), sec.Name)
	if cmd == nil {
		c.autoBusy[i] = false
	}
	return cmd
}

// autoDone frees the automatic section named for its next sync.
func (s *Split[T]) autoDone(name string) {
	c := &s.bulk.sections
	for i, sec := range c.list {
		if sec.Name == name {
			c.autoBusy[i] = false
		}
	}
}
