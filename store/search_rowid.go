package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Since migration 10 an item's search document is keyed by its kind and
// its items rowid: searchRowid puts each kind's documents in a range of
// their own, so matching one pane's items reads only that range of every
// word's list of documents (FTS5 seeks to a rowid bound), where a kind
// column matched too made every query walk the list of all the kind's
// documents besides. Chat messages keep the negative rowids of their
// events.
//
// The ordinals are written into every database: never renumber them.
var kindOrdinals = map[Kind]int64{KindQuestion: 1, KindFeedback: 2, KindChat: 3, KindClaim: 4, KindReturn: 5}

// kindSpan is the room of one kind: items rowids stay far below it (they
// are the largest rowid plus one).
const kindSpan = int64(1) << 40

// kindBase is the first search rowid of kind k's items; a kind with no
// ordinal has the range below the first.
func kindBase(k Kind) int64 { return kindOrdinals[k] * kindSpan }

// searchRowid is the search rowid of kind k's item at items rowid rowid.
func searchRowid(k Kind, rowid int64) (int64, error) {
	if rowid <= 0 || rowid >= kindSpan {
		return 0, fmt.Errorf("store: %s at rowid %d is out of the search index's range", k, rowid)
	}
	return kindBase(k) + rowid, nil
}

// kindBaseSQL is kindBase of the kind column kindCol, in SQL.
func kindBaseSQL(kindCol string) string {
	var b strings.Builder
	b.WriteString("(CASE " + kindCol)
	for k, n := range kindOrdinals {
		b.WriteString(" WHEN '" + string(k) + "' THEN " + strconv.FormatInt(n*kindSpan, 10))
	}
	b.WriteString(" ELSE 0 END)")
	return b.String()
}

// migrateSearchKeys (migration 10) builds the search index again with its
// documents keyed by kind, kind no longer indexed (a range of rowids
// selects it) and prefixes of up to eight letters indexed, so the words
// a pane's `/` is typing are each one list of documents, not a merge of
// every word they start. It adds search_version too (query_textset.go).
func migrateSearchKeys(ctx context.Context, tx *sql.Tx) error {
	return execAll(append([]string{
		`CREATE VIRTUAL TABLE search_v10 USING fts5(
			body, kind UNINDEXED, item_id UNINDEXED, at UNINDEXED,
			tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8'
		)`,
		`INSERT INTO search_v10(rowid, body, kind, item_id, at)
			SELECT CASE WHEN rowid > 0 THEN rowid + ` + kindBaseSQL("kind") + ` ELSE rowid END, body, kind, item_id, at FROM search`,
		`DROP TABLE search`,
		`ALTER TABLE search_v10 RENAME TO search`,
	}, schemaV10...))(ctx, tx)
}
