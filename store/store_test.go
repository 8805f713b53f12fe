package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	if u := testPostgresURL(); u != "" {
		return openTempPostgres(t, u)
	}
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	p, err := DefaultPath("work")
	if err != nil || p != "/data/sellerinbox/work.db" {
		t.Fatalf("DefaultPath = %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/is/ignored")
	t.Setenv("HOME", "/home/anna")
	if p, _ := DefaultPath("work"); p != "/home/anna/.local/share/sellerinbox/work.db" {
		t.Fatalf("without an absolute XDG_DATA_HOME: %q", p)
	}
	for _, bad := range []string{"", "..", "a/b", `a\b`, "x\x00"} {
		if _, err := DefaultPath(bad); err == nil {
			t.Errorf("profile %q was accepted", bad)
		}
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	sqliteOnly(t, "pragmas and the file's mode")
	s := openTemp(t)
	ctx := context.Background()
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000"} {
		var got string
		if err := s.db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v: buyer data must not be world-readable", fi.Mode().Perm())
	}
}

func TestMigrateEmptyToLatest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version %d, %v; want %d", v, err, SchemaVersion())
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != len(migrations) {
		t.Fatalf("schema_version has %d rows (%v), want one per migration", n, err)
	}
	s.Close()
	// Opening again applies nothing twice.
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != len(migrations) {
		t.Fatalf("after reopening schema_version has %d rows (%v)", n, err)
	}
}

// loadFixture builds a database from a frozen SQL dump.
func loadFixture(t *testing.T, name string) string {
	t.Helper()
	dump, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(string(dump)); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMigrateV1FixtureToLatest(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, loadFixture(t, "v1.sql"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion() {
		t.Fatalf("version %d after upgrade, want %d", v, SchemaVersion())
	}
	// Rows written by version 1 are readable, searchable and in the inbox.
	q, ok, err := s.GetQuestion(ctx, "Qv1aaaaaaaaaaaaaaaaa")
	if err != nil || !ok || q.Text != "Сколько пакетиков в пачке?" {
		t.Fatalf("question from v1: %+v %v %v", q, ok, err)
	}
	for query, want := range map[string]Kind{
		"пакетиков":   KindQuestion,
		"емкость":     KindFeedback, // ё in the stored text
		"отправите":   KindChat,     // a chat event
		"наушник":     KindClaim,
		"линяет":      KindReturn,
		"ксения":      KindFeedback,
		"KRUZH-TERMO": KindFeedback,
	} {
		hits, err := s.Search(ctx, query, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Kind != want {
			t.Errorf("search %q after upgrade: %+v, want a %s", query, hits, want)
		}
	}
	inbox, err := s.Inbox(ctx, fromMS(1767258000000), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(inbox) != 5 {
		t.Fatalf("inbox after upgrade has %d items, want 5: %+v", len(inbox), inbox)
	}
	// v1 had no inbox order: the backfill puts dated items first (the
	// chat's is nearest), then the return and the question, which have no
	// documented deadline, oldest first.
	if inbox[0].Kind != KindChat || inbox[3].Kind != KindReturn || inbox[4].Kind != KindQuestion || inbox[3].HasDeadline() {
		t.Errorf("inbox order after upgrade: %+v", inbox)
	}
	if c, _ := s.Cursor(ctx, "wb.chat.next"); c != "1767250800001" {
		t.Errorf("cursor lost in the upgrade: %q", c)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO schema_version VALUES (?, 'from the future', 0)`, SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path, Options{})
	var newer *ErrNewerSchema
	if !errors.As(err, &newer) || newer.Have != SchemaVersion()+1 {
		t.Fatalf("opening a newer schema: %v", err)
	}
}

func TestFailedMigrationRollsBack(t *testing.T) {
	ctx := context.Background()
	path := loadFixture(t, "v1.sql")
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]migration{}, saved...), migration{len(saved) + 1, "broken", func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE half_done(x)`); err != nil {
			return err
		}
		return errors.New("boom")
	}})
	if _, err := Open(ctx, path, Options{}); err == nil {
		t.Fatal("a failing migration was reported as success")
	}
	migrations = saved
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).Scan(&n)
	if v, _ := s.Version(ctx); v != SchemaVersion() || n != 0 {
		t.Fatalf("after a failed migration: version %d, half-done table present %v", v, n == 1)
	}
}

// openAtVersion opens a new database in the test's directory migrated only
// up to version n, for a migration test; opening its path again (after
// Close) runs the migrations that follow.
func openAtVersion(t *testing.T, n int) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	saved := migrations
	migrations = saved[:n]
	defer func() { migrations = saved }()
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, path
}
