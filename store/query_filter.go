package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"modernc.org/sqlite"
)

// foldFunc is the SQL name of foldQuery: SQLite's lower() folds ASCII
// only, and product names and vendor codes are Cyrillic too. It is used in
// queries only, never in the schema, so other tools can still write the
// database.
const foldFunc = "sellerinbox_fold"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(foldFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return foldQuery(v), nil
		case []byte:
			return foldQuery(string(v)), nil
		case nil:
			return "", nil
		}
		return foldQuery(fmt.Sprint(args[0])), nil
	})
}

// foldQuery makes substring filters insensitive to case and to ё/е.
func foldQuery(s string) string { return foldText(strings.ToLower(s)) }

// compiled is a PaneQuery turned into SQL: inner selects the matching items
// with their sort key (sv, id). A text narrows inner to its textSet, bound
// in the read transaction (Store.compile).
type compiled struct {
	d         dialect
	kind      Kind
	sort      Sort
	sv        string
	where     []string // but the text
	whereArgs []any
	inner     string
	innerArgs []any
	// byKey is inner for finding one item by its key: with a text it
	// tests the item against the set rather than starting from the set.
	byKey     string
	byKeyArgs []any
	desc      bool     // sv (and id) descend
	expr      string   // the text's FTS expression, "" without text
	terms     []string // its words, folded as indexed
	set       *textSet
	handle    int64 // the set's in liveSets while the read lasts
	// ranked: sv puts the items matching every word whole first (see
	// rankedSV); keys read unranked do not seek in it. join is what sv
	// reads from besides the items (dialect.wholeTest).
	ranked   bool
	join     string
	joinArgs []any
	// textOnly: nothing but the text narrows, so the set's size is the
	// count.
	textOnly bool
	// tally: nothing but the kind, the status and the archive narrows, so
	// item_counts counts (counts.go); tallyStatus and tallyArchived are
	// the needs_action and archived selected, -1 for any.
	tally                      bool
	tallyStatus, tallyArchived int
}

// paneColumns are the columns a window reads: a Row, the item's rowid for
// the match snippet, and its sort value.
const paneColumns = `marketplace, kind, id, at, created, updated, needs_action, deadline, nm_id, article, rating,
	chat_id, title, snippet, data, items.rowid AS rid`

