package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Resolve records that the seller dealt with an item (an answer, a
// message, a decision was delivered): it leaves the inbox and the badges
// at once instead of at the next sync, which later confirms it with the
// marketplace's own copy. Unknown items are ignored.
func (s *Store) Resolve(ctx context.Context, kind Kind, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET needs_action = 0, unseen = 0 WHERE kind = ? AND id = ?`, kind, id); err != nil {
			return fmt.Errorf("store: resolve %s %s: %w", kind, id, err)
		}
		return nil
	})
}
