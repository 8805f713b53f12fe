package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // pure-Go SQLite with FTS5: no cgo in the build
)

// Store is one profile's database. It is safe for concurrent use: SQLite in
// WAL mode lets the UI read while a sync writes.
//
// Writes are serialised by writeMu: SQLite has one writer at a time, and
// two syncs of one process racing for it would otherwise wait out
// busy_timeout behind a long page and fail with SQLITE_BUSY, dropping the
// page. Another process's writer is waited for (see begin).
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	log  *slog.Logger

	writeMu sync.Mutex
	texts   textSets // each kind's last `/` match set (query_textset.go)

	// d is the backend's SQL; pgURL, schema and lockKey are set on
	// PostgreSQL only (pg_open.go).
	d        dialect
	pgURL    string
	schema   string
	lockKey  int64
	leadMu   sync.Mutex
	leadConn *pgx.Conn // a follower's, to ask for the sync lead (pg_watch.go)
}

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// Now is the clock for the times the store stamps (cursor updates).
	Now func() time.Time
	// Logger receives every failed write, which background callers may
	// otherwise only show briefly (the --debug log); nil discards.
	Logger *slog.Logger
}

// DefaultPath is where a profile's database lives:
// $XDG_DATA_HOME/sellerinbox/<profile>.db, or ~/.local/share/... when
// XDG_DATA_HOME is unset, as the XDG base directory spec says.
func DefaultPath(profile string) (string, error) {
	if profile == "" || profile == "." || profile == ".." || strings.ContainsAny(profile, `/\`+"\x00") {
		return "", fmt.Errorf("store: %q cannot name a profile's database file", profile)
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("store: no data directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "sellerinbox", profile+".db"), nil
}

// OpenProfile opens (creating if needed) the database of a profile at its
// DefaultPath.
func OpenProfile(ctx context.Context, profile string) (*Store, error) {
	p, err := DefaultPath(profile)
	if err != nil {
		return nil, err
	}
	return Open(ctx, p, Options{})
}

// Open opens the database at path, creating it and its directory if
// needed, and migrates its schema to the latest version.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if strings.ContainsRune(path, '?') {
		// The driver reads everything after '?' as its own parameters.
		return nil, fmt.Errorf("store: the database path %q may not contain '?'", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	// SQLite gives the -wal and -shm files the database file's mode, so
	// the file is created 0600 before SQLite first opens it.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	// Pragmas are per connection, so they go in the DSN that every pooled
	// connection is opened with. _txlock=immediate takes the write lock at
	// BEGIN: a deferred transaction that upgrades later can fail with
	// SQLITE_BUSY without waiting for busy_timeout.
	dsn := path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	s := &Store{db: db, path: path, now: opts.Now, log: opts.Logger}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if corrupt(err) {
			return nil, &ErrCorrupt{Path: path, Err: err}
		}
		return nil, err
	}
	// Databases of earlier versions were created with the umask's mode,
	// and their -wal and -shm files with it.
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(f, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			db.Close()
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.closeLeadConn()
	return s.db.Close()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// write runs fn in one write transaction, the only one of this process
// at a time. A failure is logged here, so that one from a background sync
// is in the --debug log whatever its caller does with it.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err := s.writeLocked(ctx, fn)
	if err != nil && ctx.Err() == nil {
		s.log.Warn("store: write failed", "db", s.path, "err", err)
	}
	return err
}

func (s *Store) writeLocked(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// busyWait bounds how long a write waits for another process's writer
// (a second window syncing a large page) before it fails and says so.
const busyWait = 2 * time.Minute

// begin starts an IMMEDIATE transaction (the DSN's _txlock), which takes
// the write lock at once: the lock is the only place another process can
// make a write wait, and nothing has been done yet when it does, so
// trying again loses nothing. busy_timeout covers short waits; a long
// write elsewhere is waited out here.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	deadline := time.Now().Add(busyWait)
	pause := 50 * time.Millisecond
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err == nil && s.d.pg {
			return s.pgWriter(ctx, tx)
		}
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return tx, err
		}
		s.log.Debug("store: another process is writing; waiting", "db", s.path)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

// exec runs one statement as a write.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = tx.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// sqliteCode is the primary result code of a SQLite error, 0 for others.
func sqliteCode(err error) int {
	var e interface{ Code() int }
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

const (
	sqliteBusy    = 5
	sqliteLocked  = 6
	sqliteCorrupt = 11
	sqliteNotADB  = 26
)

func busy(err error) bool {
	c := sqliteCode(err)
	return c == sqliteBusy || c == sqliteLocked
}

func corrupt(err error) bool {
	c := sqliteCode(err)
	return c == sqliteCorrupt || c == sqliteNotADB
}

// ErrCorrupt: the database file is damaged or is not a database. Its
// message is for the person at the terminal: which file, what is in it,
// and what to do.
type ErrCorrupt struct {
	Path string
	Err  error
}

func (e *ErrCorrupt) Error() string {
	return fmt.Sprintf("the database %s is damaged and cannot be opened (%v). "+
		"It holds this profile's unsent drafts, the outbox of replies waiting to be sent, and a copy of the marketplaces' lists. "+
		"To start again, move it aside (mv %q %q) and run sellerinbox again: the lists are downloaded anew, "+
		"but the drafts and the replies not yet sent are lost (they stay only in the moved file).",
		e.Path, e.Err, e.Path, e.Path+".broken")
}

func (e *ErrCorrupt) Unwrap() error { return e.Err }

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}
