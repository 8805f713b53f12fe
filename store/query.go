package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// PaneQuery selects and orders the stored items of one pane: the `/` text,
// the filter menu and the sort order, all applied in SQL over everything
// stored, never over a loaded page.
type PaneQuery struct {
	Kind Kind
	// Text matches words of the item's texts through the full-text index
	// (see MatchExpr): every word must be a whole word of the item or the
	// start of one, never letters found inside or across words: `оптом`
	// finds "оптом" and "оптомарт", not "оптовый" or "в оптимальном
	// объёме"; case and ё/е do not matter. When few items match
	// (sparseSet), those where every word is whole come first, each band
	// in the pane's order. PaneRow.Match and Whole say how each row matched.
	Text   string
	Filter Filter
	Sort   Sort
}

// Sort is a pane's order. Ties break on the item ID, so the order is total
// and a keyset window never skips or repeats a row.
type Sort int

const (
	SortNewest   Sort = iota // the newest activity (the date the row shows) first
	SortOldest               // the oldest first
	SortDeadline             // the nearest deadline first; items without one follow, oldest first
	// SortActionFirst: the items that need action, newest first, then
	// the others, newest first (the returns' default view).
	SortActionFirst
)

// Status selects by whether the seller still has to act.
type Status int

const (
	StatusAny         Status = iota
	StatusNeedsAction        // unanswered, undecided
	StatusDone               // answered, decided, or nothing to do
)

// ArchiveView selects claims by the list they came from; other kinds have
// no archive, so ArchiveOnly shows none of them.
type ArchiveView int

const (
	ArchiveAny ArchiveView = iota
	ArchiveActive
	ArchiveOnly
)

// Filter is what the filter menu selects; the zero value selects every
// item. Filters that a kind has no data for (ratings of questions, photos
// of chats) select none of its items rather than being ignored, so a
// filter never claims to show what it does not.
type Filter struct {
	// RatingMin and RatingMax bound the feedback's stars (1–5); 0 leaves
	// that end open.
	RatingMin, RatingMax int
	// WithPhotos: feedbacks and claims with photos, returns with photos
	// of an item.
	WithPhotos bool
	// ReturnAvailable: feedbacks whose order the seller may still take
	// back (isAbleReturnProductOrders).
	ReturnAvailable bool
	// Article matches a vendor code (supplierArticle, YM shopSku) as a
	// substring, case-insensitively; all digits also match the WB
	// article (nmID) exactly. Chats and claims match through the vendor
	// codes stored questions and feedbacks give their product.
	Article string
	// Product matches the product name as a substring, case- and
	// ё/е-insensitively. Chats carry only an nmID and match by the name
	// stored questions, feedbacks and claims give it.
	Product string
	// From and To bound the date the pane shows and sorts by
	// (inclusive); zero leaves that end open.
	From, To time.Time
	Status   Status
	// Assignee selects the items assigned to that agent (the team
	// inbox's "mine").
	Assignee string
	Archive  ArchiveView
	// States are the marketplace's own states, any of which matches:
	// a return's refundStatus, a question's state, a feedback answer's
	// state, a claim's status as a decimal number.
	States []string
	// ReturnType and OrderID select Yandex Market returns by their type
	// (RETURN, UNREDEEMED) and order; they read the item's JSON, which
	// the few thousand returns of a campaign afford.
	ReturnType string
	OrderID    int64
	// NoText: feedbacks with no text, pros or cons (the rating alone,
	// most of a day's volume, answered in bulk); other kinds always have
	// a text, so it selects none of them. It reads the item's JSON, as
	// ReturnType does: the column would need a migration for one filter.
	NoText bool
}

// PaneRow is one row of a window.
type PaneRow struct {
	Row
	// Pos is the row's place in the pane's whole ordered list, from 0:
	// "Pos+1 / total" is what the pane shows.
	Pos int
	// Match, with Text, is the passage that matched (the match inside a
	// message, for a chat), the words marked with MarkStart/MarkEnd; ё
	// shows as е. Buyer-supplied: the UI sanitizes it.
	Match string
	// Whole, with Text, reports that every word matched a whole word of
	// that passage, not only a word's start.
	Whole bool
	// Source is the store the row comes from, for a window of Inboxes
	// (0 for a pane's own store).
	Source int

	key sortKey
	rid int64 // the item's rowid
}