func compile(d dialect, q PaneQuery) *compiled {
	c := &compiled{d: d, kind: q.Kind, sort: q.Sort, desc: q.Sort != SortOldest && q.Sort != SortDeadline}
	c.sv = q.Sort.column()
	where := []string{"kind = ?"}
	args := []any{q.Kind}
	if expr := MatchExpr(q.Text); expr != "" {
		c.expr, c.terms = expr, queryTerms(expr)
	}
	f := q.Filter
	if f.RatingMin > 0 || f.RatingMax > 0 {
		lo, hi := max(f.RatingMin, 1), f.RatingMax
		if hi <= 0 {
			hi = 5
		}
		where = append(where, "rating BETWEEN ? AND ?")
		args = append(args, lo, hi)
	}
	if f.WithPhotos {
		where = append(where, "photos = 1")
	}
	if f.ReturnAvailable {
		where = append(where, "can_return = 1")
	}
	if a := foldQuery(strings.TrimSpace(f.Article)); a != "" {
		w, as := articleFilter(q.Kind, a)
		where, args = append(where, w), append(args, as...)
	}
	if p := foldQuery(strings.TrimSpace(f.Product)); p != "" {
		w, as := productFilter(q.Kind, p)
		where, args = append(where, w), append(args, as...)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, ms(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at <= ?"), append(args, ms(f.To))
	}
	if f.Assignee != "" {
		where, args = append(where, assigneeCond), append(args, f.Assignee)
	}
	plain := len(where) == 1 && c.expr == ""
	c.tallyStatus, c.tallyArchived = -1, -1
	switch f.Status {
	case StatusNeedsAction:
		where = append(where, "needs_action = 1")
		c.tallyStatus = 1
	case StatusDone:
		where = append(where, "needs_action = 0")
		c.tallyStatus = 0
	}
	switch f.Archive {
	case ArchiveActive:
		where = append(where, "archived = 0")
		c.tallyArchived = 0
	case ArchiveOnly:
		where = append(where, "archived = 1")
		c.tallyArchived = 1
	}
	tallied := len(where)
	if f.ReturnType != "" {
		where, args = append(where, "kind = 'return' AND "+d.jsonText("data", ".returnType")+" = ?"), append(args, f.ReturnType)
	}
	if f.OrderID != 0 {
		// PostgreSQL's #>> gives text, SQLite's json_extract a number.
		var id any = f.OrderID
		if d.pg {
			id = strconv.FormatInt(f.OrderID, 10)
		}
		where, args = append(where, "kind = 'return' AND "+d.jsonText("data", ".orderId")+" = ?"), append(args, id)
	}
	if f.NoText {
		where = append(where, "kind = 'feedback' AND trim(coalesce("+d.jsonText("data", ".text")+", '') || "+
			"coalesce("+d.jsonText("data", ".pros")+", '') || coalesce("+d.jsonText("data", ".cons")+", '')) = ''")
	}
	if len(f.States) > 0 {
		where = append(where, "state IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.States)), ", ")+")")
		for _, st := range f.States {
			args = append(args, st)
		}
	}
	c.textOnly = c.expr != "" && len(where) == 1
	c.tally = plain && len(where) == tallied
	c.where, c.whereArgs = where, args
	if c.expr == "" {
		c.build(`items`, nil, "", nil)
		c.byKey, c.byKeyArgs = c.inner, c.innerArgs
	}
	return c
}

// compile compiles q in the read transaction tx, binding its text's set:
// close the result when the read ends.
func (s *Store) compile(ctx context.Context, tx *sql.Tx, q PaneQuery) (*compiled, error) {
	c := compile(s.d, q)
	if c.expr == "" {
		return c, nil
	}
	set, err := s.textSet(ctx, tx, q.Kind, c.terms)
	if err != nil {
		return nil, err
	}
	c.set = set
	c.handle = lastHandle.Add(1)
	liveSets.Store(c.handle, set)
	if len(set.whole) > 0 && len(set.whole) < len(set.ids) && len(set.ids) <= sparseSet {
		c.sv, c.ranked = c.rankedSV(), true
	}
	cond, condArgs := c.d.inSet(`items.rowid`, c.handle, set.ids)
	c.build(`items`, nil, cond, condArgs)
	c.byKey, c.byKeyArgs = c.inner, c.innerArgs
	if len(set.ids) <= sparseSet {
		// Few rows match: the query starts from them.
		from, fromArgs := c.d.fromSet(set.ids)
		c.build(from, fromArgs, "", nil)
	}
	return c, nil
}

// close releases what compile bound.
func (c *compiled) close() {
	if c != nil && c.handle != 0 {
		liveSets.Delete(c.handle)
	}
}

// build makes inner: the items of from (and its args) that meet the
// filters and the condition cond, if any.
func (c *compiled) build(from string, fromArgs []any, cond string, condArgs []any) {
	where, args := c.where, c.whereArgs
	if cond != "" {
		where = append(slices.Clip(where), cond)
		args = append(slices.Clip(args), condArgs...)
	}
	c.inner = `SELECT ` + paneColumns + `, ` + c.sv + ` AS sv FROM ` + from + c.join + ` WHERE ` + strings.Join(where, " AND ")
	c.innerArgs = append(append(slices.Clip(fromArgs), c.joinArgs...), args...)
}

// rankBand lifts the whole-word matches above every value of a sort
// column: at and due stay below 2^51 (noDeadlineSQL is 2^50 plus a date).
const rankBand = "4503599627370496" // 2^52

// rankedSV is the sort value of a text query whose matches are few
// (sparseSet): the items where every word is whole come first, `оптом`
// before "оптомарт", each band in the pane's order. A larger set keeps
// the pane's order alone, so the first keystrokes over 100k items still
// walk the index instead of sorting every match. It sets the join the
// value reads.
func (c *compiled) rankedSV() string {
	var whole string
	whole, c.join, c.joinArgs = c.d.wholeTest(`items.rowid`, c.handle, c.set.whole)
	if c.desc {
		return `(` + whole + ` * ` + rankBand + ` + ` + c.sv + `)`
	}
	return `((1 - ` + whole + `) * ` + rankBand + ` + ` + c.sv + `)`
}

// column is the column the order sorts by (then by id).
func (s Sort) column() string {
	switch s {
	case SortDeadline:
		return "due"
	case SortActionFirst:
		// at is in milliseconds, far below 10^15 until the year 33658.
		return "(needs_action * 1000000000000000 + at)"
	}
	return "at"
}

func allDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) || r > '9' }) < 0
}

