package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestCursorExportsMeanWhatTheStoreMeans: what another Rows source reads
// from a cursor (its item, its edge, its place) is what the store itself
// anchors by, and a row made with RowAt anchors a Store window exactly as
// the stored row it stands for, even once its item has left the list.
func TestCursorExportsMeanWhatTheStoreMeans(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var qs []models.Question
	for i := range 10 {
		qs = append(qs, models.Question{ID: fmt.Sprintf("q%d", i), Text: "вопрос", State: models.QuestionNew,
			CreatedDate: models.Time{Time: t0.Add(time.Duration(i) * time.Minute)}})
	}
	if _, err := st.PutQuestions(ctx, qs); err != nil {
		t.Fatal(err)
	}
	q := store.PaneQuery{Kind: store.KindQuestion} // newest first: q9 … q0
	rows, _, _, err := st.Window(ctx, q, store.Start(), 0, 20)
	if err != nil || len(rows) != 10 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}

	for _, tc := range []struct {
		name       string
		c          store.Cursor
		id         string
		start, end bool
	}{
		{"start", store.Start(), "", true, false},
		{"end", store.End(), "", false, true},
		{"an ID alone", store.At("q3"), "q3", false, false},
	} {
		if tc.c.ID() != tc.id || tc.c.IsStart() != tc.start || tc.c.IsEnd() != tc.end {
			t.Errorf("%s: ID %q start %v end %v", tc.name, tc.c.ID(), tc.c.IsStart(), tc.c.IsEnd())
		}
		if _, _, ok := tc.c.Place(); ok {
			t.Errorf("%s names a place", tc.name)
		}
	}

	r := rows[4] // q5
	c := r.Cursor()
	sort, v, ok := c.Place()
	if c.ID() != "q5" || c.IsStart() || c.IsEnd() || !ok || sort != store.SortNewest || v != r.At.UnixMilli() {
		t.Fatalf("q5's cursor: ID %q, place %v %d %v (at %d)", c.ID(), sort, v, ok, r.At.UnixMilli())
	}
	if made := store.RowAt(r.Row, r.Pos, sort, v); made.Cursor() != c || made.Pos != 4 {
		t.Errorf("RowAt of q5 makes %+v at %d, not the stored row's cursor %+v", made.Cursor(), made.Pos, c)
	}

	// An item that is gone, placed between q5 and q4: the window anchors
	// at the row that now takes its place.
	gone := store.RowAt(store.Row{ID: "gone"}, 5, store.SortNewest, v-30_000).Cursor()
	got, total, pos, err := st.Window(ctx, q, gone, 1, 1)
	if err != nil || total != 10 || pos != 5 || len(got) != 3 || got[0].ID != "q5" || got[1].ID != "q4" || got[2].ID != "q3" {
		t.Errorf("window at a gone row's place: pos %d of %d, %d rows %v, %v", pos, total, len(got), ids(got), err)
	}
	// The same place in another order places nothing: the window starts
	// at the start, as for a stored row's cursor.
	got, _, pos, err = st.Window(ctx, store.PaneQuery{Kind: store.KindQuestion, Sort: store.SortDeadline}, gone, 0, 0)
	if err != nil || pos != 0 || len(got) != 1 {
		t.Errorf("a place in another order: pos %d, %v, %v", pos, ids(got), err)
	}
}

func ids(rows []store.PaneRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
