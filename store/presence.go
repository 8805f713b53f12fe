package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// schemaV15 keeps the team inbox's soft locks (who writes to what) in the
// store, so that every process on it sees them: several serve processes
// on one jump host, or on several hosts sharing a PostgreSQL store. A
// hold is one row per agent (one writes to one item at a time) and lasts
// until its until: a process that dies leaves it for a few minutes at
// most. owner is the process that wrote it.
var schemaV15 = []string{
	`CREATE TABLE presence (
		agent   TEXT    PRIMARY KEY,
		pane    TEXT    NOT NULL,
		item_id TEXT    NOT NULL,
		since   INTEGER NOT NULL, -- Unix ms
		until   INTEGER NOT NULL, -- Unix ms
		owner   TEXT    NOT NULL
	)`,
}

var pgSchemaV15 = []string{
	`CREATE TABLE presence (
		agent   TEXT   PRIMARY KEY,
		pane    TEXT   NOT NULL,
		item_id TEXT   NOT NULL,
		since   BIGINT NOT NULL,
		until   BIGINT NOT NULL,
		owner   TEXT   NOT NULL
	)`,
	`CREATE TRIGGER presence_notify AFTER INSERT OR UPDATE OR DELETE ON presence FOR EACH STATEMENT EXECUTE FUNCTION sellerinbox_notify()`,
}

// Hold is one agent's hold on an item.
type Hold struct {
	Agent, Pane, ItemID, Owner string
	Since, Until               time.Time
}

// SetHold records h (an empty ItemID lets go of the agent's hold).
func (s *Store) SetHold(ctx context.Context, h Hold) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if h.ItemID == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM presence WHERE agent = ?`, h.Agent)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO presence (agent, pane, item_id, since, until, owner) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(agent) DO UPDATE SET pane = excluded.pane, item_id = excluded.item_id, since = excluded.since,
				until = excluded.until, owner = excluded.owner`,
			h.Agent, h.Pane, h.ItemID, ms(h.Since), ms(h.Until), h.Owner)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: presence of %s: %w", h.Agent, err)
	}
	return nil
}

// Holds are the holds running at now.
func (s *Store) Holds(ctx context.Context, now time.Time) ([]Hold, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT agent, pane, item_id, since, until, owner FROM presence WHERE until > ? ORDER BY agent`, ms(now))
	if err != nil {
		return nil, fmt.Errorf("store: presence: %w", err)
	}
	defer rows.Close()
	var out []Hold
	for rows.Next() {
		var h Hold
		var since, until int64
		if err := rows.Scan(&h.Agent, &h.Pane, &h.ItemID, &since, &until, &h.Owner); err != nil {
			return nil, fmt.Errorf("store: presence: %w", err)
		}
		h.Since, h.Until = fromMS(since), fromMS(until)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: presence: %w", err)
	}
	return out, nil
}

// NewHoldOwner names a process in the holds it writes (host, pid and a
// random part, like an outbox lease's owner).
func NewHoldOwner() string { return newLeaseOwner() }
