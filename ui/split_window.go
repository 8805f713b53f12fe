package ui

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A Split reads the profile's store, never the network: it holds only a
// window of rows around the cursor (a few screens) while the list's
// length, the / matches, the counts and `G` cover every stored item of
// the pane. The syncer is the only writer of items; the Split reads the
// window again when the store changes (StoreChangedMsg for its pane), when
// the / text or the pane's filter changes, and when the cursor nears an
// edge of the window.

// windowMsg is a window read from the store.
type windowMsg[T any] struct {
	Pane    PaneID
	Seq     uint64
	Items   []T
	Have    []bool // false: the row could not be decoded
	Anchors []store.Cursor
	Raw     []json.RawMessage
	// Notes are the team inbox's notes of the rows (by noteKey).
	Notes map[string]store.TeamNote
	// Matches are why each row matched the / text (store.PaneRow.Match,
	// the words marked), "" without one; buyer text, sanitized when drawn.
	Matches []string
	// Start is the list position of Items[0]; Total the items matching
	// the query; All those matching without the / text; Position the
	// anchor's list position.
	Start, Total, All, Position int
	// Follow: put the cursor on the anchor (a refresh, a new query, a
	// jump); a window read ahead of a scroll leaves it where it is.
	Follow bool
	// Jump is the item a JumpMsg asked for (with Then) when this read
	// was anchored at it.
	Jump *JumpMsg
	Err  error
}

func (m windowMsg[T]) TargetPane() PaneID { return m.Pane }

// badgeMsg is the pane's count of stored items that need action.
type badgeMsg struct {
	Pane PaneID
	Seq  uint64
	N    int
	Err  error
}

func (m badgeMsg) TargetPane() PaneID { return m.Pane }

// Rows is what a Split reads: the profile's store (*store.Store), or the
// Inbox's stores merged (store.Inboxes).
type Rows interface {
	Window(ctx context.Context, q store.PaneQuery, around store.Cursor, before, after int) (rows []store.PaneRow, total, position int, err error)
	Slide(ctx context.Context, q store.PaneQuery, row store.Cursor, pos, before, after int) (rows []store.PaneRow, ok bool, err error)
	Count(ctx context.Context, q store.PaneQuery) (int, error)
	Next(ctx context.Context, q store.PaneQuery, from store.Cursor, forward bool) (id string, ok bool, err error)
}

// rows is what the pane reads: SplitConfig.Rows, or the profile's store;
// nil when there is neither or the config cannot query or decode them,
// and the pane then says it has nothing to read instead of reading.
func (s *Split[T]) rows() Rows {
	switch {
	case s.cfg.Query == nil || s.cfg.Decode == nil:
		return nil
	case s.cfg.Rows != nil:
		return s.cfg.Rows
	case s.env.Store != nil:
		return s.env.Store
	}
	return nil
}

// errNoStore is a jump's answer in a pane with nothing to read.
func (s *Split[T]) errNoStore() error {
	return errors.New(s.Title() + ": " + s.env.Tr.Get("pane.no_store"))
}

// windowHalf is how many rows a read takes on each side of its anchor:
// three screens, so paging a screen at a time reads again only every few
// pages, and never fewer than 50.
func (s *Split[T]) windowHalf() int { return max(3*s.height, 50) }

// query is the store query of what the pane shows now: the pane's filter
// with the / text.
func (s *Split[T]) query() store.PaneQuery {
	q := s.sectionQuery(s.cfg.Query())
	q.Text = strings.TrimSpace(q.Text + " " + s.list.Query())
	if s.sorted {
		q.Sort = s.sort
	}
	return q
}

// sortOrders are the orders S cycles through, from the pane's own.
func sortOrders(own store.Sort) []store.Sort {
	orders := []store.Sort{store.SortNewest, store.SortOldest, store.SortDeadline}
	if !slices.Contains(orders, own) {
		orders = append([]store.Sort{own}, orders...)
	}
	return orders
}

// sortLabel names an order for the status bar.
func sortLabel(o store.Sort) string {
	switch o {
	case store.SortOldest:
		return "sort.oldest"
	case store.SortDeadline:
		return "sort.deadline"
	case store.SortActionFirst:
		return "sort.action_first"
	}
	return "sort.newest"
}

