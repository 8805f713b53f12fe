// Package list is the windowed list every pane uses. Items stay with the
// pane and are reached by index, so the list never copies or walks them
// to draw: View renders only the rows on screen, which keeps a keypress
// equally cheap at 1k and 100k items. bubbles/list is not used because its
// paginator and fuzzy filter are linear per keypress and too slow at 100k.
package list

import (
	"bytes"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Source is the pane's item store as the list sees it. Indices are stable
// until the pane calls Reset; items may only be appended in between.
type Source interface {
	Len() int
	// Row renders item i in exactly one line of at most width cells.
	// Buyer text in it must already be sanitized (package safe).
	Row(i, width int, selected bool) string
	// FilterText is what / searches in: the item's visible text, raw.
	FilterText(i int) string
}

// Options configure a list. Zero values get defaults.
type Options struct {
	Keys   keymap.KeyMap
	Styles theme.Styles
	Tr     i18n.T
	// NearEnd is how many rows before the end NearEnd starts reporting;
	// default is one screen.
	NearEnd int
	// Remote: the source is a window over a list kept elsewhere (the
	// store), Len is that whole list's length under the query, and
	// the owner filters: / only records the query (Query, QueryChanged)
	// and Counts supplies the "12 of 14,305" of the filter line. Rows
	// outside the owner's window are drawn as placeholders by the source.
	Remote bool
	// Counts is the filter line's "matched of all" in Remote mode.
	Counts func() (matched, all int)
}

// Model is a windowed list over a Source. It is used by pointer: Update
// changes it in place and reports whether it used the message.
type Model struct {
	src Source
	opt Options

	width, height int

	// Folded filter keys of all items, concatenated: item i is
	// arena[offs[i]:offs[i+1]].
	arena []byte
	offs  []int32

	typing  bool   // the / prompt has the keyboard
	query   string // as typed
	folded  []byte
	exact   bool
	matched []int32 // matching items in index order: input of a refine
	ranked  []int32 // matching items in display order
	spare   []int32 // recycled buffer for the next matched
	rk      ranker

	cursor int // position in the visible sequence
	offset int // first visible position on screen

	queryChanged bool // Remote: the query changed since TakeQueryChange
}

// New returns a list over src.
func New(src Source, opt Options) *Model {
	m := &Model{src: src, opt: opt}
	m.Reset()
	return m
}

// SetSize sets the list's box, including the filter line when shown.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.clamp()
}

// SetStyles replaces the theme (e.g. after a background colour report).
func (m *Model) SetStyles(s theme.Styles) { m.opt.Styles = s }

// SetKeys replaces the key map (after a rebind).
func (m *Model) SetKeys(k keymap.KeyMap) { m.opt.Keys = k }

// Reset rebuilds the filter keys after the source's items were replaced.
// The cursor stays at the same position, clamped.
func (m *Model) Reset() {
	if m.opt.Remote {
		m.clamp()
		return
	}
	m.arena, m.offs = m.arena[:0], append(m.offs[:0], 0)
	m.extendKeys()
	m.refilter()
}

// Appended tells the list that items were added at the end of the source.
// The cursor stays on the item it was on.
func (m *Model) Appended() {
	sel, ok := m.Selected()
	m.extendKeys()
	if m.query == "" {
		m.clamp()
		return
	}
	m.refilter()
	if ok {
		m.Select(sel)
	}
}

func (m *Model) extendKeys() {
	if m.opt.Remote {
		return // the owner filters; nothing to index here
	}
	for i := len(m.offs) - 1; i < m.src.Len(); i++ {
		m.arena = foldInto(m.arena, m.src.FilterText(i))
		m.offs = append(m.offs, int32(len(m.arena)))
	}
}

func (m *Model) key(i int32) []byte { return m.arena[m.offs[i]:m.offs[i+1]] }

// Len is the number of visible items (matches while filtered).
func (m *Model) Len() int {
	if m.query != "" && !m.opt.Remote {
		return len(m.ranked)
	}
	return m.src.Len()
}

// Total is the number of items in the source.
func (m *Model) Total() int { return m.src.Len() }

// Cursor is the cursor's position among the visible items.
func (m *Model) Cursor() int { return m.cursor }

// Offset is the position of the first row on screen.
func (m *Model) Offset() int { return m.offset }

// Selected returns the source index under the cursor.
func (m *Model) Selected() (int, bool) {
	if m.Len() == 0 {
		return 0, false
	}
	return m.at(m.cursor), true
}

func (m *Model) at(pos int) int {
	if m.query != "" && !m.opt.Remote {
		return int(m.ranked[pos])
	}
	return pos
}