// Cursor is where a window is anchored: the pane's start or end, or an
// item.
type Cursor struct {
	edge int // 0: an item
	id   string
	key  sortKey
}

const (
	edgeStart = 1
	edgeEnd   = 2
)

// Start anchors a window at the first row.
func Start() Cursor { return Cursor{edge: edgeStart} }

// End anchors a window at the last row (`G`).
func End() Cursor { return Cursor{edge: edgeEnd} }

// At anchors a window at the item with this ID. If the item no longer
// matches the query, the window starts at the first row (use a row's
// Cursor to keep the place instead).
func At(id string) Cursor { return Cursor{id: id} }

// Cursor anchors a window at this row. If it no longer matches the query
// (answered under an "unanswered" filter, say), the window anchors at the
// row that now takes its place, so the pane's cursor stays where it was.
func (r PaneRow) Cursor() Cursor { return Cursor{id: r.ID, key: r.key} }

// sortKey is a row's place in the order: the sort column, the ID. sort
// says which column v holds: a key of another column places nothing.
type sortKey struct {
	sort Sort
	v    int64
	id   string
	ok   bool
	// ranked: v is a ranked text query's (compiled.rankedSV).
	ranked bool
}

// Count is how many stored items match q.
func (s *Store) Count(ctx context.Context, q PaneQuery) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		c, err := s.compile(ctx, tx, q)
		if err != nil {
			return err
		}
		defer c.close()
		n, err = c.count(ctx, tx, nil)
		return err
	})
	return n, err
}

// Position is the place of item id in q's order, from 0, and whether the
// item matches q at all.
func (s *Store) Position(ctx context.Context, q PaneQuery, id string) (int, bool, error) {
	var pos int
	var ok bool
	err := s.read(ctx, func(tx *sql.Tx) error {
		c, err := s.compile(ctx, tx, q)
		if err != nil {
			return err
		}
		defer c.close()
		k, found, err := c.keyOf(ctx, tx, id)
		if err != nil || !found {
			return err
		}
		ok = true
		pos, err = c.count(ctx, tx, &k)
		return err
	})
	return pos, ok, err
}

// Window reads the rows around a cursor: up to before rows that come
// before the anchor, the anchor, and up to after rows that follow it, in
// q's order, together with how many items match q in all and the anchor's
// position (the anchor is rows[position-rows[0].Pos]). The rows are found
// by seeking to the anchor's sort key (keyset) instead of skipping rows
// (OFFSET), so a pane of 100k items reads only the rows it shows, however
// deep; the total and the position are counts over the matching items.
// All of it is read in one transaction, so rows, total and position agree
// with each other.
func (s *Store) Window(ctx context.Context, q PaneQuery, around Cursor, before, after int) (rows []PaneRow, total, position int, err error) {
	before, after = max(before, 0), max(after, 0)
	err = s.read(ctx, func(tx *sql.Tx) error {
		c, err := s.compile(ctx, tx, q)
		if err != nil {
			return err
		}
		defer c.close()
		if total, err = c.count(ctx, tx, nil); err != nil || total == 0 {
			return err
		}
		anchor := around
		if anchor.edge == 0 {
			k, found, err := c.keyOf(ctx, tx, anchor.id)
			if err != nil {
				return err
			}
			switch {
			case found:
				anchor.key = k
			case !anchor.key.ok || anchor.key.sort.column() != q.Sort.column() || anchor.key.ranked != c.ranked:
				anchor = Start()
			}
		}
		var idx int // the anchor's index in rows
		switch anchor.edge {
		case edgeStart:
			rows, err = c.page(ctx, tx, nil, true, after+1)
			position = 0
		case edgeEnd:
			rows, idx, position, err = c.end(ctx, tx, before, total)
		default:
			rows, idx, position, err = c.around(ctx, tx, anchor.key, before, after, total)
		}
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].Pos = position - idx + i
		}
		return c.matches(ctx, tx, rows)
	})
	if err != nil {
		return nil, 0, 0, fmt.Errorf("store: window of %s: %w", q.Kind, err)
	}
	return rows, total, position, nil
}

