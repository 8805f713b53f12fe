package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

func TestInboxOrdersByDeadline(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	now := t0.Add(20 * 24 * time.Hour)
	must := func(_ Changes, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Deadlines relative to now: return -? , claim, chat, feedback.
	must(s.PutReturns(ctx, []models.YMReturn{{ID: 1, OrderID: 2, CreationDate: mt(now.Add(-5 * time.Hour)), RefundStatus: "WAITING_FOR_DECISION"},
		{ID: 3, OrderID: 4, CreationDate: mt(now.Add(-time.Hour)), RefundStatus: "REFUNDED"}}))
	must(s.PutClaims(ctx, []models.Claim{{ID: "cl", Dt: mt(now.Add(-13 * 24 * time.Hour)), Actions: []models.ClaimAction{"approve1"}}}, false))
	must(s.PutChatEvents(ctx, []models.ChatEvent{{ChatID: "1:c", EventID: "e", Sender: "client", AddTimestamp: models.UnixMillis(now.Add(-11 * 24 * time.Hour).UnixMilli())}}))
	must(s.PutFeedbacks(ctx, []models.Feedback{feedback("f", now.Add(-2*24*time.Hour), "Плохо", 1)}))
	must(s.PutQuestions(ctx, []models.Question{question("q-new", now.Add(-time.Hour), "?", false), question("q-old", now.Add(-48*time.Hour), "?", false),
		question("q-done", now, "?", true)}))

	got, err := s.Inbox(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	type item struct {
		id   string
		left time.Duration
	}
	var order []item
	for _, u := range got {
		order = append(order, item{u.ID, u.Left})
	}
	want := []item{
		{"1:c", -24 * time.Hour}, // overdue chat first
		{"cl", 24 * time.Hour},   // claim window ends tomorrow
		{"f", models.RuleWBFeedbackArchive.Window() - 48*time.Hour}, // feedback before archiving
		{"q-old", 0}, // no deadline: oldest first
		{"1", 0},     // a YM return has none documented
		{"q-new", 0},
	}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("inbox order\n got %v\nwant %v", order, want)
	}
	if !got[0].Overdue() || got[3].HasDeadline() || got[4].HasDeadline() || got[0].Pane != PaneChats {
		t.Fatalf("flags: %+v", got)
	}
	// without a deadline the inbox shows the age, from the creation
	if !got[4].Created.Equal(now.Add(-5 * time.Hour).Truncate(time.Millisecond)) {
		t.Fatalf("return created %v", got[4].Created)
	}
	if top, _ := s.Inbox(ctx, now, 2); len(top) != 2 || top[1].ID != "cl" {
		t.Fatalf("limited inbox: %+v", top)
	}
}

func TestGained(t *testing.T) {
	tests := []struct {
		name       string
		prev, next map[Pane]int
		want       []Gain
	}{
		{"first reading rings nothing", nil, map[Pane]int{PaneChats: 5}, nil},
		{"grew", map[Pane]int{PaneChats: 1, PaneClaims: 2}, map[Pane]int{PaneChats: 3, PaneClaims: 2}, []Gain{{PaneChats, 2}}},
		{"shrank", map[Pane]int{PaneQuestions: 4}, map[Pane]int{PaneQuestions: 1}, nil},
		{"tab order", map[Pane]int{PaneClaims: 0, PaneReturns: 0, PaneFeedbacks: 0}, map[Pane]int{PaneClaims: 1, PaneReturns: 1, PaneFeedbacks: 1},
			[]Gain{{PaneReturns, 1}, {PaneFeedbacks, 1}, {PaneClaims, 1}}},
		{"pane gone", map[Pane]int{PaneReturns: 3}, map[Pane]int{}, nil},
	}
	for _, tt := range tests {
		if got := Gained(tt.prev, tt.next); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Gained = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := PendingByPane(map[Kind]Count{KindChat: {Total: 9, NeedsAction: 2}}); got[PaneChats] != 2 {
		t.Errorf("PendingByPane = %v", got)
	}
}

// TestInboxOrderWithSharedKeys: where items share a due time and an ID (a
// question and a feedback, say), the listing, a limited listing and the
// Inbox pane's window all keep one order, without gaps or repeats.
func TestInboxOrderWithSharedKeys(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	now := t0.Add(40 * 24 * time.Hour)
	var qs []models.Question
	var fs []models.Feedback
	for i := range 23 {
		at := now.Add(-time.Duration(i%5) * time.Hour) // repeated due times
		qs = append(qs, question(fmt.Sprintf("x%02d", i), at, "?", false))
		fs = append(fs, feedback(fmt.Sprintf("x%02d", i), at, "Плохо", 2)) // same IDs, another kind
	}
	if _, err := s.PutQuestions(ctx, qs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutFeedbacks(ctx, fs); err != nil {
		t.Fatal(err)
	}
	all, err := s.Inbox(ctx, now, 0)
	if err != nil || len(all) != 46 {
		t.Fatalf("inbox: %d items, %v", len(all), err)
	}
	if !slices.IsSortedFunc(all, CompareUrgent) {
		t.Fatal("CompareUrgent disagrees with the inbox order")
	}
	for _, size := range []int{1, 7, 46, 100} {
		top, err := s.Inbox(ctx, now, size)
		if err != nil || !reflect.DeepEqual(top, all[:min(size, len(all))]) {
			t.Errorf("limit %d: %d items (%v), not the listing's first ones", size, len(top), err)
		}
	}
	rows, total, _, err := Inboxes{s}.Window(ctx, PaneQuery{}, Start(), 0, 100)
	if err != nil || total != len(all) || len(rows) != len(all) {
		t.Fatalf("window: %d of %d rows, %v", len(rows), total, err)
	}
	for i, r := range rows {
		if r.ID != all[i].ID || r.Kind != all[i].Kind {
			t.Fatalf("window row %d is %s %s, the listing has %s %s", i, r.Kind, r.ID, all[i].Kind, all[i].ID)
		}
	}
}

// TestInboxPageUsesIndex: a deep page starts from the inbox index, not a
// scan and sort of every item awaiting the seller.
func TestInboxPageUsesIndex(t *testing.T) {
	sqliteOnly(t, "EXPLAIN QUERY PLAN")
	s := openTemp(t)
	rows, err := s.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+inboxPageQuery(`needs_action = 1 AND (due, id, kind) >= (?, ?, ?)`, "ASC"), 1, "a", "chat", 10)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if !slices.ContainsFunc(plan, func(d string) bool { return strings.Contains(d, "items_inbox") }) {
		t.Fatalf("the inbox page does not use items_inbox: %q", plan)
	}
}
