package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Cursor returns a saved sync position ("" when none is saved).
func (s *Store) Cursor(ctx context.Context, name string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM cursors WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: cursor %s: %w", name, err)
	}
	return v, nil
}

// SetCursor saves a sync position; "" deletes it.
func (s *Store) SetCursor(ctx context.Context, name, value string) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.setCursorTx(ctx, tx, name, value) })
}

// setCursorTx saves a cursor in the transaction that stored what it
// points past, so a crash can never advance one without the other.
func (s *Store) setCursorTx(ctx context.Context, tx *sql.Tx, name, value string) error {
	var err error
	if value == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM cursors WHERE name = ?`, name)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO cursors(name, value, updated) VALUES (?, ?, ?)
			ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated = excluded.updated`, name, value, ms(s.now()))
	}
	if err != nil {
		return fmt.Errorf("store: save cursor %s: %w", name, err)
	}
	return nil
}
