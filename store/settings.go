package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// schemaV13 is a small key/value table of the profile's UI settings (the
// list/detail split's width): they live with the profile's database so
// that every window and team session of the profile opens the same way,
// and a setting needs no file format or lock of its own.
//
// It also dates returns by their creation, and indexes the product names by WB article (ProductNames): a chat
// knows only its product's nmID, and its row names the product from the
// questions, feedbacks and claims stored for that article.
var schemaV13 = []string{
	`CREATE TABLE settings (
		key     TEXT    PRIMARY KEY,
		value   TEXT    NOT NULL,
		updated INTEGER NOT NULL -- Unix ms
	)`,
	`CREATE INDEX items_products ON items(nm_id, at) WHERE product != ''`,
	// Returns are dated by their creation, as their rows' age counts
	// (returnRecord); up to version 12 by their last update, so a pane
	// sorted by date listed them in no order a row showed.
	`UPDATE items SET at = created WHERE kind = 'return' AND created != 0`,
	`UPDATE search SET at = (SELECT i.at FROM items AS i WHERE i.rowid = search.rowid - ` + returnBase + `)
		WHERE rowid BETWEEN ` + returnBase + ` + 1 AND ` + returnBase + ` + ` + spanSQL + ` - 1`,
}

var (
	returnBase = strconv.FormatInt(kindBase(KindReturn), 10)
	spanSQL    = strconv.FormatInt(kindSpan, 10)
)

// Setting reads one setting; ok is false when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("store: setting %s: %w", key, err)
	}
	return value, true, nil
}

// SetSetting writes one setting, replacing what it was.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.exec(ctx, `INSERT INTO settings(key, value, updated) VALUES (?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated`, key, value, ms(s.now()))
	if err != nil {
		return fmt.Errorf("store: set %s: %w", key, err)
	}
	return nil
}
