// Package list is the windowed list every pane uses. It is a window over
// a list kept elsewhere (the store): the source says how long the whole
// list is and draws the rows asked for, so View renders only the rows on
// screen and a keypress costs the same at 1k and 100k items. The owner
// filters: / only records the query (Query, TakeQueryChange) and Counts
// gives the filter line's "12 of 14,305". bubbles/list is not used because
// it holds, renders and filters every item (docs/DEVELOPING.md).
package list

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Source is the whole list as the list sees it: its length under the
// owner's query, and the rows by position. Rows the owner has not read yet
// are drawn as placeholders by the source.
type Source interface {
	Len() int
	// Row renders item i in exactly one line of at most width cells.
	// Buyer text in it must already be sanitized (package safe).
	Row(i, width int, selected bool) string
}

// Options configure a list. Zero values get defaults.
type Options struct {
	Keys   keymap.KeyMap
	Styles theme.Styles
	Tr     i18n.T
	// Counts is the filter line's "matched of all"; without it the line
	// shows no count.
	Counts func() (matched, all int)
}

// Model is a windowed list over a Source. It is used by pointer: Update
// changes it in place and reports whether it used the message.
type Model struct {
	src Source
	opt Options

	width, height int

	typing bool   // the / prompt has the keyboard
	query  string // as typed, sanitized

	cursor int // position in the list
	offset int // first position on screen

	queryChanged bool // the query changed since TakeQueryChange
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

// Reset tells the list that the source's length or rows changed; the
// cursor stays at the same position, clamped.
func (m *Model) Reset() { m.clamp() }

// Len is the length of the whole list under the owner's query.
func (m *Model) Len() int { return m.src.Len() }

// Cursor is the cursor's position in the list.
func (m *Model) Cursor() int { return m.cursor }

// Offset is the position of the first row on screen.
func (m *Model) Offset() int { return m.offset }

// Selected returns the position under the cursor.
func (m *Model) Selected() (int, bool) {
	if m.Len() == 0 {
		return 0, false
	}
	return m.cursor, true
}

// Select moves the cursor to position i if the list has it.
func (m *Model) Select(i int) bool {
	if i < 0 || i >= m.src.Len() {
		return false
	}
	m.cursor = i
	m.scrollToCursor()
	return true
}

// Typing reports whether the / prompt has the keyboard: the pane is in
// filter mode and every key belongs to the list.
func (m *Model) Typing() bool { return m.typing }

// Query is the current filter, empty when none.
func (m *Model) Query() string { return m.query }

// SetQuery records q (sanitized as one line) for the owner to filter by
// and puts the cursor at the top.
func (m *Model) SetQuery(q string) {
	// safe.Line trims the space just typed after a word, and the next
	// word would then join it ("номер 2" became "номер2"): one space at
	// the end stays while typing.
	spaced := strings.HasSuffix(q, " ")
	q = safe.Line(q)
	if spaced && q != "" {
		q += " "
	}
	if q == m.query {
		return
	}
	m.query, m.queryChanged = q, true
	m.cursor, m.offset = 0, 0
}

// ClearFilter drops the query and leaves the cursor where it is: the owner
// anchors its next read on the item it was on.
func (m *Model) ClearFilter() {
	m.typing = false
	if m.query != "" {
		m.query, m.queryChanged = "", true
	}
}

// TakeQueryChange reports, once, that the query changed: the owner then
// reads the matches again.
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
		row := m.src.Row(p, m.width, p == m.cursor)
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
	count := ""
	if m.query != "" && m.opt.Counts != nil {
		matched, all := m.opt.Counts()
		count = m.opt.Tr.Get("pane.filtered", m.opt.Tr.Num(matched), m.opt.Tr.Num(all))
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
