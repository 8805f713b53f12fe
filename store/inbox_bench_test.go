package store_test

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/store"
)

// BenchmarkInboxWindow reads the Inbox pane's window (count, position and
// three screens of rows around the cursor) at its top, far down and at its
// end in the ~100k-item benchmark database. The rows are keyset reads that
// cost the same anywhere; the position ("15,001 / 20,000") counts the rows
// ahead in the inbox index, so it grows with the depth.
func BenchmarkInboxWindow(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	in := store.Inboxes{st}
	all, err := st.Inbox(ctx, benchNow, 0)
	if err != nil || len(all) < 15001 {
		b.Fatalf("the benchmark inbox has %d items (%v), want over 15,000", len(all), err)
	}
	// A deep cursor is a row read by a window, as the pane holds it.
	deep := func(pos int) store.Cursor {
		rows, _, _, err := in.Window(ctx, store.PaneQuery{}, store.Start(), 0, pos)
		if err != nil || len(rows) <= pos {
			b.Fatalf("walking to %d: %d rows, %v", pos, len(rows), err)
		}
		return rows[pos].Cursor()
	}
	for _, at := range []struct {
		name string
		c    store.Cursor
	}{{"top", store.Start()}, {"row5000", deep(5000)}, {"row15000", deep(15000)}, {"end", store.End()}} {
		b.Run(at.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rows, total, _, err := in.Window(ctx, store.PaneQuery{}, at.c, 40, 80)
				if err != nil || len(rows) < 40 || total != len(all) {
					b.Fatalf("%d rows of %d, %v", len(rows), total, err)
				}
			}
		})
	}
}
