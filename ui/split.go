package ui

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/list"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// SplitMinWidth is the narrowest window that shows list and detail side
// by side; below it the pane shows one at a time (enter opens the detail,
// esc goes back).
const SplitMinWidth = 100

// SplitConfig describes one marketplace pane to the Split building block.
// All functions are called on the Update goroutine except Decode, which
// runs in a command and must only use its arguments.
type SplitConfig[T any] struct {
	ID PaneID
	// TitleID is the i18n id of the tab title; default TitleID(ID).
	TitleID string
	// Row renders one list row of at most width cells; sanitize buyer text
	// with package safe.
	Row func(item T, width int, selected bool, st theme.Styles) string
	// Detail renders the item for the right-hand view, wrapped to width.
	Detail func(item T, width int, st theme.Styles, tr i18n.T) string
	// Key identifies an item (its store ID), for jumps and for keeping
	// the selection on it when the order changes.
	Key func(item T) string
	// FullText is the item's long buyer text that the detail shows cut
	// (see WrapLong); optional. When it is longer than LongTextLimit, o
	// opens it whole in $PAGER.
	FullText func(item T) string
	// Help lists the pane's own bindings (reply actions) for the help
	// footer.
	Help []key.Binding

	// Query is the store query of the pane's filter as it is now,
	// without the / text, which the Split adds; the pane reads windows of
	// the store's rows that match it (see split_window.go). A config
	// without Query, Decode or a Rows source (Rows, Env.Store) reads
	// nothing and says so.
	Query func() store.PaneQuery
	// Decode turns a stored row into the pane's item; it runs in a
	// command, with the clock read once per window.
	Decode func(r store.PaneRow, now time.Time) (T, error)
	// BadgeQuery counts the tab badge; default: the kind's items that
	// need action.
	BadgeQuery func() store.PaneQuery
	// FilterNote, optional, names the pane's filter while it is not the
	// default (its words only: "answered · 4–5 ★"); the Split shows it
	// above the list, so an empty list never looks like an empty inbox,
	// and esc on the list calls ClearFilter.
	FilterNote  func() string
	ClearFilter func() tea.Cmd
	// Rows, optional, is what the pane reads instead of the profile's
	// store (the Inbox reads several stores merged).
	Rows Rows
	// FixedOrder: the pane's order is its meaning (the Inbox's urgency),
	// so S does not offer others.
	FixedOrder bool
	// ItemPane, optional, is the pane an item belongs to when it is not
	// the Split's own (the Inbox's rows): a colleague's hold is named by it.
	ItemPane func(item T) PaneID
	// Arrived, optional, is told of every window accepted (on the Update
	// goroutine), for panes that read more of the store for its rows
	// (the chats' conversations).
	Arrived func(items []T) tea.Cmd
	// Bulk, optional, tells what a bulk answer needs of an item; with it
	// the pane takes marks (space, V) and answers the marked items, or a
	// section's, with one template (split_bulk.go). Called on the Update
	// goroutine.
	Bulk func(item T) BulkItem
}

type focus int

const (
	focusList focus = iota
	focusDetail
)

// Split is a list on the left and the selected item's detail on the
// right, or one of them at a time on narrow windows. It reads windows of
// the store's rows around the cursor (split_window.go), drops stale reads,
// shows a spinner on the first read and an error with "press r to retry",
// and counts the badge over everything stored.
//
// Marketplace panes embed *Split and override Update for their own keys,
// calling Split.Update for the rest (and Mode for editors and confirms).
type Split[T any] struct {
	cfg SplitConfig[T]
	env Env

	items []T
	list  *list.Model
	view  viewport.Model
	spin  spinner.Model

	loading bool // a window is being read
	loaded  bool // a window arrived at least once
	err     error

	focus         focus
	width, height int
	shown         int // item index the detail shows, -1 none
	badge         int

	// items are a window of the store's rows starting at list position
	// winStart; have marks the rows that decoded; anchors are their
	// places for the next read.
	have             []bool
	anchors          []store.Cursor
	raw              []json.RawMessage // the rows' stored JSON, for |
	notes            map[string]store.TeamNote
	matches          []string // why each row matched the / text; see matchNote
	winStart         int
	total, all       int
	winSeq, badgeSeq Seq
	nextSeq          Seq
	laidNote         int // the filter note's lines when the layout was made
	laidList         int // the list's width when the layout was made
	// sort, when sorted, replaces the pane's own order (S cycles it).
	sort   store.Sort
	sorted bool
	// aside, when set, draws the detail column instead of the item's
	// detail: a photo preview, an answer editor.
	aside func(width, height int) string
	// bulk is the marks, sections and bulk answers (split_bulk.go).
	bulk bulkState
}

