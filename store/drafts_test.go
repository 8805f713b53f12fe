package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

func draftKey(item string) reply.DraftKey {
	return reply.DraftKey{Profile: "main", Marketplace: api.Wildberries, Pane: reply.PaneChats, ItemID: item}
}

// TestDraftsAtomicAcrossConnections: two handles on one database (two
// processes, as far as SQLite can tell) save the same drafts at once,
// with saves arriving out of order; each key ends with its newest text.
// Only the transaction keeps that: the handles share no lock.
func TestDraftsAtomicAcrossConnections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	var stores [2]*reply.DraftStore
	for i := range stores {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = reply.NewDraftStore(s.DraftBackend())
	}
	base := time.Now()
	const writers, saves, keys = 6, 40, 3
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range saves {
				// Writers run in any order, so even and odd writers'
				// saves of one key interleave with times out of order.
				at := base.Add(time.Duration(i*writers+w) * time.Microsecond)
				text := fmt.Sprintf("writer %d save %d", w, i)
				if err := stores[w%2].Put(draftKey(fmt.Sprint(i%keys)), reply.Draft{Text: text, UpdatedAt: at}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for k := range keys {
		last := 0
		for i := range saves {
			if i%keys == k {
				last = i
			}
		}
		want := fmt.Sprintf("writer %d save %d", writers-1, last)
		for i, s := range stores {
			if d, _, err := s.Get(draftKey(fmt.Sprint(k))); err != nil || d.Text != want {
				t.Errorf("handle %d, key %d: %q (%v), want %q", i, k, d.Text, err, want)
			}
		}
	}
}

// TestDraftUpdateIsOneTransaction: a save from another handle waits while
// an Update is between its read and its write, then sees what it wrote,
// so a tombstone written by one process stops a late save from another.
func TestDraftUpdateIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	a, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	k := draftKey("c1")
	t1 := time.Now() // a fresh tombstone: NewDraftStore sweeps old ones
	bStore := reply.NewDraftStore(b.DraftBackend())
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- a.DraftBackend().Update(k, func(cur reply.DraftRecord, ok bool) (reply.DraftOp, reply.DraftRecord) {
			close(inside)
			<-release
			// A delivery: the tombstone guards until t1.
			return reply.DraftWrite, reply.DraftRecord{Key: k, Draft: reply.Draft{UpdatedAt: t1}, Sent: true}
		})
	}()
	<-inside
	late := make(chan error, 1)
	go func() {
		// A save of the delivered text, typed before t1, racing the
		// tombstone from the other handle.
		late <- bStore.Put(k, reply.Draft{Text: "delivered", UpdatedAt: t1.Add(-time.Millisecond)})
	}()
	select {
	case err := <-late:
		t.Fatalf("a save went through inside another handle's transaction: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-late; err != nil {
		t.Fatal(err)
	}
	if d, ok, err := reply.NewDraftStore(a.DraftBackend()).Get(k); err != nil || ok {
		t.Fatalf("the late save resurrected the delivered draft: %v %+v", err, d)
	}
}

// TestDraftRowUnreadable: a row that does not decode is reported by Get,
// skipped by List, and replaced by the next save.
func TestDraftRowUnreadable(t *testing.T) {
	s := openTemp(t)
	k := draftKey("bad")
	if _, err := s.db.Exec(`INSERT INTO drafts(profile, marketplace, pane, item_id, text, files, updated) VALUES (?, ?, ?, ?, 'x', '[1', 1)`,
		k.Profile, string(k.Marketplace), string(k.Pane), k.ItemID); err != nil {
		t.Fatal(err)
	}
	ds := reply.NewDraftStore(s.DraftBackend())
	if _, _, err := ds.Get(k); err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Fatalf("get: %v", err)
	}
	if l, err := ds.List(""); err != nil || len(l) != 0 {
		t.Fatalf("list: %v %+v", err, l)
	}
	if err := ds.Put(k, reply.Draft{Text: "новый", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := ds.Get(k); err != nil || !ok || d.Text != "новый" {
		t.Fatalf("after the save: %v %v %+v", err, ok, d)
	}
}

// TestDraftTimesKeepNanoseconds: ordering depends on the exact time of
// each save, and a draft reads back with the time it was saved with.
func TestDraftTimesKeepNanoseconds(t *testing.T) {
	s := openTemp(t)
	ds := reply.NewDraftStore(s.DraftBackend())
	at := time.Date(2026, 4, 1, 10, 0, 0, 123456789, time.UTC)
	if err := ds.Put(draftKey("n"), reply.Draft{Text: "x", UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}
	if d, _, _ := ds.Get(draftKey("n")); !d.UpdatedAt.Equal(at) {
		t.Fatalf("UpdatedAt %v, saved %v", d.UpdatedAt, at)
	}
}

// BenchmarkDraftPut is one debounced save: one small transaction.
func BenchmarkDraftPut(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "p.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ds := reply.NewDraftStore(s.DraftBackend())
	text := strings.Repeat("Здравствуйте! ", 40)
	at := time.Now()
	b.ResetTimer()
	for i := range b.N {
		if err := ds.Put(draftKey(fmt.Sprint(i%8)), reply.Draft{Text: text, UpdatedAt: at.Add(time.Duration(i))}); err != nil {
			b.Fatal(err)
		}
	}
}
