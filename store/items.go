package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Row is a stored item as the list views need it: the derived columns
// without decoding the model; Data holds the model's JSON.
type Row struct {
	Marketplace api.Marketplace
	Kind        Kind
	ID          string
	At          time.Time // what the pane sorts by: the newest activity
	Created     time.Time
	Updated     time.Time
	NeedsAction bool
	Deadline    time.Time // zero when there is none
	NmID        int64
	Article     string
	Rating      int
	ChatID      string
	Title       string
	// Snippet is buyer-supplied text, stored as received: the UI sanitizes.
	Snippet string
	Data    json.RawMessage
}

// Changes counts what one Put did. Putting what is already stored changes
// nothing, so overlapping syncs never duplicate.
type Changes struct {
	Added, Updated, Unchanged int
}

// Add sums c and o.
func (c Changes) Add(o Changes) Changes {
	return Changes{c.Added + o.Added, c.Updated + o.Updated, c.Unchanged + o.Unchanged}
}

// Changed reports whether anything was added or updated.
func (c Changes) Changed() bool { return c.Added+c.Updated > 0 }

const rowColumns = `marketplace, kind, id, at, created, updated, needs_action, deadline, nm_id, article, rating, chat_id, title, snippet, data`

func scanRow(sc interface{ Scan(...any) error }) (Row, error) {
	var r Row
	var at, created, updated int64
	var deadline sql.NullInt64
	var needs int
	var data []byte
	err := sc.Scan(&r.Marketplace, &r.Kind, &r.ID, &at, &created, &updated, &needs, &deadline,
		&r.NmID, &r.Article, &r.Rating, &r.ChatID, &r.Title, &r.Snippet, &data)
	if err != nil {
		return Row{}, err
	}
	r.At, r.Created, r.Updated = fromMS(at), fromMS(created), fromMS(updated)
	r.NeedsAction = needs != 0
	if deadline.Valid {
		r.Deadline = fromMS(deadline.Int64)
	}
	r.Data = data
	return r, nil
}

// putter writes records inside one transaction with prepared statements:
// a page of 5000 feedbacks is 5000 upserts.
type putter struct {
	ctx                  context.Context
	tx                   *sql.Tx
	sel, ins, upd, touch *sql.Stmt
	fts                  *ftsBatch
	seen                 int64
	changes              Changes
}

func newPutter(ctx context.Context, tx *sql.Tx, seen int64) (*putter, error) {
	p := &putter{ctx: ctx, tx: tx, seen: seen, fts: newFTSBatch(ctx, tx)}
	stmts := []struct {
		dst **sql.Stmt
		q   string
	}{
		{&p.sel, `SELECT rowid, data, unseen FROM items WHERE marketplace = ? AND kind = ? AND id = ?`},
		{&p.ins, `INSERT INTO items(marketplace, kind, id, at, created, updated, needs_action, deadline, due,
			nm_id, article, rating, chat_id, title, snippet, data, seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`},
		{&p.upd, `UPDATE items SET at = ?, created = ?, updated = ?, needs_action = ?, deadline = ?, due = ?,
			nm_id = ?, article = ?, rating = ?, chat_id = ?, title = ?, snippet = ?, data = ?, seen = max(seen, ?), unseen = 0
			WHERE rowid = ?`},
		{&p.touch, `UPDATE items SET seen = max(seen, ?), unseen = 0 WHERE rowid = ?`},
	}
	for _, s := range stmts {
		st, err := tx.PrepareContext(ctx, s.q)
		if err != nil {
			p.close()
			return nil, fmt.Errorf("store: prepare: %w", err)
		}
		*s.dst = st
	}
	return p, nil
}

// flush writes the pending search index; it must run before the
// transaction commits.
func (p *putter) flush() error { return p.fts.flush() }

func (p *putter) close() {
	for _, s := range []*sql.Stmt{p.sel, p.ins, p.upd, p.touch} {
		if s != nil {
			s.Close()
		}
	}
}

