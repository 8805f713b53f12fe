package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestMigrateV12ToV13: a database of version 12 gains the settings table
// on upgrade; a setting written reads back, replaced by the next write,
// and survives reopening.
func TestMigrateV12ToV13(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 12)
	if _, _, err := s.Setting(ctx, "split.list_percent"); err == nil {
		t.Fatal("version 12 has a settings table")
	}
	// two returns as version 12 dated them: by their last update, which
	// put the older one first
	if _, err := s.PutReturns(ctx, []models.YMReturn{
		{ID: 1, OrderID: 11, CreationDate: mt(t0), UpdateDate: mt(t0.Add(48 * time.Hour))},
		{ID: 2, OrderID: 12, CreationDate: mt(t0.Add(time.Hour)), UpdateDate: mt(t0.Add(2 * time.Hour))},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE items SET at = updated WHERE kind = 'return'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE search SET at = ? WHERE kind = 'return' AND item_id = '1'`, ms(t0.Add(48*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "11", 5); err != nil || len(hits) != 1 || hits[0].At.Equal(t0) {
		t.Fatalf("search hit of return 1 before the upgrade: %+v %v", hits, err)
	}
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _, err := s.Setting(ctx, "split.list_percent"); err != nil || v != "" {
		t.Fatalf("unset setting = %q, %v", v, err)
	}
	rows := all(t, s, PaneQuery{Kind: KindReturn})
	if rowIDs(rows) != "2 1" || !rows[0].At.Equal(t0.Add(time.Hour)) {
		t.Fatalf("returns after the upgrade: %s, the first at %v; want the newer creation first", rowIDs(rows), rows[0].At)
	}
	hits, err := s.Search(ctx, "11", 5)
	if err != nil || len(hits) != 1 || !hits[0].At.Equal(t0) {
		t.Fatalf("search hit of return 1: %+v %v; want it dated by its creation", hits, err)
	}
	for _, v := range []string{"45", "60"} {
		if err := s.SetSetting(ctx, "split.list_percent", v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, ok, err := s.Setting(ctx, "split.list_percent")
	if err != nil || !ok || v != "60" {
		t.Fatalf("setting after reopening = %q, %v, %v; want 60", v, ok, err)
	}
}