// Select moves the cursor to source index i if it is visible.
func (m *Model) Select(i int) bool {
	if m.query == "" || m.opt.Remote {
		if i < 0 || i >= m.src.Len() {
			return false
		}
		m.cursor = i
		m.scrollToCursor()
		return true
	}
	for p, v := range m.ranked {
		if int(v) == i {
			m.cursor = p
			m.scrollToCursor()
			return true
		}
	}
	return false
}

// NearEnd reports that the cursor is within a screen of the last item, so
// the pane should fetch its next page. It is false while filtering: the
// filter is over what is loaded, and a short result would otherwise pull
// every page.
func (m *Model) NearEnd() bool {
	n := m.Len()
	if m.query != "" || n == 0 || m.opt.Remote {
		return false
	}
	margin := m.opt.NearEnd
	if margin <= 0 {
		margin = max(m.rowsHeight(), 10)
	}
	return m.cursor >= n-1-margin
}

// Typing reports whether the / prompt has the keyboard: the pane is in
// filter mode and every key belongs to the list.
func (m *Model) Typing() bool { return m.typing }

// Query is the current filter, empty when none.
func (m *Model) Query() string { return m.query }

// SetQuery filters by q (sanitized as one line) and puts the cursor on the
// best match.
func (m *Model) SetQuery(q string) {
	q = safe.Line(q)
	if q == m.query {
		return
	}
	m.filter(q)
	m.cursor, m.offset = 0, 0
}

// ClearFilter drops the filter and keeps the cursor on the selected item.
func (m *Model) ClearFilter() {
	sel, ok := m.Selected()
	m.typing = false
	m.filter("")
	m.cursor, m.offset = 0, 0
	if ok {
		m.Select(sel)
	}
}

func (m *Model) refilter() {
	q := m.query
	m.query = ""
	m.filter(q)
	m.clamp()
}

// filter sets the query and computes the matches. When the new query
// extends the previous one, only the previous matches can match (a
// subsequence of q+c is a subsequence of q), so only they are rescanned;
// otherwise all items are.
func (m *Model) filter(q string) {
	if m.opt.Remote {
		m.queryChanged = m.queryChanged || q != m.query
		m.query = q
		return
	}
	if q == "" {
		m.query, m.folded, m.matched, m.ranked = "", nil, m.matched[:0], m.ranked[:0]
		return
	}
	folded, exact := foldQuery(q)
	refine := m.query != "" && exact && m.exact && len(folded) > len(m.folded) && bytes.HasPrefix(folded, m.folded)
	m.rk.reset()
	switch {
	case !exact:
		lq := strings.ToLower(q)
		for i := range m.src.Len() {
			if s, ok := matchSlow(m.src.FilterText(i), lq); ok {
				m.rk.add(i, s)
			}
		}
	case refine:
		for _, i := range m.matched {
			if s, ok := score(m.key(i), folded); ok {
				m.rk.add(int(i), s)
			}
		}
	default:
		for i := range int32(len(m.offs) - 1) {
			if s, ok := score(m.key(i), folded); ok {
				m.rk.add(int(i), s)
			}
		}
	}
	m.query, m.folded, m.exact = q, folded, exact
	// rk.idx becomes matched; the old matched buffer is recycled as the
	// ranker's next scratch, so steady typing allocates nothing.
	m.matched, m.spare = append(m.spare[:0], m.rk.idx...), m.matched
	m.ranked = m.rk.rank(m.ranked)
}

// TakeQueryChange reports, once, that the query changed in Remote mode:
// the owner then reads the matches again.
func (m *Model) TakeQueryChange() bool {
	ch := m.queryChanged
	m.queryChanged = false
	return ch
}

// Update handles keys and pastes for the list; it reports whether it used
// the message. While Typing, every key press is used.
func (m *Model) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.typing {
			m.typeKey(msg)
			return true
		}
		return m.navigate(msg)
	case tea.PasteMsg:
		if m.typing {
			m.SetQuery(m.query + msg.Content)
			return true
		}
	}
	return false
}

func (m *Model) typeKey(msg tea.KeyPressMsg) {
	f := m.opt.Keys.Filter
	switch {
	case key.Matches(msg, f.Apply):
		m.typing = false
		if m.query == "" {
			m.ClearFilter()
		}
	case key.Matches(msg, f.Clear):
		m.ClearFilter()
	case key.Matches(msg, f.Up):
		m.move(-1)
	case key.Matches(msg, f.Down):
		m.move(1)
	case msg.Code == tea.KeyBackspace:
		if r := []rune(m.query); len(r) > 0 {
			m.SetQuery(string(r[:len(r)-1]))
		}
	case msg.Code == 'u' && msg.Mod == tea.ModCtrl:
		m.SetQuery("")
	case msg.Text != "" && msg.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) == 0:
		m.SetQuery(m.query + msg.Text)
	}
}

