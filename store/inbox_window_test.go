package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// inboxesFixture: this profile has 130 questions and 40 feedbacks
// awaiting an answer, another profile 70 feedbacks; one question of each
// profile is answered and stays out.
func inboxesFixture(t *testing.T) (Inboxes, []Urgent) {
	t.Helper()
	ctx := context.Background()
	own, other := openTemp(t), openTemp(t)
	var qs []models.Question
	for i := range 130 {
		qs = append(qs, question(fmt.Sprintf("q%03d", i), t0.Add(-time.Duration(i)*time.Hour), "Есть ли размер?", false))
	}
	qs = append(qs, question("q-done", t0, "Есть ли размер?", true))
	var fs []models.Feedback
	for i := range 110 {
		text := "Отличное качество"
		if i%10 == 0 {
			text = "Пришёл с браком"
		}
		fs = append(fs, feedback(fmt.Sprintf("f%03d", i), t0.Add(-time.Duration(i)*5*time.Hour), text, 2))
	}
	for _, err := range []error{
		second(own.PutQuestions(ctx, qs)), second(own.PutFeedbacks(ctx, fs[:40])),
		second(other.PutFeedbacks(ctx, fs[40:])), second(other.PutQuestions(ctx, qs[130:])),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The whole inbox in order, as the paged reader merges it.
	var all []Urgent
	for _, st := range []*Store{own, other} {
		us, err := st.Inbox(ctx, t0, 0)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, us...)
	}
	slices.SortStableFunc(all, CompareUrgent)
	return Inboxes{own, other}, all
}

func second[T any](_ T, err error) error { return err }

// TestInboxesWindowCoversEverything: windows of the merged stores, read
// from the top, the end and around rows deep in the list, agree with the
// whole inbox in order, with right positions and counts; the text
// narrows over every store.
func TestInboxesWindowCoversEverything(t *testing.T) {
	ctx := context.Background()
	in, all := inboxesFixture(t)
	if len(all) != 240 {
		t.Fatalf("fixture has %d items awaiting", len(all))
	}
	check := func(name string, rows []PaneRow, total, pos, wantPos int) {
		t.Helper()
		if total != len(all) || pos != wantPos {
			t.Fatalf("%s: total %d position %d, want %d and %d", name, total, pos, len(all), wantPos)
		}
		for _, r := range rows {
			if r.Pos < 0 || r.Pos >= len(all) || all[r.Pos].ID != r.ID {
				t.Fatalf("%s: row %s at %d, the inbox has %v there", name, r.ID, r.Pos, all[min(max(r.Pos, 0), len(all)-1)].ID)
			}
		}
	}
	rows, total, pos, err := in.Window(ctx, PaneQuery{}, Start(), 10, 99)
	if err != nil || len(rows) != 100 {
		t.Fatalf("start: %d rows, %v", len(rows), err)
	}
	check("start", rows, total, pos, 0)
	end, total, pos, err := in.Window(ctx, PaneQuery{}, End(), 30, 30)
	if err != nil || len(end) != 31 || end[30].ID != all[239].ID {
		t.Fatalf("end: %d rows, %v", len(end), err)
	}
	check("end", end, total, pos, 239)
	// Around a row of the other store, deep in the list, and sliding on.
	mid := rows[77]
	around, total, pos, err := in.Window(ctx, PaneQuery{}, mid.Cursor(), 20, 20)
	if err != nil || len(around) != 41 {
		t.Fatalf("around: %d rows, %v", len(around), err)
	}
	check("around", around, total, pos, 77)
	slid, ok, err := in.Slide(ctx, PaneQuery{}, around[40].Cursor(), around[40].Pos, 50, 50)
	if err != nil || !ok || slid[0].Pos != 47 || len(slid) != 101 {
		t.Fatalf("slide: ok %v, %d rows from %d, %v", ok, len(slid), slid[0].Pos, err)
	}
	check("slide", slid, total, 0, 0)
	// n: the next row, and the row before.
	if id, ok, err := in.Next(ctx, PaneQuery{}, mid.Cursor(), true); err != nil || !ok || id != all[78].ID {
		t.Errorf("next after %s: %s %v %v, want %s", mid.ID, id, ok, err, all[78].ID)
	}
	if id, ok, err := in.Next(ctx, PaneQuery{}, mid.Cursor(), false); err != nil || !ok || id != all[76].ID {
		t.Errorf("previous of %s: %s %v %v, want %s", mid.ID, id, ok, err, all[76].ID)
	}
	// Words narrow every store; the count and the rows agree.
	q := PaneQuery{Text: "брак"}
	n, err := in.Count(ctx, q)
	if err != nil || n != 11 {
		t.Fatalf("count of %q: %d, %v", q.Text, n, err)
	}
	got, total, _, err := in.Window(ctx, q, End(), 50, 50)
	if err != nil || total != 11 || len(got) != 11 || got[10].Pos != 10 {
		t.Fatalf("window of %q: %d of %d rows, %v", q.Text, len(got), total, err)
	}
	sources := map[int]int{}
	for _, r := range got {
		sources[r.Source]++
	}
	if sources[0] != 4 || sources[1] != 7 {
		t.Errorf("matches by store %v, want 4 here and 7 in the other", sources)
	}
}

// TestInboxesAnsweredRowKeepsPlace: a window anchored at a row that was
// answered meanwhile starts where that row was, not at the top.
func TestInboxesAnsweredRowKeepsPlace(t *testing.T) {
	ctx := context.Background()
	in, all := inboxesFixture(t)
	rows, _, _, err := in.Window(ctx, PaneQuery{}, Start(), 0, 199)
	if err != nil {
		t.Fatal(err)
	}
	gone := rows[150]
	if err := in[gone.Source].Resolve(ctx, gone.Kind, gone.ID); err != nil {
		t.Fatal(err)
	}
	after, total, pos, err := in.Window(ctx, PaneQuery{}, gone.Cursor(), 5, 5)
	if err != nil || total != len(all)-1 || pos != 150 || after[5].ID != all[151].ID {
		t.Fatalf("after answering %s: position %d of %d, row %s; want 150 of %d, %s (%v)",
			gone.ID, pos, total, after[5].ID, len(all)-1, all[151].ID, err)
	}
}
