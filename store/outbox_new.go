package store

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/sellerinbox/sellerinbox/reply"
)

// SaveNew stores a new outbox entry unless an entry in flight for its item
// is stored already, by any process on this store (reply.OutboxExclusive).
// The look and the write are one write transaction, and write
// transactions are one at a time across processes on either backend
// (SQLite's lock; the profile's advisory lock on PostgreSQL), so of two
// agents queuing a reply to one item at once, the second sees the first.
func (o outboxRows) SaveNew(e reply.Entry, inFlight func(x reply.Entry) bool) (blocker reply.Entry, blocked bool, err error) {
	data, err := json.Marshal(e)
	if err != nil {
		return reply.Entry{}, false, err
	}
	err = o.s.writeDurable(replyCtx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(replyCtx, `SELECT data FROM outbox WHERE profile = ? AND item_id = ?`, e.Profile, e.ItemID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var raw []byte
			if err := rows.Scan(&raw); err != nil {
				rows.Close()
				return err
			}
			var x reply.Entry
			if json.Unmarshal(raw, &x) == nil && inFlight(x) {
				blocker, blocked = x, true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || blocked {
			return err
		}
		_, err = tx.ExecContext(replyCtx, `INSERT INTO outbox(id, profile, kind, item_id, state, created, data)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ID, e.Profile, string(e.Kind), e.ItemID, string(e.State), nanos(e.Created), data)
		return err
	})
	if err != nil {
		return reply.Entry{}, false, fmt.Errorf("store: save outbox entry %s: %w", e.ID, err)
	}
	return blocker, blocked, nil
}
