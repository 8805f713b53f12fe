package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// The audit keeps one row per reply that reached its end (delivered, or
// failed for good): who queued it, when, and the outcome. The outbox
// forgets sent entries after a day; the audit stays, for the detail's
// "answered by Anna 10:42" and for `sellerinbox stats`.

// schemaV11 is the audit table (migration 11).
var schemaV11 = []string{
	`CREATE TABLE audit (
		entry_id     TEXT    PRIMARY KEY, -- the outbox entry
		profile      TEXT    NOT NULL,
		agent        TEXT    NOT NULL,    -- "" for a local app's user
		kind         TEXT    NOT NULL,    -- reply.Kind
		pane         TEXT    NOT NULL,
		item_id      TEXT    NOT NULL,
		outcome      TEXT    NOT NULL,    -- reply.State: sent or failed
		queued       INTEGER NOT NULL,    -- Unix ms
		at           INTEGER NOT NULL,    -- Unix ms, when it settled
		item_created INTEGER,             -- Unix ms; NULL when the item was not stored
		error        TEXT    NOT NULL DEFAULT ''
	)`,
	`CREATE INDEX audit_by_item ON audit(pane, item_id, at)`,
	`CREATE INDEX audit_by_at ON audit(at)`,
}

// AuditRecord is one settled reply.
type AuditRecord struct {
	EntryID, Profile, Agent string
	Kind                    reply.Kind
	Pane                    Pane
	ItemID                  string
	Outcome                 reply.State
	Queued, At              time.Time
	// ItemCreated is when the buyer asked (the item's creation); zero
	// when the item was not stored. At minus ItemCreated is the first
	// response time of an answer.
	ItemCreated time.Time
	Error       string
}

// RecordSettled writes a settled entry (sent, or failed for good) into the
// audit; an entry still on its way is not recorded. Recording one entry
// again replaces its row.
func (s *Store) RecordSettled(ctx context.Context, e reply.Entry) error {
	if e.State != reply.StateSent && e.State != reply.StateFailed {
		return nil
	}
	p := e.Kind.Pane()
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit
			(entry_id, profile, agent, kind, pane, item_id, outcome, queued, at, item_created, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,
				(SELECT created FROM items WHERE kind = ? AND id = ?), ?)
			ON CONFLICT(entry_id) DO UPDATE SET profile = excluded.profile, agent = excluded.agent, kind = excluded.kind,
				pane = excluded.pane, item_id = excluded.item_id, outcome = excluded.outcome, queued = excluded.queued,
				at = excluded.at, item_created = excluded.item_created, error = excluded.error`,
			e.ID, e.Profile, e.Agent, string(e.Kind), string(p), e.ItemID, string(e.State),
			ms(e.Created), ms(e.Updated), string(p.Kind()), e.ItemID, e.LastError)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.ID, err)
	}
	return nil
}

// AnsweredBy is the last delivered reply to an item that ended its turn:
// who sent it and when; ok is false when the audit has none.
func (s *Store) AnsweredBy(ctx context.Context, pane Pane, itemID string) (rec AuditRecord, ok bool, err error) {
	var kinds []any
	for _, k := range reply.Kinds {
		if k.Pane() == pane && k.Resolves() {
			kinds = append(kinds, string(k))
		}
	}
	if len(kinds) == 0 {
		return AuditRecord{}, false, nil
	}
	q := `SELECT entry_id, profile, agent, kind, pane, item_id, outcome, queued, at, item_created, error FROM audit
		WHERE pane = ? AND item_id = ? AND outcome = ? AND kind IN (?` + repeatArgs(len(kinds)-1) + `)
		ORDER BY at DESC LIMIT 1`
	args := append([]any{string(pane), itemID, string(reply.StateSent)}, kinds...)
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		if rows.Next() {
			rec, err = scanAudit(rows)
			ok = err == nil
			return err
		}
		return rows.Err()
	})
	if err != nil {
		return AuditRecord{}, false, fmt.Errorf("store: answered by: %w", err)
	}
	return rec, ok, nil
}

// Audit lists the records settled in [from, to), oldest first.
func (s *Store) Audit(ctx context.Context, from, to time.Time) ([]AuditRecord, error) {
	var out []AuditRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT entry_id, profile, agent, kind, pane, item_id, outcome, queued, at, item_created, error
			FROM audit WHERE at >= ? AND at < ? ORDER BY at, entry_id`, ms(from), ms(to))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanAudit(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

func scanAudit(sc interface{ Scan(...any) error }) (AuditRecord, error) {
	var r AuditRecord
	var kind, pane, outcome string
	var queued, at int64
	var created sql.NullInt64
	if err := sc.Scan(&r.EntryID, &r.Profile, &r.Agent, &kind, &pane, &r.ItemID, &outcome, &queued, &at, &created, &r.Error); err != nil {
		return AuditRecord{}, err
	}
	r.Kind, r.Pane, r.Outcome = reply.Kind(kind), Pane(pane), reply.State(outcome)
	r.Queued, r.At = fromMS(queued), fromMS(at)
	if created.Valid {
		r.ItemCreated = fromMS(created.Int64)
	}
	return r, nil
}

func repeatArgs(n int) string {
	out := ""
	for range n {
		out += ", ?"
	}
	return out
}
