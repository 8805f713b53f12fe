package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Two processes on one profile (two windows, or two serve processes on
// one jump host) must not both sync it: the marketplaces would see twice
// the requests against one set of rate limits. One process leads, holding
// an advisory lock on a file beside the database for as long as it runs;
// the others follow, watching the database for what the leader writes.

// SyncLead is the right to sync this database's accounts; Release gives
// it back (a process that ends gives it back by itself).
type SyncLead struct {
	release func()
	lost    chan struct{} // closed when the lead is gone; nil: never
}

// Lost is closed when the lead went without Release: on PostgreSQL, the
// connection holding the lock broke (the server let the lock go, and
// another process may lead now). A flock is never lost.
func (l *SyncLead) Lost() <-chan struct{} {
	if l == nil {
		return nil
	}
	return l.lost
}

// Release gives the lead back.
func (l *SyncLead) Release() {
	if l != nil && l.release != nil {
		l.release()
		l.release = nil
	}
}

// TrySyncLead takes the lead if no other process holds it; ok is false
// when one does.
func (s *Store) TrySyncLead() (lead *SyncLead, ok bool, err error) {
	if s.d.pg {
		return s.trySyncLeadPostgres()
	}
	release, ok, err := tryLock(s.path + ".sync-lead")
	if err != nil || !ok {
		return nil, ok, err
	}
	return &SyncLead{release: release}, true, nil
}

// Watcher tells a following process that another one wrote to the
// database (SQLite's data_version, read on a connection of its own;
// PostgreSQL's notices, see pg_watch.go).
type Watcher struct {
	conn *sql.Conn
	last int64
	pg   *pgWatch
}

// Watch starts watching; Close the watcher when done.
func (s *Store) Watch(ctx context.Context) (*Watcher, error) {
	if s.d.pg {
		return s.watchPostgres(ctx)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: watch: %w", err)
	}
	w := &Watcher{conn: conn}
	if _, err := w.Changed(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

// Changed reports whether another connection committed since the last
// call.
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	if w.pg != nil {
		if err := w.pg.err.Load(); err != nil {
			return false, fmt.Errorf("store: watch: %w", *err)
		}
		return w.pg.changed.Swap(false), nil
	}
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return false, fmt.Errorf("store: watch: %w", err)
	}
	changed := w.last != 0 && v != w.last
	w.last = v
	return changed, nil
}

// Wake receives when another process may have written: at once on
// PostgreSQL; never on SQLite, which is asked (Changed) on a timer.
func (w *Watcher) Wake() <-chan struct{} {
	if w == nil || w.pg == nil {
		return nil
	}
	return w.pg.wake
}

// Close ends the watch.
func (w *Watcher) Close() error {
	if w.pg != nil {
		return w.pg.close()
	}
	return w.conn.Close()
}
