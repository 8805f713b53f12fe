package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// The Inbox reads windows like a pane (Window, Slide, Count, Next), over
// the items awaiting the seller in every pane of one or several profiles'
// stores, merged into the Inbox's order (deadline, then ID and kind: see
// Inbox). Each store is read by keyset around the anchor, so a window of
// the Inbox costs the same at its end as at its top, and the count and
// `G` cover everything stored rather than the pages read so far.

// sortInbox marks the sort keys of Inbox rows; it is no pane's order.
const sortInbox Sort = -1

// Inboxes is the Inbox over several stores, the profile's own first. Of
// a PaneQuery it reads only Text (words, as in a pane); PaneRow.Source is
// the index of the store a row comes from.
type Inboxes []*Store

// inboxKey is a row's place in the Inbox order.
type inboxKey struct {
	due  int64
	kind Kind
	id   string
}

func (k inboxKey) compare(o inboxKey) int {
	return cmp.Or(cmp.Compare(k.due, o.due), strings.Compare(k.id, o.id), strings.Compare(string(k.kind), string(o.kind)))
}

func (k inboxKey) sortKey() sortKey {
	return sortKey{sort: sortInbox, v: k.due, id: string(k.kind) + "\x00" + k.id, ok: true}
}

func inboxKeyOf(k sortKey) (inboxKey, bool) {
	if !k.ok || k.sort != sortInbox {
		return inboxKey{}, false
	}
	kind, id, ok := strings.Cut(k.id, "\x00")
	return inboxKey{due: k.v, kind: Kind(kind), id: id}, ok
}

// inboxRowCols are a Row's columns (scanRow), its rowid and due.
const inboxRowCols = `marketplace, kind, id, at, created, updated, needs_action, deadline, nm_id, article, rating,
	chat_id, title, snippet, data, rowid, due`

// inboxFilter is the condition of an Inbox read in one store's read
// transaction: what awaits the seller and, with a text, matches it in any
// kind (an item's own texts or, for a chat, its messages). The matching
// rowids are read once per read transaction.
type inboxFilter struct {
	cond string
	args []any
}

func newInboxFilter(ctx context.Context, tx *sql.Tx, d dialect, text, assignee string) (inboxFilter, error) {
	f := inboxFilter{cond: `needs_action = 1`}
	if assignee != "" {
		// the team inbox's "mine"
		f.cond += ` AND ` + assigneeCond
		f.args = append(f.args, assignee)
	}
	expr := MatchExpr(text)
	if expr == "" {
		return f, nil
	}
	terms := queryTerms(expr)
	if d.pg {
		if err := pgCustomPlans(ctx, tx); err != nil {
			return inboxFilter{}, err
		}
	}
	var all []int64
	for _, k := range Kinds {
		ids, err := readSet(ctx, tx, d, k, terms)
		if err != nil {
			return inboxFilter{}, err
		}
		all = append(all, ids...)
	}
	f.cond += ` AND rowid IN ` + d.intList()
	f.args = append(f.args, rowidsJSON(all))
	return f, nil
}

// inboxPage reads up to limit rows at or after k (forward) or before it,
// nearest first; k nil starts at the top (forward) or the end.
func inboxPage(ctx context.Context, tx *sql.Tx, f inboxFilter, src int, k *inboxKey, forward bool, limit int) ([]PaneRow, error) {
	if limit <= 0 {
		return nil, nil
	}
	cond, args := f.cond, append([]any(nil), f.args...)
	op, dir := ">=", "ASC"
	if !forward {
		op, dir = "<", "DESC"
	}
	if k != nil {
		cond += ` AND (due, id, kind) ` + op + ` (?, ?, ?)`
		args = append(args, k.due, k.id, string(k.kind))
	}
	rows, err := tx.QueryContext(ctx, inboxPageQuery(cond, dir), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]PaneRow, 0, min(limit, 512)) // Inbox may ask for everything
	for rows.Next() {
		var r PaneRow
		var due int64
		if r.Row, err = scanRow(extraCols{rows, []any{&r.rid, &due}}); err != nil {
			return nil, err
		}
		r.Source = src
		r.key = inboxKey{due: due, kind: r.Kind, id: r.ID}.sortKey()
		out = append(out, r)
	}
	return out, rows.Err()
}

