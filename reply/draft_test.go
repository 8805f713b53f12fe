package reply

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

func key(profile, item string) DraftKey {
	return DraftKey{Profile: profile, Marketplace: api.Wildberries, Pane: PaneFeedbacks, ItemID: item}
}

func TestDraftStoreRoundTrip(t *testing.T) {
	s, err := OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	hostileID := "../../etc/passwd\x00\x1b[31m"
	d := Draft{Text: "Здравствуйте!\n\x1b[2J", Files: []string{"/tmp/a.jpg"}, Action: "rejectcustom", UpdatedAt: t0}
	if err := s.Put(key("main", hostileID), d); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(key("other", "1"), Draft{Text: "x", UpdatedAt: t0.Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Get(key("main", hostileID))
	if err != nil || !ok || got.Text != d.Text || got.Action != d.Action || !got.UpdatedAt.Equal(t0) || len(got.Files) != 1 {
		t.Fatalf("get: %v %v %+v", err, ok, got)
	}
	if _, ok, _ := s.Get(key("main", "absent")); ok {
		t.Fatal("absent draft found")
	}
	ents, _ := os.ReadDir(s.Dir())
	for _, e := range ents {
		if strings.ContainsAny(e.Name(), "./\x00\x1b") && !strings.HasSuffix(e.Name(), ".json") {
			t.Fatalf("unsafe file name %q", e.Name())
		}
		if info, _ := e.Info(); info.Mode().Perm() != 0o600 {
			t.Fatalf("%s has mode %v", e.Name(), info.Mode().Perm())
		}
	}
	list, err := s.List("main")
	if err != nil || len(list) != 1 || list[0].Key.ItemID != hostileID {
		t.Fatalf("list main: %v %+v", err, list)
	}
	if all, _ := s.List(""); len(all) != 2 || all[0].Key.Profile != "other" {
		t.Fatalf("list all (newest first): %+v", all)
	}
	// An older save finishing late does not overwrite newer text.
	if err := s.Put(key("main", hostileID), Draft{Text: "old", UpdatedAt: t0.Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Get(key("main", hostileID)); got.Text != d.Text {
		t.Fatalf("older save won: %q", got.Text)
	}
	// Clearing the editor removes the draft.
	if err := s.Put(key("main", hostileID), Draft{UpdatedAt: t0.Add(time.Minute)}); err != nil {
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
}

// TestDraftTornTempIgnored: what a crash mid-write leaves (a partial temp
// file) is never read as a draft and does not hide the last good one.
func TestDraftTornTempIgnored(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenDrafts(dir)
	k := key("main", "42")
	if err := s.Put(k, Draft{Text: "целый текст", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	torn := filepath.Join(dir, tmpPrefix+"999")
	if err := os.WriteFile(torn, []byte(`{"v":1,"key":{"profile":"main","marketplace":"wb","pane":"feedbacks","itemId":"42"},"draft":{"text":"обор`), 0o600); err != nil {
		t.Fatal(err)
	}
	s2, _ := OpenDrafts(dir) // a fresh temp may belong to a live writer: kept
	if got, ok, err := s2.Get(k); err != nil || !ok || got.Text != "целый текст" {
		t.Fatalf("get: %v %v %+v", err, ok, got)
	}
	if list, _ := s2.List(""); len(list) != 1 {
		t.Fatalf("list sees %d drafts", len(list))
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(torn, old, old); err != nil {
		t.Fatal(err)
	}
	_, _ = OpenDrafts(dir)
	if _, err := os.Stat(torn); !os.IsNotExist(err) {
		t.Fatalf("stale temp not swept: %v", err)
	}
}

func TestDraftConcurrentPutGet(t *testing.T) {
	s, _ := OpenDrafts(t.TempDir())
	base := time.Now()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 50 {
				k := key("main", fmt.Sprint(i%3))
				text := fmt.Sprintf("writer %d line %d %s", w, i, strings.Repeat("ю", 300))
				if err := s.Put(k, Draft{Text: text, UpdatedAt: base.Add(time.Duration(i*4+w) * time.Millisecond)}); err != nil {
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
			t.Errorf("key %d holds %q, want writer 3 line %d", i, d.Text[:20], last)
		}
	}
}

// A save that was already in flight when the marketplace confirmed the
// reply must not bring the sent text back (the debouncer takes a batch out
// of its queue before writing it).
func TestLateSaveAfterDeliveryDoesNotResurrect(t *testing.T) {
	s, err := OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := DraftKey{Profile: "p", Marketplace: "wb", Pane: PaneQuestions, ItemID: "q1"}
	typed := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	queued := typed.Add(200 * time.Millisecond)
	// Nothing saved yet: the debouncer holds the text when delivery lands.
	if err := s.deleteSent(k, "thanks", queued); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(k, Draft{Text: "thanks", UpdatedAt: typed}); err != nil {
		t.Fatal(err)
	}
	if d, ok, _ := s.Get(k); ok {
		t.Fatalf("sent draft came back: %+v", d)
	}
	if l, _ := s.List(""); len(l) != 0 {
		t.Fatalf("tombstone listed as a draft: %+v", l)
	}
	// New work after delivery is kept.
	if err := s.Put(k, Draft{Text: "a follow-up", UpdatedAt: queued.Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	if d, ok, _ := s.Get(k); !ok || d.Text != "a follow-up" {
		t.Fatalf("new draft after delivery lost: %+v %v", d, ok)
	}
}

// Old tombstones are swept when the store opens; fresh ones stay.
func TestTombstonesAreSwept(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenDrafts(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := DraftKey{Profile: "p", Marketplace: "wb", Pane: PaneChats, ItemID: "old"}
	fresh := DraftKey{Profile: "p", Marketplace: "wb", Pane: PaneChats, ItemID: "fresh"}
	if err := s.deleteSent(old, "x", time.Now().Add(-2*tombstoneTTL)); err != nil {
		t.Fatal(err)
	}
	if err := s.deleteSent(fresh, "x", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDrafts(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.path(old)); !os.IsNotExist(err) {
		t.Errorf("old tombstone kept: %v", err)
	}
	if _, err := os.Stat(s.path(fresh)); err != nil {
		t.Errorf("fresh tombstone swept: %v", err)
	}
}
