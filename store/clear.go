package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ClearCache forgets everything fetched from the marketplaces (items, chat
// events, their search index and the sync cursors) in one transaction,
// keeping drafts and the outbox. The demo needs it: its in-process sandbox
// starts from the seed every run, so a cache from an earlier run would
// show answers the sandbox no longer has, while the seed's stable IDs keep
// drafts meaningful.
func (s *Store) ClearCache(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"items", "chat_events", "search", "cursors", "ym_orders"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
				return fmt.Errorf("store: clear %s: %w", table, err)
			}
		}
		return nil
	})
}
