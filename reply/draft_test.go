package reply_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

func TestDraftStoreRoundTrip(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		s := openDrafts(t, b, t.TempDir())
		t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		hostileID := "../../etc/passwd\x00\x1b[31m"
		d := reply.Draft{Text: "Здравствуйте!\n\x1b[2J", Files: []string{"/tmp/a.jpg"}, Action: "rejectcustom", UpdatedAt: t0}
		if err := s.Put(key("main", hostileID), d); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(key("other", "1"), reply.Draft{Text: "x", UpdatedAt: t0.Add(time.Second)}); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.Get(key("main", hostileID))
		if err != nil || !ok || got.Text != d.Text || got.Action != d.Action || !got.UpdatedAt.Equal(t0) || len(got.Files) != 1 || got.Files[0] != "/tmp/a.jpg" {
			t.Fatalf("get: %v %v %+v", err, ok, got)
		}
		if _, ok, _ := s.Get(key("main", "absent")); ok {
			t.Fatal("absent draft found")
		}
		list, err := s.List("main")
		if err != nil || len(list) != 1 || list[0].Key.ItemID != hostileID {
			t.Fatalf("list main: %v %+v", err, list)
		}
		if all, _ := s.List(""); len(all) != 2 || all[0].Key.Profile != "other" {
			t.Fatalf("list all (newest first): %+v", all)
		}
		// An older save finishing late does not overwrite newer text.
		if err := s.Put(key("main", hostileID), reply.Draft{Text: "old", UpdatedAt: t0.Add(-time.Second)}); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := s.Get(key("main", hostileID)); got.Text != d.Text {
			t.Fatalf("older save won: %q", got.Text)
		}
		// Clearing the editor removes the draft.
		if err := s.Put(key("main", hostileID), reply.Draft{UpdatedAt: t0.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.Get(key("main", hostileID)); ok {
			t.Fatal("empty draft kept")
		}
		if err := s.Delete(key("other", "1")); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(key("other", "1")); err != nil {
			t.Fatalf("deleting twice: %v", err)
		}
		if all, _ := s.List(""); len(all) != 0 {
			t.Fatalf("left after deleting: %+v", all)
		}
	})
}

// TestDraftOrderingTable: which of two saves of one item survives, in
// either order of arrival.
func TestDraftOrderingTable(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name        string
		first, then reply.Draft
		present     bool
		want        string
	}{
		{"newer after older", reply.Draft{Text: "a", UpdatedAt: t0}, reply.Draft{Text: "b", UpdatedAt: t0.Add(time.Millisecond)}, true, "b"},
		{"older after newer", reply.Draft{Text: "b", UpdatedAt: t0.Add(time.Millisecond)}, reply.Draft{Text: "a", UpdatedAt: t0}, true, "b"},
		{"a nanosecond apart", reply.Draft{Text: "b", UpdatedAt: t0.Add(1)}, reply.Draft{Text: "a", UpdatedAt: t0}, true, "b"},
		{"same time: the later call", reply.Draft{Text: "a", UpdatedAt: t0}, reply.Draft{Text: "b", UpdatedAt: t0}, true, "b"},
		{"cleared after typing", reply.Draft{Text: "a", UpdatedAt: t0}, reply.Draft{UpdatedAt: t0.Add(time.Second)}, false, ""},
		{"attachments only", reply.Draft{Text: "a", UpdatedAt: t0}, reply.Draft{Files: []string{"/x.pdf"}, UpdatedAt: t0.Add(time.Second)}, true, ""},
	}
	forBackends(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := openDrafts(t, b, t.TempDir())
				k := key("main", "q")
				for _, d := range []reply.Draft{c.first, c.then} {
					if err := s.Put(k, d); err != nil {
						t.Fatal(err)
					}
				}
				got, ok, err := s.Get(k)
				if err != nil || ok != c.present || got.Text != c.want {
					t.Fatalf("got %v %q (%v), want %v %q", ok, got.Text, err, c.present, c.want)
				}
			})
		}
	})
}

func TestDraftConcurrentPutGet(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		s := openDrafts(t, b, t.TempDir())
		base := time.Now()
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				for i := range 50 {
					k := key("main", fmt.Sprint(i%3))
					text := fmt.Sprintf("writer %d line %d %s", w, i, strings.Repeat("ю", 300))
					if err := s.Put(k, reply.Draft{Text: text, UpdatedAt: base.Add(time.Duration(i*4+w) * time.Millisecond)}); err != nil {
						t.Error(err)
						return
					}
				}
			}()
			go func() {
				defer wg.Done()
				for i := range 100 {
					d, ok, err := s.Get(key("main", fmt.Sprint(i%3)))
					if err != nil {
						t.Errorf("torn read: %v", err)
						return
					}
					if ok && !strings.HasSuffix(d.Text, strings.Repeat("ю", 300)) {
						t.Errorf("partial text %q", d.Text)
						return
					}
				}
			}()
		}
		wg.Wait()
		// The newest save of each key won.
		for i := range 3 {
			d, _, _ := s.Get(key("main", fmt.Sprint(i)))
			last := 0
			for j := range 50 {
				if j%3 == i {
					last = j
				}
			}
			if !strings.Contains(d.Text, fmt.Sprintf("writer 3 line %d ", last)) {
				t.Errorf("key %d holds %.20q, want writer 3 line %d", i, d.Text, last)
			}
		}
	})
}

