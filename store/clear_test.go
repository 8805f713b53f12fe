package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
)

// TestClearCacheKeepsReplies: the demo's start forgets what was fetched
// (items, chat events, the search index, cursors) but not the user's
// drafts and outbox.
func TestClearCacheKeepsReplies(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutQuestions(ctx, []models.Question{question("q1", t0, "Сколько пакетиков в пачке?", false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "1:c", EventID: "e", Sender: "client",
		AddTimestamp: models.UnixMillis(t0.UnixMilli()), Message: &models.ChatMessage{Text: "Елка пришла без гирлянды"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCursor(ctx, "wb.chat.next", "42"); err != nil {
		t.Fatal(err)
	}
	ds := reply.NewDraftStore(s.DraftBackend())
	k := reply.DraftKey{Profile: "demo", Marketplace: api.Wildberries, Pane: reply.PaneQuestions, ItemID: "q1"}
	if err := ds.Put(k, reply.Draft{Text: "Сто", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := s.OutboxBackend().Save(reply.Entry{ID: "e1", Profile: "demo", Kind: reply.KindChatMessage, ItemID: "1:c", Text: "Здравствуйте"}); err != nil {
		t.Fatal(err)
	}

	if err := s.ClearCache(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"items", "chat_events", "search", "cursors"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s has %d rows after ClearCache (%v)", table, n, err)
		}
	}
	if hits, err := s.Search(ctx, "пакетиков", 5); err != nil || len(hits) != 0 {
		t.Errorf("search after ClearCache: %v %v", hits, err)
	}
	if d, ok, err := ds.Get(k); err != nil || !ok || d.Text != "Сто" {
		t.Errorf("draft lost: %v %v %+v", err, ok, d)
	}
	if es, _, err := s.OutboxBackend().Load(); err != nil || len(es) != 1 {
		t.Errorf("outbox lost: %v %+v", err, es)
	}
	// The cache fills again as before.
	if ch, err := s.PutQuestions(ctx, []models.Question{question("q1", t0, "Сколько пакетиков в пачке?", false)}); err != nil || ch.Added != 1 {
		t.Fatalf("put after ClearCache: %+v %v", ch, err)
	}
	if hits, _ := s.Search(ctx, "пакетиков", 5); len(hits) != 1 {
		t.Errorf("search after refilling: %v", hits)
	}
}
