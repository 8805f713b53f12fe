package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestMigrateV9ToV10: a database of version 9 gets search_version, which
// every later write of an item or a chat event moves on, so a text's set
// read before a write is not used after it.
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
	s.Close()

	migrations = saved
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
	if got := rowIDs(all(t, s, q)); got != "f5 f3 f1" {
		t.Fatalf("after the upgrade: %q", got)
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
