package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestOutboxRows: Save replaces by ID, Load returns entries oldest first,
// and a row that does not decode, or holds another entry, is a problem
// rather than an entry.
func TestOutboxRows(t *testing.T) {
	s := openTemp(t)
	ob := s.OutboxBackend()
	at := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	late := reply.Entry{ID: "b", Profile: "main", Kind: reply.KindChatMessage, ItemID: "c", Text: "второе", State: reply.StateQueued, Created: at.Add(time.Second)}
	early := reply.Entry{ID: "a", Profile: "main", Kind: reply.KindChatMessage, ItemID: "c", Text: "первое", State: reply.StateQueued, Created: at}
	for _, e := range []reply.Entry{late, early} {
		if err := ob.Save(e); err != nil {
			t.Fatal(err)
		}
	}
	early.State, early.Attempts = reply.StateSending, 1
	if err := ob.Save(early); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO outbox(id, profile, kind, item_id, state, created, data) VALUES
		('torn', 'main', 'x', 'x', 'queued', 1, '{"id":'), ('other', 'main', 'x', 'x', 'queued', 2, '{"id":"a"}')`); err != nil {
		t.Fatal(err)
	}
	got, problems, err := ob.Load()
	if err != nil || len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" {
		t.Fatalf("load: %v %+v", err, got)
	}
	if got[0].State != reply.StateSending || got[0].Attempts != 1 || !got[0].Created.Equal(at) {
		t.Fatalf("saved again: %+v", got[0])
	}
	if len(problems) != 2 || !strings.Contains(problems[0].Error(), "torn") || !strings.Contains(problems[1].Error(), "other") {
		t.Fatalf("problems: %v", problems)
	}
	for _, id := range []string{"a", "a", "torn"} {
		if err := ob.Remove(id); err != nil {
			t.Fatalf("remove %s: %v", id, err)
		}
	}
	if got, problems, _ := ob.Load(); len(got) != 1 || len(problems) != 1 {
		t.Fatalf("after removing: %+v %v", got, problems)
	}
}

// TestOutboxWritesLeaveThePoolAtNormal: the durable outbox writes switch
// their connection to synchronous=FULL only for themselves; every pooled
// connection is back at the DSN's NORMAL afterwards, so cache writes stay
// fast.
func TestOutboxWritesLeaveThePoolAtNormal(t *testing.T) {
	sqliteOnly(t, "PRAGMA synchronous")
	s := openTemp(t)
	ctx := context.Background()
	ob := s.OutboxBackend()
	for i := range 8 {
		id := fmt.Sprint("e", i)
		if err := ob.Save(reply.Entry{ID: id, Profile: "main", Kind: reply.KindChatMessage, ItemID: "c", Text: "hi"}); err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			if err := ob.Remove(id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, _, _ := ob.Load(); len(got) != 4 {
		t.Fatalf("%d entries, want 4", len(got))
	}
	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 4 { // the pool's size: every connection, idle ones first
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var mode int
		if err := c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != 1 {
			t.Errorf("a pooled connection has synchronous=%d, want 1 (NORMAL)", mode)
		}
	}
}
