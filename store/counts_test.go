package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// checkCounts compares Counts and the plain pane counts (read from
// item_counts) with counting the items themselves.
func checkCounts(t *testing.T, s *Store, step string) {
	t.Helper()
	ctx := context.Background()
	got, err := s.Counts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	for _, k := range Kinds {
		var total, needs int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE needs_action = 1) FROM items WHERE kind = ?`, k).Scan(&total, &needs); err != nil {
			t.Fatal(err)
		}
		if got[k] != (Count{Total: total, NeedsAction: needs}) {
			t.Errorf("%s: Counts()[%s] = %+v, the items say %d, %d awaiting", step, k, got[k], total, needs)
		}
		for _, st := range []Status{StatusAny, StatusNeedsAction, StatusDone} {
			for _, ar := range []ArchiveView{ArchiveAny, ArchiveActive, ArchiveOnly} {
				q := `SELECT count(*) FROM items WHERE kind = ?` + map[Status]string{StatusNeedsAction: ` AND needs_action = 1`, StatusDone: ` AND needs_action = 0`}[st] +
					map[ArchiveView]string{ArchiveActive: ` AND archived = 0`, ArchiveOnly: ` AND archived = 1`}[ar]
				var want int
				if err := s.db.QueryRowContext(ctx, q, k).Scan(&want); err != nil {
					t.Fatal(err)
				}
				if n, err := s.Count(ctx, PaneQuery{Kind: k, Filter: Filter{Status: st, Archive: ar}}); err != nil || n != want {
					t.Errorf("%s: Count(%s, status %d, archive %d) = %d, %v; the items say %d", step, k, st, ar, n, err, want)
				}
			}
		}
	}
}

// TestItemCountsFollowEveryWrite: the counts kept by triggers agree with
// the items after every kind of write the store does.
func TestItemCountsFollowEveryWrite(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	must := func(_ Changes, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	checkCounts(t, s, "empty")
	now := t0.Add(20 * 24 * time.Hour)
	must(s.PutReturns(ctx, []models.YMReturn{{ID: 1, OrderID: 2, CreationDate: mt(now.Add(-time.Hour)), RefundStatus: "WAITING_FOR_DECISION"},
		{ID: 3, OrderID: 4, CreationDate: mt(now.Add(-time.Hour)), RefundStatus: "REFUNDED"}}))
	must(s.PutClaims(ctx, []models.Claim{{ID: "cl", Dt: mt(now.Add(-24 * time.Hour)), Actions: []models.ClaimAction{"approve1"}},
		{ID: "cl2", Dt: mt(now.Add(-24 * time.Hour))}}, false))
	must(s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "1:c", EventID: "e", Sender: "client", AddTimestamp: models.UnixMillis(now.Add(-time.Hour).UnixMilli())}}))
	must(s.PutFeedbacks(ctx, []models.Feedback{feedback("f", now.Add(-2*24*time.Hour), "Плохо", 1)}))
	must(s.PutQuestions(ctx, []models.Question{question("q1", now.Add(-time.Hour), "?", false), question("q2", now.Add(-48*time.Hour), "?", false),
		question("q3", now, "?", true)}))
	checkCounts(t, s, "first puts")

	// answered elsewhere (an update), a repeat, the seller's chat reply
	must(s.PutQuestions(ctx, []models.Question{question("q1", now.Add(-time.Hour), "?", true), question("q2", now.Add(-48*time.Hour), "?", false)}))
	must(s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "1:c", EventID: "e2", Sender: "seller", AddTimestamp: models.UnixMillis(now.UnixMilli())}}))
	must(s.PutClaims(ctx, []models.Claim{{ID: "cl", Dt: mt(now.Add(-24 * time.Hour)), Actions: []models.ClaimAction{"approve1"}}}, true))
	checkCounts(t, s, "updates")

	if err := s.Resolve(ctx, KindReturn, "1"); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "resolve")

	err := s.Write(ctx, func(tx *Tx) error {
		_, _, err := tx.MarkUnseen(KindQuestion, time.Time{}, 1<<40, true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "a sweep resolves what it did not see")

	if err := s.ClearCache(ctx); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "cleared")
}

// TestPlainCountsReadTheTally: a pane's count without text or filters
// (the badge, the "1 / N" of the default view) and Counts come from
// item_counts, not from counting 100k items at every start; a filtered
// count still counts the items.
func TestPlainCountsReadTheTally(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f1", t0, "Плохо", 1), feedback("f2", t0, "Хорошо", 5)}); err != nil {
		t.Fatal(err)
	}
	// Only a count read from the tally can see this.
	if _, err := s.db.ExecContext(ctx, `UPDATE item_counts SET n = 1000 WHERE kind = 'feedback' AND needs_action = 1 AND archived = 0`); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Counts(ctx); err != nil || c[KindFeedback] != (Count{Total: 1000, NeedsAction: 1000}) {
		t.Fatalf("Counts: %+v, %v; want the tally's 1000", c[KindFeedback], err)
	}
	for _, f := range []Filter{{}, {Status: StatusNeedsAction}, {Archive: ArchiveActive}} {
		if n, err := s.Count(ctx, PaneQuery{Kind: KindFeedback, Filter: f}); err != nil || n != 1000 {
			t.Fatalf("Count(%+v) = %d, %v; want the tally's 1000", f, n, err)
		}
	}
	if _, total, _, err := s.Window(ctx, PaneQuery{Kind: KindFeedback}, Start(), 0, 10); err != nil || total != 1000 {
		t.Fatalf("Window total = %d, %v; want the tally's 1000", total, err)
	}
	for name, q := range map[string]PaneQuery{
		"rating": {Kind: KindFeedback, Filter: Filter{RatingMax: 3}},
		"text":   {Kind: KindFeedback, Text: "плохо"},
		"states": {Kind: KindFeedback, Filter: Filter{Status: StatusNeedsAction, States: []string{""}}},
	} {
		if n, err := s.Count(ctx, q); err != nil || n > 2 {
			t.Errorf("%s: Count = %d, %v; a filtered count must count the items", name, n, err)
		}
	}
}

// TestMigrateV7ToV8 fills item_counts from the items a version-7 database
// holds, and the triggers keep it from then on.
func TestMigrateV7ToV8(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = saved[:7]
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutQuestions(ctx, []models.Question{question("a", t0, "?", false), question("b", t0, "?", true), question("c", t0, "?", false)}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	migrations = saved[:8]
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != 8 {
		t.Fatalf("version %d after the upgrade, want 8", v)
	}
	checkCounts(t, s, "upgraded")
	if c, _ := s.Counts(ctx); c[KindQuestion] != (Count{Total: 3, NeedsAction: 2}) {
		t.Fatalf("questions after the upgrade: %+v, want 3, 2 awaiting", c[KindQuestion])
	}
	if _, err := s.PutQuestions(ctx, []models.Question{question("a", t0, "?", true), question("d", t0, "?", false)}); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "written after the upgrade")
}