func (m *Model) navigate(msg tea.KeyPressMsg) bool {
	l := m.opt.Keys.List
	page := max(m.rowsHeight(), 1)
	switch {
	case key.Matches(msg, l.Up):
		m.move(-1)
	case key.Matches(msg, l.Down):
		m.move(1)
	case key.Matches(msg, l.Top):
		m.move(-m.Len())
	case key.Matches(msg, l.Bottom):
		m.move(m.Len())
	case key.Matches(msg, l.PageUp):
		m.move(-page)
	case key.Matches(msg, l.PageDown):
		m.move(page)
	case key.Matches(msg, l.HalfUp):
		m.move(-max(page/2, 1))
	case key.Matches(msg, l.HalfDown):
		m.move(max(page/2, 1))
	case key.Matches(msg, l.Filter):
		m.typing = true
	case key.Matches(msg, l.Back) && m.query != "":
		m.ClearFilter()
	default:
		return false
	}
	return true
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
}

func (m *Model) clamp() {
	n := m.Len()
	m.cursor = max(min(m.cursor, n-1), 0)
	m.scrollToCursor()
}

// scrollToCursor moves the window the least needed to show the cursor.
func (m *Model) scrollToCursor() {
	h := max(m.rowsHeight(), 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, m.Len()-h), 0)
}

func (m *Model) showFilterLine() bool { return m.typing || m.query != "" }

func (m *Model) rowsHeight() int {
	if m.showFilterLine() {
		return m.height - 1
	}
	return m.height
}

// View renders exactly height lines of exactly width cells, so callers
// can place columns without measuring again.
func (m *Model) View() string {
	if m.height <= 0 || m.width <= 0 {
		return ""
	}
	st := m.opt.Styles
	lines := make([]string, 0, m.height)
	if m.showFilterLine() {
		lines = append(lines, m.filterLine())
	}
	n := m.Len()
	if n == 0 {
		msg := m.opt.Tr.Get("pane.empty")
		if m.query != "" {
			msg = m.opt.Tr.Get("pane.no_matches", m.query)
		}
		lines = append(lines, st.Muted.Render(safe.Pad(msg, m.width)))
	}
	end := min(n, m.offset+m.rowsHeight())
	for p := m.offset; p < end; p++ {
		row := m.src.Row(m.at(p), m.width, p == m.cursor)
		switch w := ansi.StringWidth(row); {
		case w > m.width:
			row = ansi.Truncate(row, m.width, "")
		case w < m.width:
			row += strings.Repeat(" ", m.width-w)
		}
		lines = append(lines, row)
	}
	blank := strings.Repeat(" ", m.width)
	for len(lines) < m.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines[:m.height], "\n")
}

// filterLine is "/query▏" on the left and "3 of 100 match" on the right.
func (m *Model) filterLine() string {
	st := m.opt.Styles
	matched, all := len(m.ranked), m.src.Len()
	if m.opt.Remote && m.opt.Counts != nil {
		matched, all = m.opt.Counts()
	}
	count := m.opt.Tr.Get("pane.filtered", m.opt.Tr.Num(matched), m.opt.Tr.Num(all))
	if m.query == "" {
		count = ""
	}
	prompt := m.opt.Tr.Get("filter.prompt")
	q := m.query
	if q == "" && m.typing {
		q = m.opt.Tr.Get("filter.placeholder")
	}
	caret := ""
	if m.typing {
		caret = "▏"
	}
	room := m.width - ansi.StringWidth(prompt) - ansi.StringWidth(caret) - ansi.StringWidth(count) - 1
	if room < 4 {
		count, room = "", m.width-ansi.StringWidth(prompt)-ansi.StringWidth(caret)
	}
	// keep the end of a long query in view: that is where typing happens
	if ansi.StringWidth(q) > room {
		q = ansi.TruncateLeft(q, ansi.StringWidth(q)-room+1, "…")
	}
	qStyle := st.FilterText
	if m.query == "" {
		qStyle = st.Subtle
	}
	left := st.FilterPrompt.Render(prompt) + qStyle.Render(q) + st.Accent.Render(caret)
	gap := max(m.width-ansi.StringWidth(left)-ansi.StringWidth(count), 1)
	line := left + strings.Repeat(" ", gap) + st.Muted.Render(count)
	if ansi.StringWidth(line) > m.width {
		line = ansi.Truncate(line, m.width, "")
	}
	return line
}
