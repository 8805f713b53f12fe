package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestTextRanksWholeWordsFirst: the items where every word typed is a
// whole word come first, each band in the pane's order, and windows,
// slides, positions and n/N agree with that order; a set larger than
// sparseSet keeps the pane's order alone (the first keystrokes over 100k
// items must not sort every match).
func TestTextRanksWholeWordsFirst(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.PutFeedbacks(ctx, textFeedbacks()); err != nil {
		t.Fatal(err)
	}
	// f9, the newest, has оптом only as a word start
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f9", t0.Add(time.Hour), "Оптомир — лучший магазин", 5)}); err != nil {
		t.Fatal(err)
	}
	q := PaneQuery{Kind: KindFeedback, Text: "оптом"}
	for _, tt := range []struct {
		sort Sort
		want string
	}{
		{SortNewest, "f3 f1 f9 f5"},
		{SortOldest, "f1 f3 f5 f9"},
		{SortDeadline, "f1 f3 f5 f9"}, // feedbacks' deadlines follow their dates
	} {
		q.Sort = tt.sort
		rows := all(t, s, q)
		if got := rowIDs(rows); got != tt.want {
			t.Errorf("sort %d: %q, want %q", tt.sort, got, tt.want)
		}
		for i, r := range rows {
			if whole := i < 2; r.Whole != whole {
				t.Errorf("sort %d: %s whole %v", tt.sort, r.ID, r.Whole)
			}
			if pos, ok, err := s.Position(ctx, q, r.ID); err != nil || !ok || pos != i {
				t.Errorf("sort %d: %s at %d %v %v, want %d", tt.sort, r.ID, pos, ok, err, i)
			}
		}
		// a slide around the second row and n from it stay in that order
		slid, ok, err := s.Slide(ctx, q, rows[1].Cursor(), 1, 1, 1)
		if err != nil || !ok || rowIDs(slid) != rowIDs(rows[:3]) {
			t.Errorf("sort %d: slide %q %v %v", tt.sort, rowIDs(slid), ok, err)
		}
		if id, ok, err := s.Next(ctx, q, rows[1].Cursor(), true); err != nil || !ok || id != rows[2].ID {
			t.Errorf("sort %d: next after %s is %s %v %v, want %s", tt.sort, rows[1].ID, id, ok, err, rows[2].ID)
		}
	}
	saved := sparseSet
	sparseSet = 2
	defer func() { sparseSet = saved }()
	if got := rowIDs(all(t, s, PaneQuery{Kind: KindFeedback, Text: "оптом "})); got != "f9 f5 f3 f1" {
		t.Errorf("a large set in the pane's order: %q", got)
	}
}
