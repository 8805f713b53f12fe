package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ftsBatch sends a page's search-index writes as a few multi-row
// statements. FTS5 flushes its pending terms at the start of every
// statement that writes it, so one INSERT per item wrote one tiny index
// segment per item and then merged them: most of the cost of storing a
// page (BenchmarkChatEventsPage). It holds at most ftsBatchSize documents,
// so a large page is not held twice.
type ftsBatch struct {
	ctx     context.Context
	tx      *sql.Tx
	del     []int64
	docs    []ftsDoc
	pending map[int64]bool
}

type ftsDoc struct {
	rowid int64
	body  string
	kind  Kind
	id    string
	at    int64
}

const ftsBatchSize = 100

func newFTSBatch(ctx context.Context, tx *sql.Tx) *ftsBatch {
	return &ftsBatch{ctx: ctx, tx: tx, pending: map[int64]bool{}}
}

// remove unindexes an item, by its items rowid, before it is indexed anew.
func (b *ftsBatch) remove(rowid int64) error {
	if b.pending[rowid] {
		if err := b.flush(); err != nil {
			return err
		}
	}
	b.del = append(b.del, rowid)
	b.pending[rowid] = true
	return nil
}

// add indexes a row.
func (b *ftsBatch) add(d ftsDoc) error {
	if b.pending[d.rowid] && b.hasDoc(d.rowid) {
		if err := b.flush(); err != nil {
			return err
		}
	}
	b.docs = append(b.docs, d)
	b.pending[d.rowid] = true
	if len(b.docs) >= ftsBatchSize {
		return b.flush()
	}
	return nil
}

func (b *ftsBatch) hasDoc(rowid int64) bool {
	for _, d := range b.docs {
		if d.rowid == rowid {
			return true
		}
	}
	return false
}

// flush writes what is pending; callers flush before the transaction ends.
// Items are indexed under their searchRowid (search_rowid.go): rows to
// unindex are found by their item, which is still stored.
func (b *ftsBatch) flush() error {
	if len(b.del) > 0 {
		args := make([]any, len(b.del))
		for i, r := range b.del {
			args[i] = r
		}
		q := `DELETE FROM search WHERE rowid IN (SELECT rowid + ` + kindBaseSQL("kind") + ` FROM items WHERE rowid IN (?` +
			strings.Repeat(`, ?`, len(b.del)-1) + `))`
		if _, err := b.tx.ExecContext(b.ctx, q, args...); err != nil {
			return fmt.Errorf("store: unindex: %w", err)
		}
		b.del = b.del[:0]
	}
	if len(b.docs) > 0 {
		args := make([]any, 0, 5*len(b.docs))
		for _, d := range b.docs {
			rowid := d.rowid
			if rowid > 0 {
				var err error
				if rowid, err = searchRowid(d.kind, rowid); err != nil {
					return err
				}
			}
			args = append(args, rowid, d.body, d.kind, d.id, d.at)
		}
		q := `INSERT INTO search(rowid, body, kind, item_id, at) VALUES (?, ?, ?, ?, ?)` +
			strings.Repeat(`, (?, ?, ?, ?, ?)`, len(b.docs)-1)
		if _, err := b.tx.ExecContext(b.ctx, q, args...); err != nil {
			return fmt.Errorf("store: index: %w", err)
		}
		clear(b.docs)
		b.docs = b.docs[:0]
	}
	clear(b.pending)
	return nil
}
