package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"modernc.org/sqlite"
)

// A pane's `/` text is matched once per keystroke, not once per statement:
// the rowids of the items whose texts match (a textSet) are read from the
// index into Go, and the window's count, rows and positions all test their
// rows against that set. Each kind keeps the set of its last text, so the
// next keystroke, which usually narrows the text ("кач" → "каче", "качество"
// → "качество о"), only sorts the last set's items out (narrowSet), and
// scrolling a filtered pane reads no index at all. A set is exact: it belongs to the
// search_version it was read at and is never used at another.

// matchedFunc is the SQL name of the membership test on SQLite:
// matchedFunc(handle, rowid) is 1 when rowid is in the set registered
// under handle. PostgreSQL is given the rowids as an array (dialect.inSet).
const matchedFunc = "sellerinbox_matched"

// wholeFunc is the ranking test on SQLite: wholeFunc(handle, rowid) is 1
// when rowid matched every term as a whole word (dialect.wholeTest).
const wholeFunc = "sellerinbox_whole"

// sparseSet is the most rows a set may have for a query to start from its
// rowids (looked up one by one, then sorted); a larger set is tested row by
// row while the query walks the kind's index in the pane's order, where
// the first window's rows turn up after a few hundred rows. A variable, so
// that tests run both ways.
var sparseSet = 1000

// textSet is the rowids, ascending, of the items of kind whose texts match
// every term (see MatchExpr), as of search_version version.
type textSet struct {
	kind    Kind
	terms   []string
	version int64
	ids     []int64
	kept    float64 // the share of the set it was narrowed from that it kept; 1 when read whole
	// whole, a subset of ids, are the items where every term is a whole
	// word (`оптом` in "продаёте оптом", not only in "оптомарт"): a
	// pane ranks them first (see rankedSV).
	whole []int64
}

func (t *textSet) has(rowid int64) bool {
	_, ok := slices.BinarySearch(t.ids, rowid)
	return ok
}

func (t *textSet) isWhole(rowid int64) bool {
	_, ok := slices.BinarySearch(t.whole, rowid)
	return ok
}

// narrows reports that every item matching terms also matches t: each of
// t's terms starts one of terms, so a word that one of those starts
// starts it too.
func (t *textSet) narrows(terms []string) bool {
	for _, old := range t.terms {
		if !slices.ContainsFunc(terms, func(n string) bool { return strings.HasPrefix(n, old) }) {
			return false
		}
	}
	return true
}

// textSets keeps each kind's last set.
type textSets struct {
	mu   sync.Mutex
	last map[Kind]*textSet
}

func (c *textSets) get(k Kind) *textSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last[k]
}

func (c *textSets) put(t *textSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last == nil {
		c.last = map[Kind]*textSet{}
	}
	// A slower reader of an older version must not replace a newer set.
	if old := c.last[t.kind]; old == nil || old.version <= t.version {
		c.last[t.kind] = t
	}
}

// schemaV10 counts the writes that may change what a text matches: every
// writer of the search index writes the item or chat event it indexes in
// the same transaction, so a set read at one count is still exact at that
// count, whichever process wrote in between.
var schemaV10 = []string{
	`CREATE TABLE search_version (n INTEGER NOT NULL)`,
	`INSERT INTO search_version(n) VALUES (0)`,
	`CREATE TRIGGER search_version_item_insert AFTER INSERT ON items BEGIN ` + bumpSearchVersion + ` END`,
	`CREATE TRIGGER search_version_item_delete AFTER DELETE ON items BEGIN ` + bumpSearchVersion + ` END`,
	`CREATE TRIGGER search_version_item_update AFTER UPDATE OF marketplace, kind, id, data ON items BEGIN ` + bumpSearchVersion + ` END`,
	`CREATE TRIGGER search_version_event_insert AFTER INSERT ON chat_events BEGIN ` + bumpSearchVersion + ` END`,
	`CREATE TRIGGER search_version_event_delete AFTER DELETE ON chat_events BEGIN ` + bumpSearchVersion + ` END`,
	`CREATE TRIGGER search_version_event_update AFTER UPDATE OF chat_id, data ON chat_events BEGIN ` + bumpSearchVersion + ` END`,
}

