package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestProductNames: an article is named by its newest stored question,
// feedback or claim; one nobody named, and 0, are left out.
func TestProductNames(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	old := question("q-old", t0, "Есть?", false)
	old.ProductDetails.NmID, old.ProductDetails.ProductName = 1, "Чай (старое название)"
	newer := feedback("f", t0.Add(time.Hour), "Хороший", 5)
	newer.ProductDetails.NmID, newer.ProductDetails.ProductName = 1, "Чай зелёный"
	if _, err := s.PutQuestions(ctx, []models.Question{old}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{newer}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutClaims(ctx, []models.Claim{{ID: "c", NmID: 2, ImtName: "Кружка", Dt: mt(t0)}}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutChats(ctx, []models.Chat{{ChatID: "ch", GoodCard: &models.ChatListing{NmID: 3}}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ProductNames(ctx, []int64{1, 2, 3, 0, 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1] != "Чай зелёный" || got[2] != "Кружка" {
		t.Fatalf("names %v", got)
	}
	if got, err := s.ProductNames(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("no articles: %v, %v", got, err)
	}
}