// NewSplit builds the pane; nothing is read until Init.
func NewSplit[T any](env Env, cfg SplitConfig[T]) *Split[T] {
	if cfg.TitleID == "" {
		cfg.TitleID = TitleID(cfg.ID)
	}
	s := &Split[T]{cfg: cfg, env: env, shown: -1}
	s.bulk.sections = newSections(env.Sections, cfg.ID)
	// the list is as long as the store's matches; the Split filters
	s.list = list.New(splitSource[T]{s}, list.Options{Keys: env.Keys, Styles: env.Styles, Tr: env.Tr,
		Counts: s.windowCounts})
	s.view = viewport.New()
	s.view.SoftWrap = false // Detail wraps itself, by grapheme width
	s.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(env.Styles.Spinner))
	return s
}

// splitSource adapts the window to list.Source: the list is every
// matching stored item, of which the window holds a few screens.
type splitSource[T any] struct{ s *Split[T] }

func (a splitSource[T]) Len() int { return a.s.total }
func (a splitSource[T]) Row(i, width int, selected bool) string {
	s := a.s
	if j := i - s.winStart; j >= 0 && j < len(s.items) && s.have[j] {
		// the mark column, while anything is marked, comes first
		m := s.markColumn(s.items[j])
		if m != "" {
			width = max(width-2, 1)
		}
		if h, ok := s.holder(s.items[j]); ok {
			return m + s.rowLabeled(s.items[j], presenceLabel(h), width, selected)
		}
		if n, ok := s.teamNote(s.items[j]); ok && n.Assignee != "" {
			return m + s.rowLabeled(s.items[j], assigneeLabel(n.Assignee), width, selected)
		}
		if m != "" {
			return m + s.cfg.Row(s.items[j], width, selected, s.env.Styles)
		}
		return s.cfg.Row(s.items[j], width, selected, s.env.Styles)
	}
	// Not read yet (the window is on its way) or undecodable.
	return s.env.Styles.Subtle.Render("  …")
}

// Items are the rows of the window held now (read-only for callers).
func (s *Split[T]) Items() []T { return s.items }

// selIndex is the index in items of the row under the cursor.
func (s *Split[T]) selIndex() (int, bool) {
	i, ok := s.list.Selected()
	if !ok {
		return 0, false
	}
	i -= s.winStart
	if i < 0 || i >= len(s.items) || !s.have[i] {
		return 0, false
	}
	return i, true
}

// Selected returns the item under the cursor.
func (s *Split[T]) Selected() (T, bool) {
	i, ok := s.selIndex()
	if !ok {
		var zero T
		return zero, false
	}
	return s.items[i], true
}

// SelectedKey identifies the current item (Selector): its Key, or its
// position when the config has no Key; "" when nothing is selected.
func (s *Split[T]) SelectedKey() string {
	i, ok := s.selIndex()
	switch {
	case !ok:
		return ""
	case s.cfg.Key != nil:
		return s.cfg.Key(s.items[i])
	}
	return strconv.Itoa(i)
}

// Env is the shared environment the pane was built with.
func (s *Split[T]) Env() Env { return s.env }

// List is the underlying list, for panes that need finer control.
func (s *Split[T]) List() *list.Model { return s.list }

// Err is the last read's error, nil after a successful read.
func (s *Split[T]) Err() error { return s.err }

func (s *Split[T]) ID() PaneID    { return s.cfg.ID }
func (s *Split[T]) Title() string { return s.env.Tr.Get(s.cfg.TitleID) }
func (s *Split[T]) Badge() int    { return s.badge }

// Mode is filter while the / prompt is open, normal otherwise.
func (s *Split[T]) Mode() Mode {
	if m, ok := s.bulkMode(); ok {
		return m
	}
	if s.list.Typing() {
		return ModeFilter
	}
	return ModeNormal
}

// Init reads the first window of the store and the badge.
func (s *Split[T]) Init() tea.Cmd { return s.reread() }

// RefreshDetail re-renders the selected item's detail (its data changed:
// an order arrived, an answer was sent) keeping the scroll position.
func (s *Split[T]) RefreshDetail() {
	y := s.view.YOffset()
	s.shown = -1
	s.syncDetail()
	s.view.SetYOffset(y)
}

