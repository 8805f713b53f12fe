package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// OutboxBackend keeps outbox entries in this database, for
// reply.OutboxOptions.Backend. An entry is stored whole as JSON, the form
// the files had, so a field added to reply.Entry needs no migration; the
// other columns are for looking entries up.
//
// Every write is durable when it returns, even across a power cut (see
// execDurable), as the fsynced files were: the outbox's promise of sending
// a reply exactly once rests on the "sending" mark surviving whatever
// happens after the request left.
//
// It is also a reply.OutboxLeaser: each backend is one lease owner, so two
// processes (or two outboxes in one) never send the same entry.
func (s *Store) OutboxBackend() reply.OutboxBackend { return outboxRows{s: s, owner: newLeaseOwner()} }

type outboxRows struct {
	s     *Store
	owner string
}

// execDurable runs one statement as a durable write (writeDurable).
func (s *Store) execDurable(ctx context.Context, query string, args ...any) error {
	return s.writeDurable(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}

// writeDurable runs fn in one write transaction committed with
// synchronous=FULL, which syncs the WAL at commit. The database otherwise
// runs at NORMAL, where a commit survives the process (kill -9) but may be
// rolled back by a power cut: right for the cache and draft saves, not for
// the outbox. Outbox writes are a few per reply, so the sync costs nothing
// noticeable. (Every PostgreSQL commit is durable: synchronous_commit.)
//
// Like every write it holds the store's write lock and waits out another
// process's writer rather than failing with SQLITE_BUSY (see begin).
func (s *Store) writeDurable(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.d.pg {
		return s.write(ctx, fn)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err := s.writeDurableLocked(ctx, fn)
	if err != nil {
		s.log.Warn("store: outbox write failed", "db", s.path, "err", err)
	}
	return err
}

func (s *Store) writeDurableLocked(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = FULL`); err != nil {
		return err
	}
	// Back to the DSN's setting before the connection returns to the
	// pool; should that fail, the connection is only slower.
	defer conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`)
	deadline := time.Now().Add(busyWait)
	pause := 50 * time.Millisecond
	for {
		// BEGIN IMMEDIATE (the DSN's _txlock) takes the write lock first:
		// a SQLITE_BUSY there means nothing was done, so trying again is
		// safe.
		tx, err := conn.BeginTx(ctx, nil)
		if err == nil {
			if err := fn(tx); err != nil {
				tx.Rollback()
				return err
			}
			return tx.Commit()
		}
		if !busy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

func (o outboxRows) Save(e reply.Entry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	err = o.s.execDurable(replyCtx, `INSERT INTO outbox(id, profile, kind, item_id, state, created, data)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET profile = excluded.profile, kind = excluded.kind, item_id = excluded.item_id,
		state = excluded.state, created = excluded.created, data = excluded.data`,
		e.ID, e.Profile, string(e.Kind), e.ItemID, string(e.State), nanos(e.Created), data)
	if err != nil {
		return fmt.Errorf("store: save outbox entry %s: %w", e.ID, err)
	}
	return nil
}

func (o outboxRows) Remove(id string) error {
	if err := o.s.execDurable(replyCtx, `DELETE FROM outbox WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: remove outbox entry %s: %w", id, err)
	}
	return nil
}

func (o outboxRows) Load() ([]reply.Entry, []error, error) {
	rows, err := o.s.db.QueryContext(replyCtx, `SELECT id, data FROM outbox ORDER BY created, id`)
	if err != nil {
		return nil, nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []reply.Entry
	var problems []error
	for rows.Next() {
		var id string
		var data []byte
		if err := rows.Scan(&id, &data); err != nil {
			return nil, nil, fmt.Errorf("store: outbox: %w", err)
		}
		var e reply.Entry
		err := json.Unmarshal(data, &e)
		if err == nil && e.ID != id {
			err = fmt.Errorf("it holds entry %q", e.ID)
		}
		if err != nil {
			problems = append(problems, fmt.Errorf("outbox entry %s is unreadable and was skipped: %w", id, err))
			continue
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: outbox: %w", err)
	}
	return out, problems, nil
}