// inboxPageQuery reads rows under cond in the Inbox order (dir ASC or
// DESC); its plan walks the items_inbox index (TestInboxPageUsesIndex).
func inboxPageQuery(cond, dir string) string {
	return `SELECT ` + inboxRowCols + ` FROM items WHERE ` + cond +
		` ORDER BY due ` + dir + `, id ` + dir + `, kind ` + dir + ` LIMIT ?`
}

// inboxCount counts the rows before k, or all of them when k is nil.
func inboxCount(ctx context.Context, tx *sql.Tx, f inboxFilter, k *inboxKey) (int, error) {
	cond, args := f.cond, append([]any(nil), f.args...)
	if k != nil {
		cond += ` AND (due, id, kind) < (?, ?, ?)`
		args = append(args, k.due, k.id, string(k.kind))
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE `+cond, args...).Scan(&n)
	return n, err
}

// each runs fn over every store in a read transaction of its own, with
// the filter of text there.
func (in Inboxes) each(ctx context.Context, q PaneQuery, fn func(src int, tx *sql.Tx, f inboxFilter) error) error {
	for i, st := range in {
		err := st.read(ctx, func(tx *sql.Tx) error {
			f, err := newInboxFilter(ctx, tx, st.d, q.Text, q.Filter.Assignee)
			if err != nil {
				return err
			}
			return fn(i, tx, f)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// mergeRows orders rows of several stores in the Inbox order; ties (one
// account in two profiles) go by store.
func mergeRows(rows []PaneRow) {
	slices.SortStableFunc(rows, func(a, b PaneRow) int {
		ka, _ := inboxKeyOf(a.key)
		kb, _ := inboxKeyOf(b.key)
		return cmp.Or(ka.compare(kb), cmp.Compare(a.Source, b.Source))
	})
}

// Count is how many items await the seller in all the stores, matching
// q's text.
func (in Inboxes) Count(ctx context.Context, q PaneQuery) (int, error) {
	total := 0
	err := in.each(ctx, q, func(_ int, tx *sql.Tx, f inboxFilter) error {
		n, err := inboxCount(ctx, tx, f, nil)
		total += n
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: inbox count: %w", err)
	}
	return total, nil
}

// around reads, from every store, up to before rows ahead of k and up to
// after+1 rows at or after it, merged; idx is the first row at or after k
// (len(rows) when none is).
func (in Inboxes) around(ctx context.Context, q PaneQuery, k *inboxKey, before, after int) (rows []PaneRow, idx int, err error) {
	var head, tail []PaneRow
	err = in.each(ctx, q, func(src int, tx *sql.Tx, f inboxFilter) error {
		t, err := inboxPage(ctx, tx, f, src, k, true, after+1)
		if err != nil {
			return err
		}
		tail = append(tail, t...)
		if k == nil {
			return nil
		}
		h, err := inboxPage(ctx, tx, f, src, k, false, before)
		head = append(head, h...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	mergeRows(head)
	mergeRows(tail)
	head = head[max(len(head)-before, 0):]
	tail = tail[:min(len(tail), after+1)]
	return append(head, tail...), len(head), nil
}

// Window reads the Inbox rows around a cursor, as Store.Window does for a
// pane: rows, how many match in all, and the anchor's position.
func (in Inboxes) Window(ctx context.Context, q PaneQuery, around Cursor, before, after int) (rows []PaneRow, total, position int, err error) {
	before, after = max(before, 0), max(after, 0)
	if total, err = in.Count(ctx, q); err != nil || total == 0 {
		return nil, total, 0, err
	}
	var idx int
	switch k, ok := inboxKeyOf(around.key); {
	case around.edge == edgeEnd:
		rows, err = in.end(ctx, q, before)
		idx, position = len(rows)-1, total-1
	case around.edge == 0 && ok:
		rows, idx, err = in.around(ctx, q, &k, before, after)
		if err == nil && idx == len(rows) {
			// Nothing follows the item's place: it was the last and left.
			rows, err = in.end(ctx, q, before)
			idx, position = len(rows)-1, total-1
		} else if err == nil {
			position, err = in.before(ctx, q, rows[idx])
		}
	default: // the start, or an ID alone, which places nothing here
		rows, idx, err = in.around(ctx, q, nil, 0, after)
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("store: inbox window: %w", err)
	}
	for i := range rows {
		rows[i].Pos = position - idx + i
	}
	return rows, total, position, nil
}

// before is row's position: the rows ahead of it in every store, and the
// rows of earlier stores on its very key.
func (in Inboxes) before(ctx context.Context, q PaneQuery, row PaneRow) (int, error) {
	k, _ := inboxKeyOf(row.key)
	pos := 0
	err := in.each(ctx, q, func(src int, tx *sql.Tx, f inboxFilter) error {
		n, err := inboxCount(ctx, tx, f, &k)
		pos += n
		if err == nil && src < row.Source {
			var tie int
			tie, err = inboxTie(ctx, tx, f, k)
			pos += tie
		}
		return err
	})
	return pos, err
}

// inboxTie counts the rows on key k exactly (0 or 1).
func inboxTie(ctx context.Context, tx *sql.Tx, f inboxFilter, k inboxKey) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE `+f.cond+` AND due = ? AND id = ? AND kind = ?`,
		append(append([]any(nil), f.args...), k.due, k.id, string(k.kind))...).Scan(&n)
	return n, err
}

