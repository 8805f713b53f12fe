package store

import (
	"context"
	"database/sql"
)

// bodyMatch limits an FTS expression (MatchExpr) to the texts: up to
// version 9 the kind was indexed too.
func bodyMatch(expr string) string { return "body : (" + expr + ")" }

// The pane query (query.go) filters on facts that live only in an item's
// JSON: photos, "return available", the marketplace's state, the claims'
// archive flag, the product name and every vendor code. Triggers copy them
// into plain columns whenever an item's JSON is written, so the writers
// (putter, refreshChat) stay unchanged, and a filter over 100k items reads
// a column instead of parsing 100k JSON documents: a VIRTUAL generated
// column would parse the JSON on every read, and SQLite cannot add a STORED
// one to an existing table.
//
// data is a BLOB, which json_* functions read as JSONB, so each expression
// casts it to TEXT first.
const queryColumnsSet = `UPDATE items SET
	photos = CASE kind
		WHEN 'feedback' THEN coalesce(json_array_length(CAST(data AS TEXT), '$.photoLinks'), 0) > 0
		WHEN 'claim' THEN coalesce(json_array_length(CAST(data AS TEXT), '$.photos'), 0) > 0
		WHEN 'return' THEN EXISTS (SELECT 1 FROM json_each(CAST(data AS TEXT), '$.items') AS it,
			json_each(it.value, '$.decisions') AS d WHERE coalesce(json_array_length(d.value, '$.images'), 0) > 0)
		ELSE 0 END,
	can_return = CASE kind
		WHEN 'feedback' THEN coalesce(json_extract(CAST(data AS TEXT), '$.isAbleReturnProductOrders'), 0) != 0
		ELSE 0 END,
	state = coalesce(CASE kind
		WHEN 'return' THEN json_extract(CAST(data AS TEXT), '$.refundStatus')
		WHEN 'question' THEN json_extract(CAST(data AS TEXT), '$.state')
		WHEN 'feedback' THEN json_extract(CAST(data AS TEXT), '$.answer.state')
		WHEN 'claim' THEN CAST(json_extract(CAST(data AS TEXT), '$.status') AS TEXT)
		END, ''),
	archived = CASE kind
		WHEN 'claim' THEN coalesce(json_extract(CAST(data AS TEXT), '$.sellerinbox_archive'), 0) != 0
		ELSE 0 END,
	product = coalesce(CASE kind
		WHEN 'question' THEN json_extract(CAST(data AS TEXT), '$.productDetails.productName')
		WHEN 'feedback' THEN json_extract(CAST(data AS TEXT), '$.productDetails.productName')
		WHEN 'claim' THEN json_extract(CAST(data AS TEXT), '$.imt_name')
		END, ''),
	articles = coalesce(CASE kind
		WHEN 'question' THEN json_extract(CAST(data AS TEXT), '$.productDetails.supplierArticle')
		WHEN 'feedback' THEN json_extract(CAST(data AS TEXT), '$.productDetails.supplierArticle')
		WHEN 'return' THEN (SELECT group_concat(json_extract(it.value, '$.shopSku'), char(10))
			FROM json_each(CAST(data AS TEXT), '$.items') AS it)
		END, '')`

// migrateQueryColumns adds the pane query's columns, fills them for the
// items already stored, keeps them filled by triggers, and indexes what a
// pane sorts and counts by.
func migrateQueryColumns(ctx context.Context, tx *sql.Tx) error {
	return execAll([]string{
		`ALTER TABLE items ADD COLUMN photos     INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE items ADD COLUMN can_return INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE items ADD COLUMN state      TEXT    NOT NULL DEFAULT ''`,
		`ALTER TABLE items ADD COLUMN archived   INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE items ADD COLUMN product    TEXT    NOT NULL DEFAULT ''`,
		`ALTER TABLE items ADD COLUMN articles   TEXT    NOT NULL DEFAULT ''`, // vendor codes, one a line
		queryColumnsSet,
		`CREATE TRIGGER items_query_insert AFTER INSERT ON items BEGIN ` + queryColumnsSet + ` WHERE rowid = NEW.rowid; END`,
		`CREATE TRIGGER items_query_update AFTER UPDATE OF kind, data ON items BEGIN ` + queryColumnsSet + ` WHERE rowid = NEW.rowid; END`,
		// The deadline order over a whole pane; items_inbox covers only
		// the items awaiting action.
		`CREATE INDEX items_by_due ON items(kind, due, id)`,
		// The search index again, with two changes the pane's `/` needs
		// to stay fast at 100k items: kind is indexed, so "the feedbacks
		// that match" is answered by the index alone instead of looking
		// up every match in items, and prefixes of up to three letters
		// have their own index, so the first keystrokes do not merge the
		// lists of every word they start. Queries name the body column
		// (bodyMatch), so a word never matches a kind's name. The writers
		// insert the same columns as before.
		`CREATE VIRTUAL TABLE search_v4 USING fts5(
			body, kind, item_id UNINDEXED, at UNINDEXED,
			tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
		)`,
		`INSERT INTO search_v4(rowid, body, kind, item_id, at) SELECT rowid, body, kind, item_id, at FROM search`,
		`DROP TABLE search`,
		`ALTER TABLE search_v4 RENAME TO search`,
	})(ctx, tx)
}