// articleFilter matches vendor codes as substrings, and digits as the WB
// article (nmID). Chats and claims have no vendor code of their own: they
// take their product's from stored questions and feedbacks.
func articleFilter(k Kind, a string) (string, []any) {
	own := `instr(` + foldFunc + `(articles), ?) > 0`
	if k == KindChat || k == KindClaim {
		own = `nm_id IN (SELECT nm_id FROM items WHERE kind IN ('question', 'feedback') AND nm_id != 0
			AND instr(` + foldFunc + `(articles), ?) > 0)`
	}
	if n, err := strconv.ParseInt(a, 10, 64); err == nil && allDigits(a) && k != KindReturn {
		return `(` + own + ` OR nm_id = ?)`, []any{a, n}
	}
	return own, []any{a}
}

// productFilter matches product names as substrings. Chats carry only the
// product's nmID; YM returns no product name at all, so none match.
func productFilter(k Kind, p string) (string, []any) {
	switch k {
	case KindChat:
		return `nm_id IN (SELECT nm_id FROM items WHERE kind IN ('question', 'feedback', 'claim') AND nm_id != 0
			AND instr(` + foldFunc + `(product), ?) > 0)`, []any{p}
	case KindReturn:
		return `1 = 0`, nil // a truth value: PostgreSQL takes no number for one
	}
	return `instr(` + foldFunc + `(product), ?) > 0`, []any{p}
}

// order is the ORDER BY of the pane's order (forward) or its reverse.
func (c *compiled) order(forward bool) string {
	dir := "ASC"
	if c.desc == forward {
		dir = "DESC"
	}
	return "sv " + dir + ", id " + dir
}

// keyCond selects the rows at or after k in the pane's order (forward) or
// strictly before it. A row value comparison is what the (kind, at, id)
// and (kind, due, id) indexes seek by.
func (c *compiled) keyCond(k sortKey, forward bool) (string, []any) {
	op := map[[2]bool]string{{true, false}: ">=", {false, false}: "<", {true, true}: "<=", {false, true}: ">"}[[2]bool{forward, c.desc}]
	return "(sv, id) " + op + " (?, ?)", []any{k.v, k.id}
}

func (c *compiled) args(extra ...any) []any {
	out := make([]any, 0, len(c.innerArgs)+len(extra))
	out = append(out, c.innerArgs...)
	return append(out, extra...)
}

