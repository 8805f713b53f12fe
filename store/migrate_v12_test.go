package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// TestMigrateV11ToV12: a return stored with the invented 72-hour deadline
// loses it on upgrade and joins the undated items in the Inbox, after a
// dated feedback, oldest first; other kinds keep their deadlines.
func TestMigrateV11ToV12(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 11)
	now := t0.Add(10 * 24 * time.Hour)
	if _, err := s.PutReturns(ctx, []models.YMReturn{{ID: 1, OrderID: 2, CreationDate: mt(now.Add(-5 * 24 * time.Hour)),
		RefundStatus: "WAITING_FOR_DECISION"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f", now.Add(-2*24*time.Hour), "Плохо", 1)}); err != nil {
		t.Fatal(err)
	}
	// As version 11 stored it: the return due 72 h after its creation.
	if _, err := s.db.ExecContext(ctx, `UPDATE items SET deadline = created + 259200000, due = created + 259200000 WHERE kind = 'return'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	us, err := s.Inbox(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].ID != "f" || us[1].ID != "1" || us[1].HasDeadline() || !us[0].HasDeadline() {
		t.Fatalf("inbox after the upgrade: %+v", us)
	}
}
