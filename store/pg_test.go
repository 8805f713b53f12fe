package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// The store's suite runs on both backends: on PostgreSQL when
// SELLERINBOX_TEST_POSTGRES names a server (`make test` starts a
// throwaway one, see scripts/pg-test), each test in a schema of its own.
func testPostgresURL() string { return os.Getenv("SELLERINBOX_TEST_POSTGRES") }

// openTempPostgres opens a store in a new schema, dropped after the test.
func openTempPostgres(t testing.TB, u string) *Store {
	t.Helper()
	profile := tempProfile()
	s, err := OpenPostgres(context.Background(), u, profile, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		dropSchema(t, u, SchemaName(profile))
	})
	return s
}

func tempProfile() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "t" + hex.EncodeToString(b[:])
}

func dropSchema(t testing.TB, u, schema string) {
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		t.Errorf("drop %s: %v", schema, err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `DROP SCHEMA `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		t.Errorf("drop %s: %v", schema, err)
	}
}

// reopen opens the database of s a second time, as another process would.
func reopen(t testing.TB, s *Store) *Store {
	t.Helper()
	var o *Store
	var err error
	if s.d.pg {
		o, err = OpenPostgres(context.Background(), s.pgURL, strings.TrimPrefix(s.schema, "sellerinbox_"), Options{})
	} else {
		o, err = Open(context.Background(), s.Path(), Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// sqliteOnly skips a test of what only SQLite has (pragmas, the file,
// its query planner) when the suite runs on PostgreSQL.
func sqliteOnly(t testing.TB, what string) {
	t.Helper()
	if testPostgresURL() != "" {
		t.Skip("SQLite only: " + what)
	}
}
