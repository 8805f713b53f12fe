package store_test

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/store"
)

// BenchmarkInboxPage reads one page of 100 far down the inbox of the
// ~100k-item benchmark database: keyset paging makes it cost what the
// first page costs.
func BenchmarkInboxPage(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, depth := range []struct {
		name  string
		pages int
	}{{"first", 0}, {"page50", 50}, {"page150", 150}} {
		var after store.InboxToken
		for range depth.pages {
			_, next, err := st.InboxPage(ctx, benchNow, after, 100)
			if err != nil || next.IsZero() {
				b.Fatalf("walking to page %d: %v", depth.pages, err)
			}
			after = next
		}
		b.Run(depth.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				page, _, err := st.InboxPage(ctx, benchNow, after, 100)
				if err != nil || len(page) != 100 {
					b.Fatalf("%d rows, %v", len(page), err)
				}
			}
		})
	}
}
