package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// claimSkipLocked is Claim on PostgreSQL, where the senders of a team may
// run on several hosts: the entry's row is locked with FOR UPDATE SKIP
// LOCKED, so of two processes claiming it at once one gets the row and
// the other skips it at once (and holds nothing) instead of waiting to
// take a lease the first one has just taken. The lease is then written
// in the same transaction, so it holds after the row lock is gone.
func (o outboxRows) claimSkipLocked(id string, now, until time.Time) (reply.Lease, error) {
	var got reply.Lease
	err := func() error {
		tx, err := o.s.db.BeginTx(replyCtx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var owner string
		var leaseUntil int64
		var data []byte
		err = tx.QueryRowContext(replyCtx, `SELECT lease_owner, lease_until, data FROM outbox WHERE id = ? FOR UPDATE SKIP LOCKED`, id).
			Scan(&owner, &leaseUntil, &data)
		if errors.Is(err, sql.ErrNoRows) {
			// Gone, or being claimed by another process this instant.
			err = tx.QueryRowContext(replyCtx, `SELECT lease_owner, lease_until, data FROM outbox WHERE id = ?`, id).
				Scan(&owner, &leaseUntil, &data)
			if errors.Is(err, sql.ErrNoRows) {
				return reply.ErrNoEntry
			}
			if err != nil {
				return err
			}
			if err := json.Unmarshal(data, &got.Entry); err != nil {
				return fmt.Errorf("outbox entry %s is unreadable: %w", id, err)
			}
			got.Held, got.Until = false, fromMS(max(leaseUntil, ms(until)))
			return nil
		}
		if err != nil {
			return err
		}
		free := owner == "" || owner == o.owner || leaseUntil < ms(now) || deadOwner(owner)
		if free {
			if _, err := tx.ExecContext(replyCtx, `UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?`,
				o.owner, ms(until), id); err != nil {
				return err
			}
			leaseUntil = ms(until)
		}
		if err := json.Unmarshal(data, &got.Entry); err != nil {
			return fmt.Errorf("outbox entry %s is unreadable: %w", id, err)
		}
		got.Held, got.Until = free, fromMS(leaseUntil)
		return tx.Commit()
	}()
	if err != nil {
		if err == reply.ErrNoEntry {
			return got, err
		}
		return reply.Lease{}, fmt.Errorf("store: claim outbox entry %s: %w", id, err)
	}
	return got, nil
}