const bumpSearchVersion = `UPDATE search_version SET n = n + 1;`

// liveSets are the sets the statements of open reads test rows against,
// by handle: a SQL function receives numbers, not Go values.
var (
	liveSets   sync.Map // int64 → *textSet
	lastHandle atomic.Int64
)

func init() {
	sqlite.MustRegisterScalarFunction(matchedFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		h, ok1 := args[0].(int64)
		rowid, ok2 := args[1].(int64)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: want two integers", matchedFunc)
		}
		t, ok := liveSets.Load(h)
		if !ok {
			return nil, fmt.Errorf("%s: no set %d", matchedFunc, h)
		}
		if t.(*textSet).has(rowid) {
			return int64(1), nil
		}
		return int64(0), nil
	})
	sqlite.MustRegisterScalarFunction(wholeFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		h, ok1 := args[0].(int64)
		rowid, ok2 := args[1].(int64)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: want two integers", wholeFunc)
		}
		t, ok := liveSets.Load(h)
		if !ok {
			return nil, fmt.Errorf("%s: no set %d", wholeFunc, h)
		}
		if t.(*textSet).isWhole(rowid) {
			return int64(1), nil
		}
		return int64(0), nil
	})
}

// textSet returns the set of kind k and terms as of the read transaction
// tx: the kind's last set when it is the same, narrowed from it when the
// terms narrow it, read from the index otherwise.
func (s *Store) textSet(ctx context.Context, tx *sql.Tx, k Kind, terms []string) (*textSet, error) {
	var version int64
	if err := tx.QueryRowContext(ctx, s.d.searchVersionQuery()).Scan(&version); err != nil {
		return nil, fmt.Errorf("search version: %w", err)
	}
	t := &textSet{kind: k, terms: terms, version: version, kept: 1}
	last := s.texts.get(k)
	if last != nil && last.version == version && slices.Equal(last.terms, terms) {
		return last, nil
	}
	var err error
	// On PostgreSQL a longer word does not always match fewer items: a
	// word matches by its stem too, and "сломает" is "сломанный"'s word
	// (their stem is слома) but not "сломанн"'s (it does not start it,
	// and its stem is сломан). A set is never narrowed there.
	if last != nil && last.version == version && k != KindChat && !s.d.pg && last.narrows(terms) {
		// An item has one search document, so it matches the new terms
		// when it matched the last ones and matches the terms added.
		// (A chat matches when one of its messages matches every term.)
		t.ids, t.kept, err = narrowSet(ctx, tx, last, terms)
	} else {
		t.ids, err = readSet(ctx, tx, s.d, k, terms)
	}
	if err != nil {
		return nil, err
	}
	// Whole words are looked up as exact terms, whose lists are short
	// next to a prefix's; only a set small enough to rank needs them.
	if len(t.ids) > 0 && len(t.ids) <= sparseSet {
		if t.whole, err = readWholeSet(ctx, tx, s.d, k, terms); err != nil {
			return nil, err
		}
	}
	s.texts.put(t)
	return t, nil
}

// termsExpr is the FTS5 expression all of terms must match, as word
// starts.
func termsExpr(terms []string) string { return quoteTerms(terms, "*") }

// quoteTerms quotes each term, followed by suffix ("*": a prefix).
func quoteTerms(terms []string, suffix string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"` + suffix
	}
	return strings.Join(quoted, " ")
}

// readSet reads the set from the index: the documents in the kind's range
// of search rowids (search_rowid.go) and, for chats, the chats of the
// messages that match.
func readSet(ctx context.Context, tx *sql.Tx, d dialect, k Kind, terms []string) ([]int64, error) {
	return readExpr(ctx, tx, d, k, d.matchTerms(terms, true))
}

// readWholeSet is readSet of the items (a chat: of one message) where
// every term is a whole word.
func readWholeSet(ctx context.Context, tx *sql.Tx, d dialect, k Kind, terms []string) ([]int64, error) {
	return readExpr(ctx, tx, d, k, d.matchTerms(terms, false))
}