// end reads the last before+1 rows.
func (in Inboxes) end(ctx context.Context, q PaneQuery, before int) ([]PaneRow, error) {
	var rows []PaneRow
	err := in.each(ctx, q, func(src int, tx *sql.Tx, f inboxFilter) error {
		r, err := inboxPage(ctx, tx, f, src, nil, false, before+1)
		rows = append(rows, r...)
		return err
	})
	mergeRows(rows)
	return rows[max(len(rows)-before-1, 0):], err
}

// Slide reads the rows around a row a window showed at list position pos,
// without counting; ok is false when the row no longer awaits the seller.
func (in Inboxes) Slide(ctx context.Context, q PaneQuery, row Cursor, pos, before, after int) (rows []PaneRow, ok bool, err error) {
	k, found := inboxKeyOf(row.key)
	if !found {
		return nil, false, nil
	}
	rows, idx, err := in.around(ctx, q, &k, max(before, 0), max(after, 0))
	if err != nil {
		return nil, false, fmt.Errorf("store: inbox slide: %w", err)
	}
	if idx == len(rows) || rows[idx].ID != row.id {
		return nil, false, nil
	}
	for i := range rows {
		rows[i].Pos = pos - idx + i
	}
	return rows, true, nil
}

// Next is the row after from (before it, when forward is false): every
// Inbox row awaits the seller, so n and N move by one.
func (in Inboxes) Next(ctx context.Context, q PaneQuery, from Cursor, forward bool) (id string, ok bool, err error) {
	k, found := inboxKeyOf(from.key)
	if !found {
		return "", false, nil
	}
	rows, idx, err := in.around(ctx, q, &k, 1, 1)
	if err != nil {
		return "", false, fmt.Errorf("store: inbox next: %w", err)
	}
	i := idx - 1
	if forward {
		i = idx
		if i < len(rows) && rows[i].ID == from.id {
			i++
		}
	}
	if i < 0 || i >= len(rows) {
		return "", false, nil
	}
	return rows[i].ID, true, nil
}
