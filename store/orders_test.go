package store

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestOrdersKeptAndCleared: an order the syncer fetched is read back from
// a reopened store (schema 5), and clearing the cache forgets it.
func TestOrdersKeptAndCleared(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	o := models.YMOrder{ID: 9001, Status: "DELIVERED", Items: []models.YMOrderItem{{Name: "Чай"}}}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.PutOrder(o) }); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	defer s.Close()
	got, ok, err := s.Order(ctx, 9001)
	if err != nil || !ok || got.ID != 9001 || len(got.Items) != 1 || got.Items[0].Name != "Чай" {
		t.Fatalf("order after reopening: %+v %v %v", got, ok, err)
	}
	if err := s.ClearCache(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Order(ctx, 9001); ok || err != nil {
		t.Fatalf("order after clearing the cache: %v %v", ok, err)
	}
}
