package store

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgWatch is a Watcher on PostgreSQL: LISTEN on the profile's channel, on
// a connection of its own, which the triggers of pgSchemaV14 notify
// whenever another process commits a write the inboxes show. A notice
// wakes the follower at once (Wake) instead of at its next look.
type pgWatch struct {
	conn    *pgx.Conn
	cancel  context.CancelFunc
	done    chan struct{}
	changed atomic.Bool
	err     atomic.Pointer[error]
	wake    chan struct{}
}

func (s *Store) watchPostgres(ctx context.Context) (*Watcher, error) {
	cfg, err := pgx.ParseConfig(s.pgURL)
	if err != nil {
		return nil, fmt.Errorf("store: watch: the database URL %s cannot be read", RedactURL(s.pgURL))
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: watch: %w", scrubErr(err, s.pgURL))
	}
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{s.schema}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("store: watch: %w", err)
	}
	lctx, cancel := context.WithCancel(context.Background())
	w := &pgWatch{conn: conn, cancel: cancel, done: make(chan struct{}), wake: make(chan struct{}, 1)}
	go w.listen(lctx)
	return &Watcher{pg: w}, nil
}

func (w *pgWatch) listen(ctx context.Context) {
	defer close(w.done)
	for {
		if _, err := w.conn.WaitForNotification(ctx); err != nil {
			if ctx.Err() == nil {
				w.err.Store(&err)
				w.changed.Store(true) // the caller reads again and sees the error
				w.signal()
			}
			return
		}
		w.changed.Store(true)
		w.signal()
	}
}

func (w *pgWatch) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *pgWatch) close() error {
	w.cancel()
	<-w.done
	return w.conn.Close(context.Background())
}

// trySyncLeadPostgres takes the profile's sync lead as a session advisory
// lock, held by a connection of its own: when the process ends, however
// it ends, the server closes the connection and the lock with it. A
// follower asks again every few seconds, on the one connection it keeps
// for that.
func (s *Store) trySyncLeadPostgres() (*SyncLead, bool, error) {
	s.leadMu.Lock()
	defer s.leadMu.Unlock()
	ctx := context.Background()
	if s.leadConn == nil || s.leadConn.IsClosed() {
		cfg, err := pgx.ParseConfig(s.pgURL)
		if err != nil {
			return nil, false, fmt.Errorf("store: sync lead: the database URL %s cannot be read", RedactURL(s.pgURL))
		}
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			return nil, false, fmt.Errorf("store: sync lead: %w", scrubErr(err, s.pgURL))
		}
		s.leadConn = conn
	}
	conn := s.leadConn
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, s.lockKey+1).Scan(&ok); err != nil {
		conn.Close(ctx)
		s.leadConn = nil
		return nil, false, fmt.Errorf("store: sync lead: %w", err)
	}
	if !ok {
		return nil, false, nil
	}
	s.leadConn = nil // the lead's now: closing it gives the lock back
	return watchLead(conn, s.lockKey+1), true, nil
}

// leadCheckEvery is how often a lead's connection is checked.
var leadCheckEvery = 5 * time.Second

// watchLead is the lead held by conn: its connection is checked every
// leadCheckEvery, and Lost closes when it broke (a restarted server, a
// network cut, an administrator's pg_terminate_backend): the lock is the
// server's, and went with the connection.
func watchLead(conn *pgx.Conn, key int64) *SyncLead {
	lost, stop, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(leadCheckEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			ctx, cancel := context.WithTimeout(context.Background(), leadCheckEvery)
			err := conn.Ping(ctx)
			cancel()
			if err != nil {
				close(lost)
				return
			}
		}
	}()
	return &SyncLead{lost: lost, release: func() {
		close(stop)
		<-done // the check is done with the connection
		_, _ = conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close(context.Background())
	}}
}

// closeLeadConn closes a follower's lead connection (Close).
func (s *Store) closeLeadConn() {
	s.leadMu.Lock()
	defer s.leadMu.Unlock()
	if s.leadConn != nil {
		s.leadConn.Close(context.Background())
		s.leadConn = nil
	}
}