// A save that was already in flight when the marketplace confirmed the
// reply must not bring the sent text back (the debouncer takes a batch out
// of its queue before writing it).
func TestLateSaveAfterDeliveryDoesNotResurrect(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		s := openDrafts(t, b, t.TempDir())
		k := reply.DraftKey{Profile: "p", Marketplace: "wb", Pane: reply.PaneQuestions, ItemID: "q1"}
		typed := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		queued := typed.Add(200 * time.Millisecond)
		// Nothing saved yet: the debouncer holds the text when delivery lands.
		if err := s.DeleteSent(k, "thanks", queued); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(k, reply.Draft{Text: "thanks", UpdatedAt: typed}); err != nil {
			t.Fatal(err)
		}
		if d, ok, _ := s.Get(k); ok {
			t.Fatalf("sent draft came back: %+v", d)
		}
		if l, _ := s.List(""); len(l) != 0 {
			t.Fatalf("tombstone listed as a draft: %+v", l)
		}
		// An earlier delivery confirmed later does not shorten the guard.
		if err := s.DeleteSent(k, "thanks", typed.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(k, reply.Draft{Text: "thanks", UpdatedAt: typed.Add(time.Millisecond)}); err != nil {
			t.Fatal(err)
		}
		if d, ok, _ := s.Get(k); ok {
			t.Fatalf("an older tombstone let the sent draft back: %+v", d)
		}
		// New work after delivery is kept.
		if err := s.Put(k, reply.Draft{Text: "a follow-up", UpdatedAt: queued.Add(time.Second)}); err != nil {
			t.Fatal(err)
		}
		if d, ok, _ := s.Get(k); !ok || d.Text != "a follow-up" {
			t.Fatalf("new draft after delivery lost: %+v %v", d, ok)
		}
	})
}

// TestDeleteSentTable: what the confirmation of a delivery leaves of the
// item's draft.
func TestDeleteSentTable(t *testing.T) {
	queued := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		stored *reply.Draft
		want   string // "" = no draft left
	}{
		{"no draft saved yet", nil, ""},
		{"the sent text", &reply.Draft{Text: "sent", UpdatedAt: queued.Add(-time.Second)}, ""},
		{"the sent text saved after queueing", &reply.Draft{Text: "sent", UpdatedAt: queued.Add(time.Second)}, ""},
		{"other text written after queueing", &reply.Draft{Text: "new work", UpdatedAt: queued.Add(time.Second)}, "new work"},
		{"other text from before queueing", &reply.Draft{Text: "old edit", UpdatedAt: queued.Add(-time.Second)}, ""},
	}
	forBackends(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := openDrafts(t, b, t.TempDir())
				k := key("main", "f")
				if c.stored != nil {
					if err := s.Put(k, *c.stored); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.DeleteSent(k, "sent", queued); err != nil {
					t.Fatal(err)
				}
				got, ok, err := s.Get(k)
				if err != nil || ok != (c.want != "") || got.Text != c.want {
					t.Fatalf("got %v %q (%v), want %q", ok, got.Text, err, c.want)
				}
			})
		}
	})
}

// Old tombstones are swept when the store opens; fresh ones stay.
func TestTombstonesAreSwept(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		dir := t.TempDir()
		s := openDrafts(t, b, dir)
		old := reply.DraftKey{Profile: "p", Marketplace: "wb", Pane: reply.PaneChats, ItemID: "old"}
		fresh := reply.DraftKey{Profile: "p", Marketplace: "wb", Pane: reply.PaneChats, ItemID: "fresh"}
		if err := s.DeleteSent(old, "x", time.Now().Add(-2*reply.TombstoneTTL)); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSent(fresh, "x", time.Now()); err != nil {
			t.Fatal(err)
		}
		db, _ := b.open(t, dir)
		if recs, _ := db.List(""); len(recs) != 2 {
			t.Fatalf("%d tombstones before reopening, want 2", len(recs))
		}
		reply.NewDraftStore(db)
		recs, err := db.List("p")
		if err != nil || len(recs) != 1 || recs[0].Key != fresh || !recs[0].Sent {
			t.Fatalf("after reopening: %v %+v", err, recs)
		}
	})
}
