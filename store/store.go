package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite with FTS5: no cgo in the build
)

// Store is one profile's database. It is safe for concurrent use: SQLite in
// WAL mode lets the UI read while a sync writes.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// Now is the clock for the times the store stamps (cursor updates).
	Now func() time.Time
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
	s := &Store{db: db, path: path, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
		db.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// write runs fn in one write transaction.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
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
