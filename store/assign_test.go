package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestAssignments: an item given to an agent is theirs in its pane's
// query and in the Inbox's "mine", its note names who gave it; taking it
// away or giving it to a colleague moves it; a delivered answer names
// its agent.
func TestAssignments(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	now := time.Date(2026, 12, 3, 10, 42, 0, 0, time.UTC)
	seedQuestions(t, s, 3) // q000 answered, q001 and q002 await the seller
	if err := s.Assign(ctx, PaneQuestions, "q001", "anna", "ivan", now); err != nil {
		t.Fatal(err)
	}
	if err := s.Assign(ctx, PaneQuestions, "q002", "anna", "anna", now); err != nil {
		t.Fatal(err)
	}
	mine := func(agent string) []string {
		q := PaneQuery{Kind: KindQuestion, Filter: Filter{Assignee: agent}}
		rows, _, _, err := s.Window(ctx, q, Start(), 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		return ids
	}
	inbox := func(agent string) int {
		n, err := Inboxes{s}.Count(ctx, PaneQuery{Filter: Filter{Assignee: agent}})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := mine("anna"); len(got) != 2 || inbox("anna") != 2 || inbox("ivan") != 0 || inbox("") != 2 {
		t.Fatalf("anna's questions %v, inbox anna %d ivan %d all %d", got, inbox("anna"), inbox("ivan"), inbox(""))
	}
	if err := s.Assign(ctx, PaneQuestions, "q002", "ivan", "anna", now); err != nil {
		t.Fatal(err)
	}
	if err := s.Assign(ctx, PaneQuestions, "q001", "", "anna", now); err != nil {
		t.Fatal(err)
	}
	if len(mine("anna")) != 0 || len(mine("ivan")) != 1 || inbox("ivan") != 1 {
		t.Errorf("after the moves: anna %v ivan %v", mine("anna"), mine("ivan"))
	}
	sent := reply.Entry{ID: "e1", Profile: "p", Agent: "anna", Kind: reply.KindQuestionAnswer, ItemID: "q002",
		State: reply.StateSent, Created: now.Add(-time.Minute), Updated: now}
	if err := s.RecordSettled(ctx, sent); err != nil {
		t.Fatal(err)
	}
	notes, err := s.TeamNotes(ctx, PaneQuestions, []string{"q001", "q002", "q000"})
	if err != nil {
		t.Fatal(err)
	}
	n := notes["q002"]
	if n.Assignee != "ivan" || n.AssignedBy != "anna" || !n.Answered || n.AnsweredBy != "anna" || !n.AnsweredAt.Equal(now) {
		t.Errorf("q002's note %+v", n)
	}
	if _, ok := notes["q001"]; ok {
		t.Errorf("q001 has a note: %+v", notes["q001"])
	}
}

// TestMigrateV13ToV14: a database of version 13 keeps its items and can
// assign them after the upgrade.
func TestMigrateV13ToV14(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 13)
	seedQuestions(t, s, 3)
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version %d, %v", v, err)
	}
	if err := s.Assign(ctx, PaneQuestions, "q001", "anna", "anna", t0); err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(ctx, PaneQuery{Kind: KindQuestion, Filter: Filter{Assignee: "anna"}})
	if err != nil || n != 1 {
		t.Errorf("anna's questions after the upgrade: %d, %v", n, err)
	}
}
