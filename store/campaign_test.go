package store

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestUseCampaignForgetsTheOtherShopsReturns: after a switch of campaign
// the store holds no return, order or YM cursor of the campaign before
// (they would show in its Returns pane and inbox, and cannot be opened
// through the new one), and keeps the WB items, their cursors and search.
func TestUseCampaignForgetsTheOtherShopsReturns(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if cleared, err := s.UseCampaign(ctx, 1000); err != nil || cleared {
		t.Fatalf("first campaign: cleared %v, %v", cleared, err)
	}
	r := models.YMReturn{ID: 42, OrderID: 7, CreationDate: mt(t0), RefundStatus: "PREMODERATION_DECISION_WAITING",
		Items: []models.YMReturnItem{{ShopSku: "KETTLE-77", Count: 1}}}
	if _, err := s.PutReturns(ctx, []models.YMReturn{r}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutQuestions(ctx, []models.Question{question("q1", t0, "Сколько пакетиков в пачке?", false)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.PutOrder(models.YMOrder{ID: 7}) }); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]string{"ym.returns": `{"lastSync":"2026-12-01T00:00:00Z"}`, "wb.claims": "{}"} {
		if err := s.SetCursor(ctx, name, v); err != nil {
			t.Fatal(err)
		}
	}
	// The same campaign again (the next start) keeps everything.
	if cleared, err := s.UseCampaign(ctx, 1000); err != nil || cleared {
		t.Fatalf("same campaign: cleared %v, %v", cleared, err)
	}
	if _, ok, _ := s.GetReturn(ctx, 42); !ok {
		t.Fatal("the same campaign lost its return")
	}
	if hits, _ := s.Search(ctx, "KETTLE", 5); len(hits) != 1 {
		t.Fatalf("the return is not searchable: %+v", hits)
	}

	if cleared, err := s.UseCampaign(ctx, 1003); err != nil || !cleared {
		t.Fatalf("another campaign: cleared %v, %v", cleared, err)
	}
	if _, ok, _ := s.GetReturn(ctx, 42); ok {
		t.Error("the other campaign's return is still stored")
	}
	if _, ok, _ := s.Order(ctx, 7); ok {
		t.Error("the other campaign's order is still stored")
	}
	if v, _ := s.Cursor(ctx, "ym.returns"); v != "" {
		t.Errorf("the returns cursor of the other campaign is kept: %s", v)
	}
	if hits, _ := s.Search(ctx, "KETTLE", 5); len(hits) != 0 {
		t.Errorf("search still finds the other campaign's return: %+v", hits)
	}
	if v, _ := s.Cursor(ctx, "wb.claims"); v != "{}" {
		t.Error("a WB cursor was forgotten")
	}
	if hits, _ := s.Search(ctx, "пакетиков", 5); len(hits) != 1 {
		t.Errorf("the WB question left the search: %+v", hits)
	}
	if c, err := s.Campaign(ctx); err != nil || c != 1003 {
		t.Fatalf("campaign %d, %v", c, err)
	}
}