// count counts the matching rows, or those before k.
func (c *compiled) count(ctx context.Context, tx *sql.Tx, k *sortKey) (int, error) {
	// PostgreSQL wants every subquery in FROM named (w, here and below).
	q := `SELECT count(*) FROM (` + c.inner + `) AS w`
	var extra []any
	if k == nil && c.tally {
		n, err := c.tallyCount(ctx, tx)
		if err != nil {
			return 0, fmt.Errorf("count: %w", err)
		}
		return n, nil
	}
	if k == nil && c.textOnly {
		return len(c.set.ids), nil
	}
	if k != nil {
		var cond string
		cond, extra = c.keyCond(*k, false)
		q += ` WHERE ` + cond
	}
	var n int
	if err := tx.QueryRowContext(ctx, q, c.args(extra...)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// keyOf is the sort key of item id, if it matches the query.
func (c *compiled) keyOf(ctx context.Context, tx *sql.Tx, id string) (sortKey, bool, error) {
	if id == "" {
		return sortKey{}, false, nil
	}
	k := sortKey{sort: c.sort, id: id, ok: true, ranked: c.ranked}
	// The marketplace makes the lookup one of the primary key.
	q := `SELECT sv FROM (` + c.byKey + `) AS w WHERE marketplace = ? AND id = ?`
	rows, err := tx.QueryContext(ctx, q, append(slices.Clip(c.byKeyArgs), string(c.kind.Marketplace()), id)...)
	if err != nil {
		return sortKey{}, false, fmt.Errorf("find %s: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return sortKey{}, false, rows.Err()
	}
	if err := rows.Scan(&k.v); err != nil {
		return sortKey{}, false, fmt.Errorf("find %s: %w", id, err)
	}
	return k, true, rows.Err()
}

// page reads up to limit rows at or after k in the pane's order (forward)
// or before it, nearest first; k nil starts at the first row (forward) or
// the last.
func (c *compiled) page(ctx context.Context, tx *sql.Tx, k *sortKey, forward bool, limit int) ([]PaneRow, error) {
	if limit <= 0 {
		return nil, nil
	}
	q := `SELECT * FROM (` + c.inner + `) AS w`
	var extra []any
	if k != nil {
		var cond string
		cond, extra = c.keyCond(*k, forward)
		q += ` WHERE ` + cond
	}
	q += ` ORDER BY ` + c.order(forward) + ` LIMIT ?`
	rows, err := tx.QueryContext(ctx, q, c.args(append(extra, limit)...)...)
	if err != nil {
		return nil, fmt.Errorf("page: %w", err)
	}
	defer rows.Close()
	out := make([]PaneRow, 0, limit)
	for rows.Next() {
		var r PaneRow
		r.Row, err = scanRow(extraCols{rows, []any{&r.rid, &r.key.v}})
		if err != nil {
			return nil, fmt.Errorf("page: %w", err)
		}
		r.key.sort, r.key.id, r.key.ok, r.key.ranked = c.sort, r.ID, true, c.ranked
		out = append(out, r)
	}
	return out, rows.Err()
}

type rowScanner interface{ Scan(...any) error }

// extraCols scans the columns after a Row's into dst.
type extraCols struct {
	sc  rowScanner
	dst []any
}

func (e extraCols) Scan(dst ...any) error { return e.sc.Scan(append(dst, e.dst...)...) }

// matches fills in why each row of a text query matched: the passage of
// the item's text or, for a chat, of its newest matching message, and
// whether it matched every word whole. It is worked out from the window's
// rows in Go: an FTS probe per row would read the whole list of the
// prefix's matches each time. The rows PostgreSQL found through a word's
// stem alone ("заказы" in "заказ"), which no term starts, have their
// passages from ts_headline (pgPassages).
func (c *compiled) matches(ctx context.Context, tx *sql.Tx, rows []PaneRow) error {
	if c.expr == "" || len(rows) == 0 {
		return nil
	}
	terms := queryTerms(c.expr)
	var stemmed []int // rows that need PostgreSQL's passage
	var bodies []string
	for i := range rows {
		r := &rows[i]
		body, err := shownBody(r.Kind, r.Data)
		if err != nil {
			return fmt.Errorf("match %s: %w", r.ID, err)
		}
		if m, ok := passageOf(body, terms); ok {
			r.Match, r.Whole = m.text, m.whole
		} else if r.Kind == KindChat {
			if err := c.eventMatch(ctx, tx, r, terms); err != nil {
				return err
			}
		} else if c.d.pg {
			stemmed, bodies = append(stemmed, i), append(bodies, body)
		}
		if c.d.pg {
			// Whole by the stem too: the rank put it with the whole words.
			r.Whole = r.Whole || (c.set != nil && c.set.isWhole(r.rid))
		}
	}
	if len(stemmed) == 0 {
		return nil
	}
	passages, err := pgPassages(ctx, tx, bodies, terms)
	if err != nil {
		return fmt.Errorf("match: %w", err)
	}
	for j, i := range stemmed {
		rows[i].Match = passages[j]
	}
	return nil
}

// eventMatch finds the newest message of a chat that matches.
func (c *compiled) eventMatch(ctx context.Context, tx *sql.Tx, r *PaneRow, terms []string) error {
	evs, err := tx.QueryContext(ctx, `SELECT data FROM chat_events WHERE chat_id = ? ORDER BY at DESC`, r.ID)
	if err != nil {
		return fmt.Errorf("match %s: %w", r.ID, err)
	}
	defer evs.Close()
	var bodies []string
	for evs.Next() {
		var data []byte
		if err := evs.Scan(&data); err != nil {
			return fmt.Errorf("match %s: %w", r.ID, err)
		}
		body, err := eventShown(data)
		if err != nil {
			return fmt.Errorf("match %s: %w", r.ID, err)
		}
		if m, ok := passageOf(body, terms); ok {
			r.Match, r.Whole = m.text, m.whole
			return nil
		}
		bodies = append(bodies, body)
	}
	if err := evs.Err(); err != nil || !c.d.pg {
		return err
	}
	evs.Close()
	passages, err := pgPassages(ctx, tx, bodies, terms)
	if err != nil {
		return fmt.Errorf("match %s: %w", r.ID, err)
	}
	for _, p := range passages {
		if p != "" {
			r.Match = p
			break
		}
	}
	return nil
}