// Slide reads the rows around a row a window already showed, at list
// position pos, without counting: what a pane reads as its cursor nears
// the edge of the window it holds, where total and positions are known.
// ok is false when the row no longer matches q (the store changed under
// the pane): then read a Window, which counts again.
func (s *Store) Slide(ctx context.Context, q PaneQuery, row Cursor, pos, before, after int) (rows []PaneRow, ok bool, err error) {
	before, after = max(before, 0), max(after, 0)
	err = s.read(ctx, func(tx *sql.Tx) error {
		c, err := s.compile(ctx, tx, q)
		if err != nil {
			return err
		}
		defer c.close()
		k, found, err := c.keyOf(ctx, tx, row.id)
		if err != nil || !found {
			return err
		}
		held, idx, err := c.rowsAt(ctx, tx, k, before, after)
		if err != nil || len(held) == 0 || held[idx].ID != row.id {
			return err
		}
		rows = held
		for i := range rows {
			rows[i].Pos = pos - idx + i
		}
		ok = true
		return c.matches(ctx, tx, rows)
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: slide of %s: %w", q.Kind, err)
	}
	return rows, ok, nil
}

// Next is the first item of q after the row from (before it, when
// forward is false) in q's order: what `n` and `N` go to with q's filter
// narrowed to the items that need action. from's row need not match q.
func (s *Store) Next(ctx context.Context, q PaneQuery, from Cursor, forward bool) (id string, ok bool, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		c, err := s.compile(ctx, tx, q)
		if err != nil {
			return err
		}
		defer c.close()
		key := from.key
		if !key.ok || key.sort.column() != q.Sort.column() || key.ranked != c.ranked {
			return nil // the row's place in this order is unknown
		}
		rows, err := c.page(ctx, tx, &key, forward, 2)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.ID != from.id {
				id, ok = r.ID, true
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("store: next of %s: %w", q.Kind, err)
	}
	return id, ok, nil
}

// around reads the window around key: the rows before it and the rows at
// or after it. When nothing follows the key (its item was the last and
// left the query), the window is the end of the list.
func (c *compiled) around(ctx context.Context, tx *sql.Tx, key sortKey, before, after, total int) (rows []PaneRow, idx, pos int, err error) {
	rows, idx, err = c.rowsAt(ctx, tx, key, before, after)
	if err != nil {
		return nil, 0, 0, err
	}
	if len(rows) == 0 {
		return c.end(ctx, tx, before, total)
	}
	if pos, err = c.count(ctx, tx, &rows[idx].key); err != nil {
		return nil, 0, 0, err
	}
	return rows, idx, pos, nil
}

// rowsAt reads up to before rows ahead of key and the row at key (or the
// first after it) with up to after rows following, in order; rows[idx] is
// that row. Nothing is read ahead when nothing is at or after key.
func (c *compiled) rowsAt(ctx context.Context, tx *sql.Tx, key sortKey, before, after int) (rows []PaneRow, idx int, err error) {
	tail, err := c.page(ctx, tx, &key, true, after+1)
	if err != nil || len(tail) == 0 {
		return nil, 0, err
	}
	head, err := c.page(ctx, tx, &key, false, before)
	if err != nil {
		return nil, 0, err
	}
	slices.Reverse(head)
	return append(head, tail...), len(head), nil
}

// end reads the last rows, the last one the anchor.
func (c *compiled) end(ctx context.Context, tx *sql.Tx, before, total int) (rows []PaneRow, idx, pos int, err error) {
	rows, err = c.page(ctx, tx, nil, false, before+1)
	slices.Reverse(rows)
	return rows, len(rows) - 1, total - 1, err
}

// read runs fn in one read transaction: a deferred BEGIN, which does not
// take the write lock, so reading never waits for a sync's write.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.d.pg {
		// One snapshot for the whole read, as SQLite's read transaction
		// has: a text's set, its count and its rows agree (query_textset.go).
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}
