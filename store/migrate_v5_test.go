package store

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestSchemaV12IsLatest: 4 outbox leases (outbox_lease_test.go), 5 search
// without invisible characters (below), 6 pane query columns
// (TestPaneQueryAfterUpgrade in query_test.go), 7 YM orders fetched on
// demand (TestOrdersKeptAndCleared in orders_test.go), 8 item counts kept
// by triggers (TestMigrateV7ToV8 in counts_test.go), 9 chats that need a
// look (TestMigrateV8ToV9 in chats_look_test.go), 10 search documents
// keyed by kind and the version of what texts match (TestMigrateV9ToV10
// in migrate_v10_test.go), 11 the audit of settled replies (TestMigrateV10ToV11
// in audit_test.go), 12 YM returns without an invented deadline
// (TestMigrateV11ToV12 in migrate_v12_test.go), 13 settings and product
// names, 14 the team's assignments (TestMigrateV13ToV14 in assign_test.go),
// 15 the team's presence (TestMigrateV14ToV15 in presence_test.go).
func TestSchemaV12IsLatest(t *testing.T) {
	if SchemaVersion() != 15 {
		t.Fatalf("SchemaVersion() = %d; a new migration needs its own test next to this one", SchemaVersion())
	}
}

// TestMigrateV4ToV5 reindexes what version 4 (and earlier) indexed with invisible
// characters still in it: after the upgrade a word split by a zero-width
// space is found whole, in items and chat messages alike.
func TestMigrateV4ToV5(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 4)
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f1", t0, "Товар сло\u200bманный", 1)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "1:c", EventID: "e", Sender: "client",
		AddTimestamp: models.UnixMillis(t0.UnixMilli()), Message: &models.ChatMessage{Text: "Коробка по\u2060мята"}}}); err != nil {
		t.Fatal(err)
	}
	// what version 4 wrote: the raw text, invisible characters and all
	if _, err := s.db.Exec(`UPDATE search SET body = replace(replace(body, 'сломанный', 'сло' || char(8203) || 'манный'), 'помята', 'по' || char(8288) || 'мята')`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"сломанный", "помята"} {
		if hits, _ := s.Search(ctx, q, 5); len(hits) != 0 {
			t.Fatalf("the version-4 index finds %q: the test proves nothing", q)
		}
	}
	s.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion() {
		t.Fatalf("version %d after the upgrade, want %d", v, SchemaVersion())
	}
	for q, want := range map[string]string{"сломанный": "f1", "помята": "1:c"} {
		hits, err := s.Search(ctx, q, 5)
		if err != nil || len(hits) != 1 || hits[0].ID != want {
			t.Errorf("search %q after the upgrade: %+v %v", q, hits, err)
		}
	}
}
