package store

import (
	"context"
	"database/sql"
	"fmt"
)

// item_counts keeps how many items each kind has, by whether they await
// action and whether they are archived (claims), up to date in the
// transaction of every write (triggers). So the counts a start-up shows
// (the tabs' badges, each pane's "1 / 14,305" of its default view) are
// read from a few rows instead of counted over every stored item: with
// 100k items per pane, counting them took most of the first frame's
// time (BenchmarkBinaryFirstRows).
//
// Items are written by INSERT and UPDATE (never INSERT OR REPLACE, whose
// implicit delete fires no trigger), deleted by DELETE. Every change is an
// upsert of +1 or -1, so the triggers add up to the right counts in
// whatever order they fire (items_query_insert sets archived by an UPDATE
// after the INSERT).
var schemaV8 = []string{
	`CREATE TABLE item_counts (
		kind         TEXT    NOT NULL,
		needs_action INTEGER NOT NULL,
		archived     INTEGER NOT NULL,
		n            INTEGER NOT NULL,
		PRIMARY KEY (kind, needs_action, archived)
	) WITHOUT ROWID`,
	`INSERT INTO item_counts(kind, needs_action, archived, n)
		SELECT kind, needs_action, archived, count(*) FROM items GROUP BY kind, needs_action, archived`,
	`CREATE TRIGGER item_counts_insert AFTER INSERT ON items BEGIN ` + countAdd("NEW", 1) + ` END`,
	`CREATE TRIGGER item_counts_delete AFTER DELETE ON items BEGIN ` + countAdd("OLD", -1) + ` END`,
	`CREATE TRIGGER item_counts_update AFTER UPDATE OF kind, needs_action, archived ON items
		WHEN OLD.kind IS NOT NEW.kind OR OLD.needs_action IS NOT NEW.needs_action OR OLD.archived IS NOT NEW.archived
		BEGIN ` + countAdd("OLD", -1) + countAdd("NEW", 1) + ` END`,
}

// countAdd is a trigger statement adding d to the count of row's group.
func countAdd(row string, d int) string {
	return fmt.Sprintf(`INSERT INTO item_counts(kind, needs_action, archived, n)
		VALUES (%[1]s.kind, %[1]s.needs_action, %[1]s.archived, %[2]d)
		ON CONFLICT(kind, needs_action, archived) DO UPDATE SET n = n + (%[2]d);`, row, d)
}

// tallyCount reads the count of a tallied query from item_counts.
func (c *compiled) tallyCount(ctx context.Context, tx *sql.Tx) (int, error) {
	q := `SELECT coalesce(sum(n), 0) FROM item_counts WHERE kind = ?`
	args := []any{c.kind}
	if c.tallyStatus >= 0 {
		q += ` AND needs_action = ?`
		args = append(args, c.tallyStatus)
	}
	if c.tallyArchived >= 0 {
		q += ` AND archived = ?`
		args = append(args, c.tallyArchived)
	}
	var n int
	err := tx.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}
