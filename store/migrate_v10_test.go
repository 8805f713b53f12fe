package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestMigrateV9ToV10: a database of version 9 gets its search documents
// keyed by kind (every kind's pane and the global search find what they
// found before; a forgotten campaign's returns leave the index) and
// search_version, which every later write of an item or a chat event
// moves on, so a text's set read before a write is not used after it.
func TestMigrateV9ToV10(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = saved[:9]
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutFeedbacks(ctx, textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutReturns(ctx, []models.YMReturn{{ID: 1, OrderID: 11, CreationDate: mt(t0), UpdateDate: mt(t0),
		Items: []models.YMReturnItem{{ShopSku: "ОПТОМ-КОВЕР"}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "c1", EventID: "e0", Sender: models.ChatSenderClient,
		AddTimestamp: models.UnixMillis(t0.UnixMilli()), Message: &models.ChatMessage{Text: "Брали оптом"}}}); err != nil {
		t.Fatal(err)
	}
	// what version 9 wrote: items' documents under their items' rowids
	if _, err := s.db.ExecContext(ctx, `UPDATE search SET rowid = rowid % ? WHERE rowid > 0`, kindSpan); err != nil {
		t.Fatal(err)
	}
	var keyed int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM search s JOIN items i ON i.rowid = s.rowid AND i.kind = s.kind`).Scan(&keyed); err != nil || keyed != 10 {
		t.Fatalf("%d documents under their items' rowids, %v", keyed, err)
	}
	s.Close()

	migrations = saved[:10]
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != 10 {
		t.Fatalf("version %d", v)
	}
	version := func() int64 {
		t.Helper()
		var n int64
		if err := s.db.QueryRowContext(ctx, `SELECT n FROM search_version`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	q := PaneQuery{Kind: KindFeedback, Text: "оптом"}
	if got := rowIDs(all(t, s, q)); got != "f3 f1 f5" { // whole words first
		t.Fatalf("after the upgrade: %q", got)
	}
	for k, want := range map[Kind]string{KindReturn: "1", KindChat: "c1", KindQuestion: ""} {
		if got := rowIDs(all(t, s, PaneQuery{Kind: k, Text: "оптом"})); got != want {
			t.Errorf("%s after the upgrade: %q, want %q", k, got, want)
		}
	}
	if hits, err := s.Search(ctx, "оптом", 20); err != nil || len(hits) != 5 {
		t.Errorf("Search after the upgrade: %d hits, %v", len(hits), err)
	}
	// The returns' documents leave with them.
	if hits, _ := s.Search(ctx, "ковер", 20); len(hits) != 1 {
		t.Errorf("Search does not find the return: %+v", hits)
	}
	if _, err := s.UseCampaign(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UseCampaign(ctx, 8); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "ковер", 20); len(hits) != 0 {
		t.Errorf("Search finds the forgotten return: %+v", hits)
	}
	steps := []struct {
		name  string
		write func() error
	}{
		{"an insert", func() error {
			_, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f9", t0.Add(time.Hour), "Брали оптом", 5)})
			return err
		}},
		{"an update", func() error {
			_, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f9", t0.Add(time.Hour), "Брали в розницу", 5)})
			return err
		}},
		{"a chat event", func() error {
			_, err := s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "c1", EventID: "e1", Sender: models.ChatSenderClient,
				AddTimestamp: models.UnixMillis(t0.UnixMilli()), Message: &models.ChatMessage{Text: "Оптом есть?"}}})
			return err
		}},
		{"a delete", func() error { return s.ClearCache(ctx) }},
	}
	for _, step := range steps {
		before := version()
		if err := step.write(); err != nil {
			t.Fatal(err)
		}
		if after := version(); after <= before {
			t.Errorf("%s left search_version at %d", step.name, after)
		}
	}
	// Marking items seen changes no text: the sets stay.
	before := version()
	if _, err := s.PutFeedbacks(ctx, textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutFeedbacks(ctx, textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	mid := version()
	if _, err := s.PutFeedbacks(ctx, textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	if after := version(); after != mid || mid <= before {
		t.Errorf("search_version %d → %d → %d: a page stored again unchanged moved it", before, mid, after)
	}
}