// nextSort switches to the next order over every stored item, keeping the
// cursor on the item it was on, and says which order is in force.
func (s *Split[T]) nextSort() tea.Cmd {
	cur := s.query().Sort
	orders := sortOrders(s.cfg.Query().Sort)
	s.sort = orders[(slices.Index(orders, cur)+1)%len(orders)]
	s.sorted = true
	anchor := store.Start()
	if it, ok := s.Selected(); ok && s.cfg.Key != nil {
		anchor = store.At(s.cfg.Key(it))
	}
	note := NoticeMsg{Text: s.env.Tr.Get("sort.notice", s.env.Tr.Get(sortLabel(s.sort)))}
	return tea.Batch(s.readWindow(anchor, true, nil), func() tea.Msg { return note })
}

// readWindow reads the rows around anchor in a command. Everything the
// command uses is copied here.
func (s *Split[T]) readWindow(anchor store.Cursor, follow bool, jump *JumpMsg) tea.Cmd {
	return s.read(anchor, -1, follow, jump)
}

// slideWindow reads the rows around the held row at list position pos
// without counting the list again (store.Slide), unless the row left it.
func (s *Split[T]) slideWindow(anchor store.Cursor, pos int) tea.Cmd {
	return s.read(anchor, pos, false, nil)
}

func (s *Split[T]) read(anchor store.Cursor, slidePos int, follow bool, jump *JumpMsg) tea.Cmd {
	if s.rows() == nil {
		return nil
	}
	s.loading = true
	total, all := s.total, s.all
	q, half := s.query(), s.windowHalf()
	seq, id, st, ctx, decode := s.winSeq.Next(), s.cfg.ID, s.rows(), s.env.Ctx, s.cfg.Decode
	team, paneOf := s.env.Team, s.itemPaneKey()
	now := s.env.Now
	if now == nil {
		now = time.Now
	}
	if ctx == nil {
		ctx = context.Background()
	}
	cmd := func() tea.Msg {
		msg := windowMsg[T]{Pane: id, Seq: seq, Follow: follow, Jump: jump}
		var rows []store.PaneRow
		slid := false
		if slidePos >= 0 {
			var err error
			if rows, slid, err = st.Slide(ctx, q, anchor, slidePos, half, half); err != nil {
				msg.Err = err
				return msg
			}
			msg.Total, msg.All, msg.Position = total, all, slidePos
		}
		if !slid {
			var err error
			rows, msg.Total, msg.Position, err = st.Window(ctx, q, anchor, half, half)
			if err != nil {
				msg.Err = err
				return msg
			}
			msg.All = msg.Total
		}
		if q.Text != "" && !slid {
			bare := q
			bare.Text = ""
			var err error
			if msg.All, err = st.Count(ctx, bare); err != nil {
				msg.Err = err
				return msg
			}
		}
		at := now()
		msg.Items = make([]T, len(rows))
		msg.Have = make([]bool, len(rows))
		msg.Anchors = make([]store.Cursor, len(rows))
		msg.Raw = make([]json.RawMessage, len(rows))
		msg.Matches = make([]string, len(rows))
		for i, r := range rows {
			msg.Raw[i] = rawOf(r.Data)
			var err error
			msg.Items[i], err = decode(r, at)
			msg.Have[i] = err == nil
			msg.Anchors[i] = r.Cursor()
			msg.Matches[i] = r.Match
		}
		if len(rows) > 0 {
			msg.Start = rows[0].Pos
		}
		if team != nil {
			// whose the rows are is advice: a failed read leaves it out
			msg.Notes, _ = readNotes(ctx, team, paneOf, msg.Items, msg.Have)
		}
		return msg
	}
	if !s.loaded {
		return tea.Batch(cmd, s.spin.Tick)
	}
	return cmd
}

// readBadge counts the pane's stored items that need action.
func (s *Split[T]) readBadge() tea.Cmd {
	if s.rows() == nil {
		return nil
	}
	q := store.PaneQuery{Kind: s.cfg.Query().Kind, Filter: store.Filter{Status: store.StatusNeedsAction}}
	if s.cfg.BadgeQuery != nil {
		q = s.cfg.BadgeQuery()
	}
	seq, id, st, ctx := s.badgeSeq.Next(), s.cfg.ID, s.rows(), s.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		n, err := st.Count(ctx, q)
		return badgeMsg{Pane: id, Seq: seq, N: n, Err: err}
	}
}

