package reply_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// legacy writes what a version before the database left in its state
// directory: drafts and outbox entries of two profiles, a tombstone and
// an outbox file that does not decode.
type legacy struct {
	dir            string
	mine, theirs   reply.DraftKey
	tomb           reply.DraftKey
	entry, foreign reply.Entry
	t0             time.Time
}

func writeLegacy(t *testing.T) legacy {
	t.Helper()
	l := legacy{
		dir:    t.TempDir(),
		mine:   key("main", "fb-1"),
		theirs: key("work", "fb-1"),
		tomb:   reply.DraftKey{Profile: "main", Marketplace: api.Wildberries, Pane: reply.PaneQuestions, ItemID: "q-sent"},
		t0:     time.Now().Add(-time.Hour).Round(0),
	}
	files, err := reply.OpenDrafts(filepath.Join(l.dir, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	if err := files.Put(l.mine, reply.Draft{Text: "мой черновик", Files: []string{"/tmp/a.jpg"}, UpdatedAt: l.t0}); err != nil {
		t.Fatal(err)
	}
	if err := files.Put(l.theirs, reply.Draft{Text: "чужой черновик", UpdatedAt: l.t0}); err != nil {
		t.Fatal(err)
	}
	if err := files.DeleteSent(l.tomb, "отправлено", l.t0); err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: filepath.Join(l.dir, "outbox")})
	if err != nil {
		t.Fatal(err)
	}
	if l.entry, err = ob.Enqueue(answerEntry("fb-2")); err != nil {
		t.Fatal(err)
	}
	foreign := answerEntry("fb-2")
	foreign.Profile = "work"
	if l.foreign, err = ob.Enqueue(foreign); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, filepath.Join(l.dir, "outbox", "torn.json"), `{"id":"to`)
	return l
}

func fileExists(t *testing.T, p string) bool {
	t.Helper()
	_, err := os.Stat(p)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return err == nil
}

// TestImportFiles moves one profile's drafts, tombstones and outbox
// entries into each backend and leaves everything of other profiles, and
// what cannot be read, in place.
func TestImportFiles(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		l := writeLegacy(t)
		dbk, obk := b.open(t, t.TempDir())
		im, err := reply.ImportFiles(l.dir, "main", dbk, obk)
		if err != nil {
			t.Fatal(err)
		}
		if im.Drafts != 2 || im.Entries != 1 {
			t.Fatalf("moved %d drafts and %d entries, want 2 and 1", im.Drafts, im.Entries)
		}
		if len(im.Problems) != 1 || !strings.Contains(im.Problems[0].Error(), "torn.json") {
			t.Fatalf("problems: %v", im.Problems)
		}

		drafts := reply.NewDraftStore(dbk)
		if d, ok, err := drafts.Get(l.mine); err != nil || !ok || d.Text != "мой черновик" || !d.UpdatedAt.Equal(l.t0) || len(d.Files) != 1 {
			t.Fatalf("moved draft: %v %v %+v", err, ok, d)
		}
		if _, ok, _ := drafts.Get(l.theirs); ok {
			t.Fatal("another profile's draft was moved")
		}
		// The tombstone came along: a late save of the sent text stays dead.
		if err := drafts.Put(l.tomb, reply.Draft{Text: "отправлено", UpdatedAt: l.t0.Add(-time.Second)}); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := drafts.Get(l.tomb); ok {
			t.Fatal("the moved tombstone let a late save back")
		}
		if e, ok := stored(t, obk, l.entry.ID); !ok || e.Text != l.entry.Text || e.State != reply.StateQueued || !e.Created.Equal(l.entry.Created) {
			t.Fatalf("moved entry: %v %+v", ok, e)
		}
		if _, ok := stored(t, obk, l.foreign.ID); ok {
			t.Fatal("another profile's entry was moved")
		}

		// Moved files are gone; the other profile's and the torn one stay.
		left, err := reply.OpenDraftFiles(filepath.Join(l.dir, "drafts"))
		if err != nil {
			t.Fatal(err)
		}
		if recs, _ := left.List(""); len(recs) != 1 || recs[0].Key != l.theirs {
			t.Fatalf("draft files left: %+v", recs)
		}
		for id, want := range map[string]bool{l.entry.ID: false, l.foreign.ID: true, "torn": true} {
			if got := fileExists(t, filepath.Join(l.dir, "outbox", id+".json")); got != want {
				t.Errorf("outbox file %s exists %v, want %v", id, got, want)
			}
		}

		// The other profile's turn empties the drafts directory.
		other, obOther := b.open(t, t.TempDir())
		if im, err := reply.ImportFiles(l.dir, "work", other, obOther); err != nil || im.Drafts != 1 || im.Entries != 1 {
			t.Fatalf("second profile: %v %+v", err, im)
		}
		if fileExists(t, filepath.Join(l.dir, "drafts")) {
			t.Error("the emptied drafts directory stays")
		}
		if !fileExists(t, filepath.Join(l.dir, "outbox")) {
			t.Error("the outbox directory went with an unreadable file in it")
		}
	})
}

// TestImportFilesAgain: moving again (a crash after some files were moved
// but before they were removed) never replaces newer state.
func TestImportFilesAgain(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		l := writeLegacy(t)
		dbk, obk := b.open(t, t.TempDir())
		drafts := reply.NewDraftStore(dbk)
		// Since the copy was made the user typed on, and the entry was sent.
		if err := drafts.Put(l.mine, reply.Draft{Text: "дописал", UpdatedAt: l.t0.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		sent := l.entry
		sent.State = reply.StateSent
		if err := obk.Save(sent); err != nil {
			t.Fatal(err)
		}
		if _, err := reply.ImportFiles(l.dir, "main", dbk, obk); err != nil {
			t.Fatal(err)
		}
		if d, _, _ := drafts.Get(l.mine); d.Text != "дописал" {
			t.Fatalf("an old file replaced newer text: %q", d.Text)
		}
		if e := mustStored(t, obk, l.entry.ID); e.State != reply.StateSent {
			t.Fatalf("an old file replaced the entry's progress: %s", e.State)
		}
		if fileExists(t, filepath.Join(l.dir, "outbox", l.entry.ID+".json")) {
			t.Fatal("the entry's old file stays")
		}
	})
}

// TestImportFilesNothingThere creates nothing when no earlier version ran.
func TestImportFilesNothingThere(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		dir := filepath.Join(t.TempDir(), "state")
		dbk, obk := b.open(t, t.TempDir())
		im, err := reply.ImportFiles(dir, "main", dbk, obk)
		if err != nil || im.Drafts+im.Entries+len(im.Problems) != 0 {
			t.Fatalf("%v %+v", err, im)
		}
		if fileExists(t, dir) {
			t.Fatal("the import created the state directory")
		}
	})
}

// TestImportFilesStopsWhenRefused: files the destination did not take
// stay where they are.
func TestImportFilesStopsWhenRefused(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		l := writeLegacy(t)
		dbk, obk := b.open(t, t.TempDir())
		rd := &refusingDrafts{DraftBackend: dbk}
		rd.refuse.Store(true)
		if _, err := reply.ImportFiles(l.dir, "main", rd, obk); err == nil || !strings.Contains(err.Error(), "no space left") {
			t.Fatalf("import into a full disk: %v", err)
		}
		left, _ := reply.OpenDraftFiles(filepath.Join(l.dir, "drafts"))
		if recs, _ := left.List("main"); len(recs) != 2 {
			t.Fatalf("%d of main's 2 draft files left", len(recs))
		}
	})
}
