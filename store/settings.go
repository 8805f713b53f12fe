package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// schemaV13 is a small key/value table of the profile's UI settings (the
// list/detail split's width): they live with the profile's database so
// that every window and team session of the profile opens the same way,
// and a setting needs no file format or lock of its own.
//
// It also indexes the product names by WB article (ProductNames): a chat
// knows only its product's nmID, and its row names the product from the
// questions, feedbacks and claims stored for that article.
var schemaV13 = []string{
	`CREATE TABLE settings (
		key     TEXT    PRIMARY KEY,
		value   TEXT    NOT NULL,
		updated INTEGER NOT NULL -- Unix ms
	)`,
	`CREATE INDEX items_products ON items(nm_id, at) WHERE product != ''`,
}

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
