package store

import (
	"context"
	"testing"
	"time"
)

// TestHoldsAreSharedAndExpire: a hold written by one process is read by
// another on the same store until it expires; letting go removes it, and
// an agent holds one item at a time.
func TestHoldsAreSharedAndExpire(t *testing.T) {
	ctx := context.Background()
	a := openTemp(t)
	b := reopen(t, a)
	defer b.Close()
	now := time.UnixMilli(1_790_000_000_000)
	if err := a.SetHold(ctx, Hold{Agent: "anna", Pane: "questions", ItemID: "q1", Owner: "host-a", Since: now, Until: now.Add(3 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetHold(ctx, Hold{Agent: "boris", Pane: "chats", ItemID: "c1", Owner: "host-a", Since: now, Until: now.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	hs, err := b.Holds(ctx, now.Add(2*time.Minute))
	if err != nil || len(hs) != 1 || hs[0].Agent != "anna" || hs[0].ItemID != "q1" || !hs[0].Since.Equal(now) {
		t.Fatalf("holds two minutes later: %+v %v (boris's expired)", hs, err)
	}
	if err := a.SetHold(ctx, Hold{Agent: "anna", Pane: "questions", ItemID: "q2", Owner: "host-a", Since: now, Until: now.Add(3 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if hs, _ := b.Holds(ctx, now); len(hs) != 2 || hs[0].ItemID != "q2" {
		t.Fatalf("anna moved to q2: %+v", hs)
	}
	if err := a.SetHold(ctx, Hold{Agent: "anna"}); err != nil {
		t.Fatal(err)
	}
	if hs, _ := b.Holds(ctx, now); len(hs) != 1 || hs[0].Agent != "boris" {
		t.Fatalf("after anna let go: %+v", hs)
	}
}

// TestMigrateV14ToV15: a database of version 14 keeps its assignments and
// can hold items after the upgrade.
func TestMigrateV14ToV15(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 14)
	seedQuestions(t, s, 2)
	if err := s.Assign(ctx, PaneQuestions, "q001", "anna", "anna", t0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Version(ctx); err != nil || v != 15 {
		t.Fatalf("version %d, %v", v, err)
	}
	n, err := s.Count(ctx, PaneQuery{Kind: KindQuestion, Filter: Filter{Assignee: "anna"}})
	if err != nil || n != 1 {
		t.Errorf("anna's questions after the upgrade: %d, %v", n, err)
	}
	if err := s.SetHold(ctx, Hold{Agent: "anna", Pane: "questions", ItemID: "q001", Since: t0, Until: t0.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
}
