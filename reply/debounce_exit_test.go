package reply_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// slowDrafts holds every write until released, as a save running in a
// tea.Cmd would be when the user quits.
type slowDrafts struct {
	reply.DraftBackend
	started chan struct{}
	release chan struct{}
	once    sync.Once
}

func (s *slowDrafts) Update(k reply.DraftKey, decide func(reply.DraftRecord, bool) (reply.DraftOp, reply.DraftRecord)) error {
	s.once.Do(func() { close(s.started) })
	<-s.release
	return s.DraftBackend.Update(k, decide)
}

// TestDrainWaitsForRunningSaves: a save already running when the app
// quits has taken its draft out of the pending set; Drain must wait for
// it before the database closes, and then save what was typed after it.
func TestDrainWaitsForRunningSaves(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		db, _ := b.open(t, t.TempDir())
		slow := &slowDrafts{DraftBackend: db, started: make(chan struct{}), release: make(chan struct{})}
		s := reply.NewDraftStore(slow)
		d := reply.NewDebouncer(s, 500*time.Millisecond)
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		k, k2 := key("main", "a"), key("main", "b")
		d.Touch(k, reply.Draft{Text: "first words"}, now)
		go d.FlushDue(now.Add(time.Second)) // the tick's command
		<-slow.started
		d.Touch(k2, reply.Draft{Text: "typed in the last 100 ms"}, now.Add(1100*time.Millisecond))

		drained := make(chan error, 1)
		go func() { _, err := d.Drain(now.Add(1200 * time.Millisecond)); drained <- err }()
		select {
		case <-drained:
			t.Fatal("Drain returned while a save was still writing")
		case <-time.After(50 * time.Millisecond):
		}
		close(slow.release)
		if err := <-drained; err != nil {
			t.Fatal(err)
		}
		for key, want := range map[reply.DraftKey]string{k: "first words", k2: "typed in the last 100 ms"} {
			if got, ok, err := s.Get(key); err != nil || !ok || got.Text != want {
				t.Fatalf("after Drain %s holds %q (%v, %v), want %q", key, got.Text, ok, err, want)
			}
		}
		if left := d.Unsaved(); len(left) != 0 {
			t.Fatalf("unsaved after a successful drain: %+v", left)
		}
	})
}

// TestFailedSaveIsReported: while saves fail, Failure says why and
// Unsaved still holds the text; a later successful save clears both.
func TestFailedSaveIsReported(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		db, _ := b.open(t, t.TempDir())
		rb := &refusingDrafts{DraftBackend: db}
		s := reply.NewDraftStore(rb)
		d := reply.NewDebouncer(s, 500*time.Millisecond)
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		k := key("main", "a")
		if d.Failure() != nil {
			t.Fatal("a failure before any save")
		}
		rb.refuse.Store(true)
		d.Touch(k, reply.Draft{Text: "не потерять"}, now)
		if _, err := d.Drain(now.Add(time.Second)); !errors.Is(err, errDiskFull) {
			t.Fatalf("drain on a full disk: %v", err)
		}
		if err := d.Failure(); !errors.Is(err, errDiskFull) {
			t.Fatalf("Failure = %v, want the disk's error", err)
		}
		if left := d.Unsaved(); len(left) != 1 || left[0].Draft.Text != "не потерять" {
			t.Fatalf("Unsaved = %+v", left)
		}
		rb.refuse.Store(false)
		if _, err := d.Drain(now.Add(2 * time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := d.Failure(); err != nil {
			t.Fatalf("Failure after a good save: %v", err)
		}
	})
}