// reread reads the window again around the selected item (after a store
// change or a refresh), so the cursor stays on it when rows come or go
// above it, and the badge.
func (s *Split[T]) reread() tea.Cmd {
	anchor := store.Start()
	if i, ok := s.selIndex(); ok && s.anchors != nil {
		anchor = s.anchors[i]
	}
	return tea.Batch(s.readWindow(anchor, true, nil), s.readBadge(), s.readSections())
}

// ReloadWindow reads the store again from the top: the pane's filter
// changed, which shows in the pane's own view, so a chosen section gives
// way to it.
func (s *Split[T]) ReloadWindow() tea.Cmd {
	if _, ok := s.bulk.sections.active(); ok {
		s.bulk.sections.at = -1
		return tea.Batch(s.reload(), s.readSections())
	}
	return s.reload()
}

func (s *Split[T]) reload() tea.Cmd {
	return tea.Batch(s.readWindow(store.Start(), true, nil), s.readBadge())
}

func (s *Split[T]) windowLoaded(msg windowMsg[T]) tea.Cmd {
	if !s.winSeq.Current(msg.Seq) {
		return nil // a newer read is on its way
	}
	s.loading = false
	if msg.Err != nil {
		s.err = msg.Err
		s.layout()
		return Status(StatusMsg{Pane: s.cfg.ID, Err: msg.Err})
	}
	hadErr := s.err != nil
	s.err = nil
	s.loaded = true
	var recovered tea.Cmd
	if hadErr {
		// the status bar's error about this pane's read goes with it
		recovered = Status(StatusMsg{Pane: s.cfg.ID})
	}
	s.items, s.have, s.anchors, s.raw, s.matches = msg.Items, msg.Have, msg.Anchors, msg.Raw, msg.Matches
	s.notes = msg.Notes
	s.winStart, s.total, s.all = msg.Start, msg.Total, msg.All
	if msg.Follow {
		s.list.Select(msg.Position)
	}
	s.list.Reset() // clamps the cursor to the new length
	s.shown = -1
	if hadErr || s.noteLines() != s.laidNote {
		s.layout() // a banner came or went
	} else {
		s.syncDetail()
	}
	var arrived tea.Cmd
	if s.cfg.Arrived != nil {
		arrived = s.cfg.Arrived(s.items)
	}
	if msg.Jump != nil {
		return tea.Batch(recovered, arrived, s.windowJumped(*msg.Jump))
	}
	return tea.Batch(recovered, arrived, s.maybeSlide())
}

// maybeSlide reads a new window when the cursor came within a screen of
// an edge of the one held (and the list goes on past that edge), or left
// it (a jump to the end). It is called after every cursor move.
func (s *Split[T]) maybeSlide() tea.Cmd {
	if !s.loaded || s.loading {
		return nil
	}
	pos, n := s.list.Cursor(), s.list.Len()
	if n == 0 {
		return nil
	}
	lo, hi := s.winStart, s.winStart+len(s.items) // [lo, hi)
	margin := max(s.height, 10)
	switch {
	case pos < lo || pos >= hi:
		// Outside what is held: only the edges can be named without a row.
		switch {
		case pos >= n-1:
			return s.readWindow(store.End(), false, nil)
		case pos == 0:
			return s.readWindow(store.Start(), false, nil)
		case pos < lo && len(s.anchors) > 0:
			return s.readWindow(s.anchors[0], false, nil)
		case len(s.anchors) > 0:
			return s.readWindow(s.anchors[len(s.anchors)-1], false, nil)
		}
		return s.readWindow(store.Start(), false, nil)
	case pos-lo < margin && lo > 0, hi-pos <= margin && hi < n:
		return s.slideWindow(s.anchors[pos-lo], pos)
	}
	return nil
}

// windowJumpTo anchors a read at the item a JumpMsg names. An item the
// / text hides is looked for without the text.
func (s *Split[T]) windowJumpTo(msg JumpMsg) tea.Cmd {
	if i := s.indexOf(msg.ID); i >= 0 && s.have[i] {
		s.showJumped(i)
		return jumpDone(s.cfg.ID, msg.Then)
	}
	if s.rows() == nil {
		return noticeErr(s.errNoStore())
	}
	jump := msg
	return s.readWindow(store.At(msg.ID), true, &jump)
}