func nullMS(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: ms(t), Valid: true}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// put upserts one record; unchanged JSON only marks the item seen.
func (p *putter) put(r record) (rowid int64, err error) {
	if r.id == "" {
		return 0, fmt.Errorf("store: a %s without an ID cannot be stored", r.kind)
	}
	mp := string(r.kind.Marketplace())
	var old []byte
	var unseen bool
	err = p.sel.QueryRowContext(p.ctx, mp, r.kind, r.id).Scan(&rowid, &old, &unseen)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = p.ins.QueryRowContext(p.ctx, mp, r.kind, r.id, ms(r.at), ms(r.created), ms(r.updated),
			boolInt(r.needs), nullMS(r.deadline), r.due(), r.nmID, r.article, r.rating, r.chatID, r.title, r.snippet,
			r.data, p.seen).Scan(&rowid)
		if err != nil {
			return 0, fmt.Errorf("store: insert %s %s: %w", r.kind, r.id, err)
		}
		p.changes.Added++
	case err != nil:
		return 0, fmt.Errorf("store: read %s %s: %w", r.kind, r.id, err)
	case bytes.Equal(old, r.data) && !(unseen && r.needs):
		// An item a sync resolved for not seeing it, seen again awaiting
		// the seller, is updated in full below: it comes back.
		if _, err := p.touch.ExecContext(p.ctx, p.seen, rowid); err != nil {
			return 0, fmt.Errorf("store: mark %s %s: %w", r.kind, r.id, err)
		}
		p.changes.Unchanged++
		return rowid, nil
	default:
		_, err = p.upd.ExecContext(p.ctx, ms(r.at), ms(r.created), ms(r.updated), boolInt(r.needs), nullMS(r.deadline),
			r.due(), r.nmID, r.article, r.rating, r.chatID, r.title, r.snippet, r.data, p.seen, rowid)
		if err != nil {
			return 0, fmt.Errorf("store: update %s %s: %w", r.kind, r.id, err)
		}
		if err := p.fts.remove(rowid); err != nil {
			return 0, err
		}
		p.changes.Updated++
	}
	if err := p.fts.add(ftsDoc{rowid: rowid, body: r.body, kind: r.kind, id: r.id, at: ms(r.at)}); err != nil {
		return 0, err
	}
	return rowid, nil
}

func indexDoc(ctx context.Context, tx *sql.Tx, rowid int64, kind Kind, id string, at int64, body string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO search(rowid, body, kind, item_id, at) VALUES (?, ?, ?, ?, ?)`,
		rowid, body, kind, id, at)
	return err
}

// Get reads one item.
func (s *Store) Get(ctx context.Context, kind Kind, id string) (Row, bool, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+rowColumns+` FROM items WHERE marketplace = ? AND kind = ? AND id = ?`,
		string(kind.Marketplace()), kind, id)
	r, err := scanRow(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Row{}, false, nil
	}
	if err != nil {
		return Row{}, false, fmt.Errorf("store: get %s %s: %w", kind, id, err)
	}
	return r, true, nil
}

// PageToken continues a List after the last row of a page; the zero value
// starts at the newest. Keyset paging keeps every page as fast as the
// first, however deep.
type PageToken struct {
	at int64
	id string
	ok bool
}

// IsZero reports the first page's token, and that no page follows.
func (t PageToken) IsZero() bool { return !t.ok }

// ListQuery selects a page of one kind, newest activity first.
type ListQuery struct {
	Kind        Kind
	NeedsAction bool  // only items awaiting the seller
	NmID        int64 // 0: every product
	After       PageToken
	Limit       int // default 100
}

// List returns a page of rows and the token of the next page (zero after
// the last page).
func (s *Store) List(ctx context.Context, q ListQuery) ([]Row, PageToken, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	where := `kind = ?`
	args := []any{q.Kind}
	if q.NeedsAction {
		where += ` AND needs_action = 1`
	}
	if q.NmID != 0 {
		where += ` AND nm_id = ?`
		args = append(args, q.NmID)
	}
	if q.After.ok {
		where += ` AND (at, id) < (?, ?)`
		args = append(args, q.After.at, q.After.id)
	}
	args = append(args, q.Limit+1)
	rows, err := s.db.QueryContext(ctx, `SELECT `+rowColumns+` FROM items WHERE `+where+` ORDER BY at DESC, id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, PageToken{}, fmt.Errorf("store: list %s: %w", q.Kind, err)
	}
	defer rows.Close()
	out := make([]Row, 0, q.Limit)
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, PageToken{}, fmt.Errorf("store: list %s: %w", q.Kind, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, PageToken{}, fmt.Errorf("store: list %s: %w", q.Kind, err)
	}
	var next PageToken
	if len(out) > q.Limit {
		out = out[:q.Limit]
		last := out[len(out)-1]
		next = PageToken{at: ms(last.At), id: last.ID, ok: true}
	}
	return out, next, nil
}

// Count is how many items a pane has and how many of them await the seller.
type Count struct {
	Total, NeedsAction int
}

// Counts reports every kind's counts (kinds without items are zero).
func (s *Store) Counts(ctx context.Context) (map[Kind]Count, error) {
	out := make(map[Kind]Count, len(Kinds))
	for _, k := range Kinds {
		out[k] = Count{}
	}
	// Triggers keep the counts (counts.go): ten rows, however many items.
	rows, err := s.db.QueryContext(ctx, `SELECT kind, needs_action, sum(n) FROM item_counts GROUP BY kind, needs_action`)
	if err != nil {
		return nil, fmt.Errorf("store: counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k Kind
		var needs, n int
		if err := rows.Scan(&k, &needs, &n); err != nil {
			return nil, fmt.Errorf("store: counts: %w", err)
		}
		c := out[k]
		c.Total += n
		if needs != 0 {
			c.NeedsAction += n
		}
		out[k] = c
	}
	return out, rows.Err()
}

// decodeRows decodes the JSON of rows into models.
func decodeRows[T any](rows []Row) ([]T, error) {
	out := make([]T, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = Decode[T](r); err != nil {
			return nil, err
		}
	}
	return out, nil
}