// SetAside shows f in the detail column (in the whole pane on narrow
// windows) until SetAside(nil). f is called from View with the column's
// size.
func (s *Split[T]) SetAside(f func(width, height int) string) { s.aside = f }

// DetailSize is the size of the detail column (the whole pane when narrow).
func (s *Split[T]) DetailSize() (w, h int) {
	h = s.height - s.bannerLines()
	if !s.wide() {
		return s.width, h
	}
	return s.width - s.listWidth() - 1, h
}

// Update handles keys (list, detail, filter), the store's windows and
// changes, refresh and retry, jumps, theme changes and the spinner.
func (s *Split[T]) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if cmd, ok := s.windowUpdate(msg); ok {
		return s, cmd
	}
	if cmd, ok := s.bulkUpdate(msg); ok {
		return s, cmd
	}
	switch msg := msg.(type) {
	case ClockMsg:
		// an outbox line in the detail counts down
		if s.shown >= 0 {
			s.RefreshDetail()
		}
		return s, nil
	case PresenceChangedMsg:
		s.shown = -1 // the detail's "Anna is answering" line
		s.syncDetail()
		return s, nil
	case ThemeMsg:
		s.env.Styles = msg.Styles
		s.list.SetStyles(msg.Styles)
		s.spin.Style = msg.Styles.Spinner
		s.shown = -1
		s.syncDetail()
		return s, nil
	case spinner.TickMsg:
		if s.loaded || !s.loading {
			return s, nil // stop ticking: the spinner is off screen
		}
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		return s, cmd
	case tea.KeyPressMsg, tea.PasteMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *Split[T]) key(msg tea.Msg) tea.Cmd {
	if cmd, ok := s.bulkKey(msg); ok {
		return cmd
	}
	if cmd := s.pagerKey(msg); cmd != nil {
		return cmd
	}
	if s.focus == focusDetail && !s.list.Typing() {
		return s.detailKey(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !s.list.Typing() && s.rows() != nil {
		switch l := s.env.Keys.List; {
		case key.Matches(k, l.Sort) && !s.cfg.FixedOrder:
			return s.nextSort()
		case key.Matches(k, l.NextAction):
			return s.nextAction(true)
		case key.Matches(k, l.PrevAction):
			return s.nextAction(false)
		case key.Matches(k, l.Narrower):
			return s.resize(-1)
		case key.Matches(k, l.Wider):
			return s.resize(+1)
		case key.Matches(k, s.env.Keys.Reply.Pipe):
			return s.pipeKey()
		}
	}
	if s.list.Update(msg) {
		if s.list.TakeQueryChange() {
			return s.queryChanged()
		}
		s.syncDetail()
		return s.maybeSlide()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.env.Keys.List.Back) && s.note() != "" && s.cfg.ClearFilter != nil {
		return s.cfg.ClearFilter()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.env.Keys.List.Open) {
		if _, ok := s.selIndex(); ok {
			s.focus = focusDetail
			s.layout()
		}
	}
	return nil
}

func (s *Split[T]) detailKey(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	d := s.env.Keys.Detail
	switch {
	case key.Matches(k, d.Back):
		s.focus = focusList
		s.layout()
	case key.Matches(k, d.Up):
		s.view.ScrollUp(1)
	case key.Matches(k, d.Down):
		s.view.ScrollDown(1)
	case key.Matches(k, d.PageUp):
		s.view.PageUp()
	case key.Matches(k, d.PageDown):
		s.view.PageDown()
	case key.Matches(k, d.HalfUp):
		s.view.HalfPageUp()
	case key.Matches(k, d.HalfDown):
		s.view.HalfPageDown()
	case key.Matches(k, d.Top):
		s.view.GotoTop()
	case key.Matches(k, d.Bottom):
		s.view.GotoBottom()
	}
	return nil
}

// pagerKey opens the selected item's long text in the pager when o is
// pressed with its detail on screen.
func (s *Split[T]) pagerKey(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || s.cfg.FullText == nil || s.list.Typing() || s.aside != nil ||
		!key.Matches(k, s.env.Keys.Reply.Open) || (!s.wide() && s.focus != focusDetail) {
		return nil
	}
	it, ok := s.Selected()
	if !ok {
		return nil
	}
	if text := s.cfg.FullText(it); IsLong(text) {
		return openPager(text, s.env.Tr)
	}
	return nil
}

// pagerHelp is o's entry in the footer while the current item's text is
// cut in the detail.
func (s *Split[T]) pagerHelp() []key.Binding {
	if s.aside != nil || !s.LongTextSelected() {
		return nil
	}
	o := s.env.Keys.Reply.Open
	o.SetHelp(o.Help().Key, s.env.Tr.Get("detail.pager"))
	return []key.Binding{o}
}

// LongTextSelected reports that the current item's text is cut in the
// detail, so o opens it in the pager.
func (s *Split[T]) LongTextSelected() bool {
	if s.cfg.FullText == nil {
		return false
	}
	it, ok := s.Selected()
	return ok && IsLong(s.cfg.FullText(it))
}

// SetSize lays the pane out in w×h cells.
func (s *Split[T]) SetSize(w, h int) {
	s.width, s.height = w, h
	s.layout()
}

func (s *Split[T]) wide() bool { return s.width >= SplitMinWidth }

// listWidth is the left column: the layout's share of the window (<
// and > move it), leaving either column at least 40 cells.
func (s *Split[T]) listWidth() int {
	if !s.wide() {
		return s.width
	}
	return s.env.Layout.listColumn(s.width)
}

func (s *Split[T]) layout() {
	s.laidNote = s.noteLines()
	h := s.height - s.bannerLines()
	lw := s.listWidth()
	s.laidList = lw
	s.list.SetSize(lw, h)
	dw := s.width
	if s.wide() {
		dw = s.width - lw - 1 // divider
	}
	s.view.SetWidth(max(dw, 1))
	s.view.SetHeight(max(h, 1))
	s.shown = -1
	s.syncDetail()
}

// bannerLines are the lines above the list and detail: the error banner
// and the filter note.
func (s *Split[T]) bannerLines() int { return s.errLines() + s.noteLines() }

// note is the filter note's words, "" for the default filter.
func (s *Split[T]) note() string {
	if _, inSection := s.bulk.sections.active(); s.cfg.FilterNote == nil || inSection {
		// a section's filter replaces the pane's: its tab says what shows
		return ""
	}
	return s.cfg.FilterNote()
}

func (s *Split[T]) noteLines() int {
	n := s.bulkBannerLines()
	if s.note() != "" {
		n++
	}
	return n
}

// errLines is the one-line error banner above a list that has items; an
// empty pane shows the error in its body instead.
func (s *Split[T]) errLines() int {
	if s.err != nil && len(s.items) > 0 {
		return 1
	}
	return 0
}

// syncDetail re-renders the detail when the selection changed; a cursor
// move costs one item's rendering, never the list's.
func (s *Split[T]) syncDetail() {
	i, ok := s.selIndex()
	if !ok {
		if s.shown != -1 || s.view.GetContent() != "" {
			s.view.SetContent("")
		}
		s.shown = -1
		return
	}
	if i == s.shown || (!s.wide() && s.focus == focusList) {
		return
	}
	s.shown = i
	detail := s.matchNote(i) + s.cfg.Detail(s.items[i], s.view.Width(), s.env.Styles, s.env.Tr)
	if n, ok := s.teamNote(s.items[i]); ok {
		if line := noteLine(s.env, n, s.view.Width()); line != "" {
			detail = line + "\n\n" + detail
		}
	}
	if h, ok := s.holder(s.items[i]); ok {
		detail = presenceLine(s.env, h, s.view.Width()) + "\n\n" + detail
	}
	s.view.SetContent(detail)
	s.view.GotoTop()
}

// View renders the pane in its box.
func (s *Split[T]) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	st := s.env.Styles
	tr := s.env.Tr
	switch {
	case s.rows() == nil:
		return s.box(st.Muted.Render(tr.Get("pane.no_store")))
	case !s.loaded && s.err == nil:
		return s.box(s.spin.View() + " " + tr.Get("pane.loading"))
	case s.err != nil && len(s.items) == 0:
		return s.box(st.ErrorBox.Render(safe.Truncate(tr.Get("pane.error", ErrorText(s.err, tr)), s.width-2)) +
			"\n" + st.Muted.Render(RetryHint(s.env)))
	}
	if v, ok := s.bulkView(); ok {
		return v
	}
	if s.listWidth() != s.laidList {
		// < or > moved the split in another tab
		s.layout()
	}
	var b strings.Builder
	if s.errLines() > 0 {
		line := tr.Get("pane.error", ErrorText(s.err, tr)) + " — " + RetryHint(s.env)
		b.WriteString(st.ErrorBox.Render(safe.Truncate(line, s.width)))
		b.WriteByte('\n')
	}
	for _, l := range s.bulkBanner() {
		b.WriteString(l + "\n")
	}
	if note := s.note(); note != "" {
		k := s.env.Keys.List
		line := tr.Get("filter.note", safe.Line(note), k.FilterMenu.Help().Key, k.Back.Help().Key)
		b.WriteString(st.Accent.Render(safe.Pad(safe.Truncate(line, s.width), s.width)))
		b.WriteByte('\n')
	}
	if !s.wide() {
		if s.aside != nil {
			w, h := s.DetailSize()
			b.WriteString(fit(s.aside(w, h), w, h))
			return b.String()
		}
		if s.focus == focusDetail {
			s.syncDetail()
			b.WriteString(s.detailView())
		} else {
			b.WriteString(s.list.View())
		}
		return b.String()
	}
	left := strings.Split(s.list.View(), "\n")
	lw := s.listWidth()
	var right []string
	if s.aside != nil {
		w, h := s.DetailSize()
		right = strings.Split(fit(s.aside(w, h), w, h), "\n")
	} else {
		right = strings.Split(s.detailView(), "\n")
	}
	divider := st.Divider.Render("│")
	if s.focus == focusDetail {
		divider = st.Accent.Render("│")
	}
	rows := s.height - s.bannerLines()
	for r := range rows {
		l, rt := strings.Repeat(" ", lw), ""
		if r < len(left) {
			l = left[r] // exactly lw wide: the list pads its lines
		}
		if r < len(right) {
			rt = right[r]
		}
		b.WriteString(l)
		b.WriteString(divider)
		b.WriteString(rt)
		if r < rows-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (s *Split[T]) detailView() string {
	if _, ok := s.selIndex(); !ok {
		return s.env.Styles.Muted.Render(s.env.Tr.Get("pane.no_detail"))
	}
	return s.view.View()
}

// box centres a short message in the pane's area, padded to its height.
func (s *Split[T]) box(msg string) string {
	lines := strings.Split(msg, "\n")
	out := make([]string, 0, s.height)
	top := max((s.height-len(lines))/2, 0)
	for range top {
		out = append(out, "")
	}
	for _, l := range lines {
		pad := max((s.width-ansi.StringWidth(l))/2, 0)
		out = append(out, strings.Repeat(" ", pad)+l)
	}
	for len(out) < s.height {
		out = append(out, "")
	}
	return strings.Join(out[:s.height], "\n")
}

// ShortHelp lists the keys of what has focus.
func (s *Split[T]) ShortHelp() []key.Binding {
	k := s.env.Keys
	if b, ok := s.bulkHelp(); ok {
		return b
	}
	switch {
	case s.list.Typing():
		return []key.Binding{k.Filter.Apply, k.Filter.Clear, k.Filter.Down}
	case s.focus == focusDetail:
		return append([]key.Binding{k.Detail.Down, k.Detail.PageDown, k.Detail.Back}, append(s.pagerHelp(), s.cfg.Help...)...)
	}
	out := []key.Binding{k.List.Down, k.List.Up, k.List.Open, k.List.Filter}
	if s.wide() {
		out = append(out, s.pagerHelp()...)
	}
	return append(out, s.cfg.Help...)
}

// FullHelp lists every key of the pane, one column per scope.
func (s *Split[T]) FullHelp() [][]key.Binding {
	k := s.env.Keys
	finding := []key.Binding{k.List.Open, k.List.Back, k.List.Filter, k.List.FilterMenu}
	if !s.cfg.FixedOrder {
		finding = append(finding, k.List.Sort)
	}
	finding = append(finding, k.List.NextAction, k.List.PrevAction)
	if s.wide() {
		finding = append(finding, k.List.Narrower, k.List.Wider)
	}
	out := [][]key.Binding{
		{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom, k.List.PageUp, k.List.PageDown, k.List.HalfUp, k.List.HalfDown},
		append(finding, k.Filter.Apply, k.Filter.Clear),
		{k.Detail.Down, k.Detail.Up, k.Detail.PageDown, k.Detail.PageUp, k.Detail.Back},
	}
	if len(s.cfg.Help) > 0 {
		out = append(out, s.cfg.Help)
	}
	if b := s.bulkFullHelp(); len(b) > 0 {
		out = append(out, b)
	}
	return out
}