func readExpr(ctx context.Context, tx *sql.Tx, d dialect, k Kind, m textMatch) ([]int64, error) {
	base := kindBase(k)
	q := `SELECT rowid - ? FROM search WHERE ` + m.cond + ` AND rowid BETWEEN ? AND ?`
	args := append(append([]any{base}, m.args...), base+1, base+kindSpan-1)
	if k == KindChat {
		q += ` UNION SELECT i.rowid FROM chat_events AS e
			JOIN items AS i ON i.marketplace = 'wb' AND i.kind = 'chat' AND i.id = e.chat_id
			WHERE e.rowid IN (SELECT -rowid FROM search WHERE ` + m.cond + ` AND rowid < 0)`
		args = append(args, m.args...)
	}
	return rowids(ctx, tx, `WITH m(r) AS (`+q+`) SELECT coalesce(string_agg(CAST(r AS TEXT), ','), '') FROM m`, args...)
}

// narrowSet (SQLite's index only: see textSet) keeps the rowids of last
// that match the terms last did not have, looking only between last's
// first and last rowid. Reading a set costs most for every rowid passed
// out of the index, and a keystroke usually drops few of last's items:
// then the index lists the items of last that do not match (last's terms
// NOT the added ones) and those leave. When the last keystroke kept fewer
// than half, the index lists the items that match every term instead.
func narrowSet(ctx context.Context, tx *sql.Tx, last *textSet, terms []string) (ids []int64, kept float64, err error) {
	var added []string
	for _, t := range terms {
		if !slices.Contains(last.terms, t) && !slices.Contains(added, t) {
			added = append(added, t)
		}
	}
	if len(added) == 0 || len(last.ids) == 0 {
		return last.ids, 1, nil
	}
	dropping := last.kept >= 0.5
	expr := termsExpr(terms)
	if dropping {
		// Any list of items that holds last will do on the left of NOT:
		// a term of one or two letters starts words of most items, and
		// reading its list again costs more than the few more items its
		// absence lists.
		left := slices.DeleteFunc(slices.Clone(last.terms), func(t string) bool { return utf8.RuneCountInString(t) < 3 })
		if len(left) == 0 {
			left = last.terms
		}
		expr = "(" + termsExpr(left) + ") NOT (" + termsExpr(added) + ")"
	}
	base := kindBase(last.kind)
	listed, err := rowids(ctx, tx, `SELECT coalesce(string_agg(CAST(rowid - ? AS TEXT), ','), '') FROM search
		WHERE search MATCH ? AND rowid BETWEEN ? AND ?`,
		base, expr, base+last.ids[0], base+last.ids[len(last.ids)-1])
	if err != nil {
		return nil, 0, err
	}
	// Both ascend: keep the rowids of last listed (or not listed, when
	// dropping).
	ids = make([]int64, 0, len(last.ids))
	j := 0
	for _, r := range last.ids {
		for j < len(listed) && listed[j] < r {
			j++
		}
		if (j < len(listed) && listed[j] == r) != dropping {
			ids = append(ids, r)
		}
	}
	return ids, float64(len(ids)) / float64(len(last.ids)), nil
}

// rowids runs a query of one comma-separated list of rowids (one value
// instead of a row per match, which costs far more to step through) and
// returns them ascending, without repeats.
func rowids(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	var list string
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&list); err != nil {
		return nil, fmt.Errorf("match set: %w", err)
	}
	if list == "" {
		return nil, nil
	}
	out := make([]int64, 0, strings.Count(list, ",")+1)
	for f := range strings.SplitSeq(list, ",") {
		r, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("match set: %w", err)
		}
		out = append(out, r)
	}
	if !slices.IsSorted(out) {
		slices.Sort(out)
	}
	return slices.Compact(out), nil
}

// rowidsJSON is a set's rowids as a JSON array, for json_each.
func rowidsJSON(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, r := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, r, 10)
	}
	return string(append(b, ']'))
}
