package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestPaneQueryNoText: the "5★ without text" section selects the
// feedbacks that are a rating alone, and no question (which always has
// a text).
func TestPaneQueryNoText(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	fs := []models.Feedback{
		{ID: "bare5", ProductValuation: 5, CreatedDate: mt(t0)},
		{ID: "spaces5", Text: "  ", ProductValuation: 5, CreatedDate: mt(t0.Add(time.Minute))},
		{ID: "text5", Text: "Отлично", ProductValuation: 5, CreatedDate: mt(t0.Add(2 * time.Minute))},
		{ID: "pros5", Pros: "Быстро", ProductValuation: 5, CreatedDate: mt(t0.Add(3 * time.Minute))},
		{ID: "cons5", Cons: "Мятая коробка", ProductValuation: 5, CreatedDate: mt(t0.Add(4 * time.Minute))},
		{ID: "bare3", ProductValuation: 3, CreatedDate: mt(t0.Add(5 * time.Minute))},
	}
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutQuestions(ctx, []models.Question{{ID: "q1", Text: "Есть размер M?", CreatedDate: mt(t0)}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    PaneQuery
		want string
	}{
		{"any rating", PaneQuery{Kind: KindFeedback, Filter: Filter{NoText: true}}, "bare3 spaces5 bare5"},
		{"5 stars", PaneQuery{Kind: KindFeedback, Filter: Filter{NoText: true, RatingMin: 5, RatingMax: 5}}, "spaces5 bare5"},
		{"questions always have a text", PaneQuery{Kind: KindQuestion, Filter: Filter{NoText: true}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rowIDs(all(t, s, tt.q)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