// windowJumped finishes a jump once its window arrived: the cursor is on
// the item if the pane's filter shows it; otherwise the / text is cleared
// once, and a filter that still hides it is named.
func (s *Split[T]) windowJumped(msg JumpMsg) tea.Cmd {
	if i := s.indexOf(msg.ID); i >= 0 && s.have[i] {
		s.showJumped(i)
		return jumpDone(s.cfg.ID, msg.Then)
	}
	if s.list.Query() != "" {
		s.list.ClearFilter()
		s.list.TakeQueryChange()
		jump := msg
		return s.readWindow(store.At(msg.ID), true, &jump)
	}
	return noticeErr(jumpError(s.env.Tr, s.Title(), ErrNotFound))
}

// queryChanged reads the matches of a new / text from the top; when the
// text was cleared, around the item that was selected, so the user stays
// where the search brought them.
func (s *Split[T]) queryChanged() tea.Cmd {
	anchor := store.Start()
	if i, ok := s.selIndex(); ok && s.list.Query() == "" {
		anchor = s.anchors[i]
	}
	return s.readWindow(anchor, true, nil)
}

// Reading reports a store read in flight (a window or the first one, the
// sections' first counts, the items of a range or a bulk answer), which
// the status bar does not call syncing.
func (s *Split[T]) Reading() bool {
	return s.loading || s.bulk.reading || (len(s.bulk.sections.list) > 0 && !s.bulk.sections.known)
}

// nextActionMsg is where n or N lead: the item's ID, or none.
type nextActionMsg struct {
	Pane PaneID
	Seq  uint64
	ID   string
	Err  error
}

func (m nextActionMsg) TargetPane() PaneID { return m.Pane }

// nextAction finds the next (or previous) item in the pane's order, under
// its filter and / text, that needs the seller, over everything stored,
// and selects it.
func (s *Split[T]) nextAction(forward bool) tea.Cmd {
	i, ok := s.selIndex()
	if !ok {
		return nil
	}
	q := s.query()
	q.Filter.Status = store.StatusNeedsAction
	from, seq, id, st, ctx := s.anchors[i], s.nextSeq.Next(), s.cfg.ID, s.rows(), s.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		next, _, err := st.Next(ctx, q, from, forward)
		return nextActionMsg{Pane: id, Seq: seq, ID: next, Err: err}
	}
}

// CancelNext drops the answer of an n (or N) still on its way: an editor
// opened on the selected item since.
func (s *Split[T]) CancelNext() { s.nextSeq.Next() }

func (s *Split[T]) nextActionFound(msg nextActionMsg) tea.Cmd {
	switch {
	case !s.nextSeq.Current(msg.Seq):
		return nil
	case msg.Err != nil:
		return noticeErr(msg.Err)
	case msg.ID == "":
		note := NoticeMsg{Text: s.env.Tr.Get("next.none")}
		return func() tea.Msg { return note }
	}
	if i := s.indexOf(msg.ID); i >= 0 && s.have[i] {
		s.list.Select(s.winStart + i)
		s.syncDetail()
		return s.maybeSlide()
	}
	return s.readWindow(store.At(msg.ID), true, nil)
}

// windowCounts is the filter line's "12 of 14,305".
func (s *Split[T]) windowCounts() (matched, all int) { return s.total, s.all }

// Position is the cursor's place in the whole list, from 1, and the
// list's length: "123 / 14,305". ok is false on an empty list.
func (s *Split[T]) Position() (pos, total int, ok bool) {
	n := s.list.Len()
	if n == 0 {
		return 0, 0, false
	}
	return s.list.Cursor() + 1, n, true
}

// windowUpdate handles the store's answers and what makes the Split read
// the store again; ok is false for the other messages.
func (s *Split[T]) windowUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case windowMsg[T]:
		return s.windowLoaded(msg), true
	case nextActionMsg:
		return s.nextActionFound(msg), true
	case badgeMsg:
		if s.badgeSeq.Current(msg.Seq) && msg.Err == nil {
			s.badge = msg.N
		}
		return nil, true
	case StoreChangedMsg:
		if len(msg.Panes) == 0 || slices.Contains(msg.Panes, s.cfg.ID) {
			return tea.Batch(s.reread(), s.autoAnswer()), true
		}
		return nil, true
	case RefreshMsg:
		return s.reread(), true
	case RetryMsg:
		if s.err == nil {
			return nil, true
		}
		return s.reread(), true
	case JumpMsg:
		return s.windowJumpTo(msg), true
	}
	return nil, false
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"pane.no_store": "No local database to read: nothing to show here",
	})
	i18n.Register(i18n.RU, map[string]string{
		"pane.no_store": "Нет локальной базы для чтения: показать нечего",
	})
}
