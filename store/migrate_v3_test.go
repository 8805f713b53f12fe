package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// tables lists the database's tables and indexes.
func tables(t *testing.T, s *Store) map[string]bool {
	t.Helper()
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[n] = true
	}
	return out
}

var v3Tables = []string{"drafts", "outbox", "outbox_by_item", "reply_imports"}

// useReplies proves the v3 tables work: a draft and an outbox entry go in
// and come back.
func useReplies(t *testing.T, s *Store) {
	t.Helper()
	ds := reply.NewDraftStore(s.DraftBackend())
	k := reply.DraftKey{Profile: "main", Marketplace: api.Wildberries, Pane: reply.PaneQuestions, ItemID: "Qv1aaaaaaaaaaaaaaaaa"}
	if err := ds.Put(k, reply.Draft{Text: "Сто пакетиков", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := ds.Get(k); err != nil || !ok || d.Text != "Сто пакетиков" {
		t.Fatalf("draft after migrating: %v %v %+v", err, ok, d)
	}
	e := reply.Entry{ID: "e1", Profile: "main", Kind: reply.KindQuestionAnswer, ItemID: k.ItemID, Text: "Сто пакетиков", State: reply.StateQueued}
	if err := s.OutboxBackend().Save(e); err != nil {
		t.Fatal(err)
	}
	if got, problems, err := s.OutboxBackend().Load(); err != nil || len(problems) != 0 || len(got) != 1 || got[0].Text != e.Text {
		t.Fatalf("outbox after migrating: %v %v %+v", err, problems, got)
	}
}

func TestSchemaV3FromEmpty(t *testing.T) {
	sqliteOnly(t, "sqlite_master (TestPostgresSchemaMatchesSQLite compares the PostgreSQL tables)")
	if SchemaVersion() < 3 {
		t.Fatalf("SchemaVersion() = %d", SchemaVersion())
	}
	s := openTemp(t)
	got := tables(t, s)
	for _, name := range v3Tables {
		if !got[name] {
			t.Errorf("a new database lacks %s", name)
		}
	}
	useReplies(t, s)
}

// TestMigrateV2ToV3 brings a version-2 database (the frozen v1 fixture
// upgraded by the released v2 migration) to version 3: the cache is kept
// and the reply tables appear, empty.
func TestMigrateV2ToV3(t *testing.T) {
	ctx := context.Background()
	path := loadFixture(t, "v1.sql")
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = saved[:2]
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v != 2 {
		t.Fatalf("fixture at version %d, want 2", v)
	}
	if got := tables(t, s); got["drafts"] || !got["search"] {
		t.Fatalf("not a version-2 schema: %v", got)
	}
	s.Close()

	migrations = saved[:3]
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != 3 {
		t.Fatalf("version %d after the upgrade, want 3", v)
	}
	var name string
	if err := s.db.QueryRow(`SELECT name FROM schema_version WHERE version = 3`).Scan(&name); err != nil || name != "drafts and the outbox" {
		t.Fatalf("schema_version row of v3: %q %v", name, err)
	}
	got := tables(t, s)
	for _, n := range v3Tables {
		if !got[n] {
			t.Errorf("the upgraded database lacks %s", n)
		}
	}
	if q, ok, err := s.GetQuestion(ctx, "Qv1aaaaaaaaaaaaaaaaa"); err != nil || !ok || q.Text != "Сколько пакетиков в пачке?" {
		t.Fatalf("question lost in the upgrade: %+v %v %v", q, ok, err)
	}
	if hits, err := s.Search(ctx, "пакетиков", 5); err != nil || len(hits) == 0 {
		t.Fatalf("search lost in the upgrade: %v %v", hits, err)
	}
	if c, _ := s.Cursor(ctx, "wb.chat.next"); c != "1767250800001" {
		t.Errorf("cursor lost in the upgrade: %q", c)
	}
	if recs, err := s.DraftBackend().List(""); err != nil || len(recs) != 0 {
		t.Fatalf("drafts after the upgrade: %v %+v", err, recs)
	}
	useReplies(t, s)
}

// TestV3TwiceIsNoop: opening a version-3 database again applies nothing
// and keeps the replies.
func TestV3TwiceIsNoop(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	useReplies(t, s)
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if recs, _ := s.DraftBackend().List("main"); len(recs) != 1 {
		t.Fatalf("%d drafts after reopening, want 1", len(recs))
	}
}
