package reply_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestDebounceBoundsLoss types for 10 s at 30 ms a key and checks, at
// every keystroke, that what is on disk is at most ~1 s behind.
func TestDebounceBoundsLoss(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		s := openDrafts(t, b, t.TempDir())
		d := reply.NewDebouncer(s, 0)
		k := key("main", "q-7")
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		start := now
		saves := 0
		var tick time.Time // the tea.Tick the UI would have scheduled
		for i := 0; now.Sub(start) < 10*time.Second; i++ {
			due := d.Touch(k, reply.Draft{Text: fmt.Sprintf("keystroke %d", i)}, now)
			if due.After(now.Add(reply.DefaultSaveInterval)) {
				t.Fatalf("due %s after the keystroke", due.Sub(now))
			}
			if tick.IsZero() || due.Before(tick) {
				tick = due
			}
			now = now.Add(30 * time.Millisecond)
			if !tick.After(now) {
				n, err := d.FlushDue(now)
				if err != nil {
					t.Fatal(err)
				}
				saves += n
				tick = time.Time{}
				if next, ok := d.Next(); ok {
					tick = next
				}
			}
			got, ok, _ := s.Get(k)
			if now.Sub(start) > time.Second {
				if !ok || now.Sub(got.UpdatedAt) > time.Second {
					t.Fatalf("at %s the disk holds a draft from %s", now.Sub(start), got.UpdatedAt.Sub(start))
				}
			}
		}
		// About one save per interval, not one per keystroke.
		if saves < 15 || saves > 25 {
			t.Fatalf("%d saves in 10 s", saves)
		}
		if _, ok := d.Next(); !ok {
			t.Fatal("the last keystrokes are not pending")
		}
		if n, _ := d.Flush(now); n != 1 {
			t.Fatalf("flush saved %d", n)
		}
		if _, ok := d.Next(); ok || d.Pending(k) {
			t.Fatal("pending after flush")
		}
	})
}

func TestDebounceDueAndForget(t *testing.T) {
	forBackends(t, func(t *testing.T, be backend) {
		s := openDrafts(t, be, t.TempDir())
		d := reply.NewDebouncer(s, 500*time.Millisecond)
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		a, b := key("main", "a"), key("main", "b")
		if due := d.Touch(a, reply.Draft{Text: "1"}, now); !due.Equal(now.Add(500 * time.Millisecond)) {
			t.Fatalf("first due %v", due)
		}
		if due := d.Touch(a, reply.Draft{Text: "12"}, now.Add(400*time.Millisecond)); !due.Equal(now.Add(500 * time.Millisecond)) {
			t.Fatalf("later keystrokes moved the due time: %v", due)
		}
		d.Touch(b, reply.Draft{Text: "x"}, now.Add(300*time.Millisecond))
		if n, _ := d.FlushDue(now.Add(499 * time.Millisecond)); n != 0 {
			t.Fatal("saved early")
		}
		if n, _ := d.FlushDue(now.Add(500 * time.Millisecond)); n != 1 {
			t.Fatal("a not saved when due")
		}
		if got, _, _ := s.Get(a); got.Text != "12" || !got.UpdatedAt.Equal(now.Add(400*time.Millisecond)) {
			t.Fatalf("saved %+v", got)
		}
		if next, ok := d.Next(); !ok || !next.Equal(now.Add(800*time.Millisecond)) {
			t.Fatalf("next %v", next)
		}
		d.Forget(b)
		if n, _ := d.Flush(now.Add(time.Second)); n != 0 {
			t.Fatal("forgotten draft saved")
		}
		if _, ok, _ := s.Get(b); ok {
			t.Fatal("forgotten draft on disk")
		}
	})
}

func TestDebounceRetriesFailedSave(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		db, _ := b.open(t, t.TempDir())
		rb := &refusingDrafts{DraftBackend: db}
		s := reply.NewDraftStore(rb)
		d := reply.NewDebouncer(s, 500*time.Millisecond)
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		k := key("main", "a")
		d.Touch(k, reply.Draft{Text: "важный текст"}, now)
		rb.refuse.Store(true)
		if _, err := d.FlushDue(now.Add(time.Second)); !errors.Is(err, errDiskFull) {
			t.Fatalf("a failed save: %v", err)
		}
		if !d.Pending(k) {
			t.Fatal("failed save dropped the text")
		}
		rb.refuse.Store(false)
		if n, err := d.FlushDue(now.Add(2 * time.Second)); n != 1 || err != nil {
			t.Fatalf("retry: %d %v", n, err)
		}
		if got, ok, _ := s.Get(k); !ok || got.Text != "важный текст" {
			t.Fatalf("after the retry: %v %+v", ok, got)
		}
	})
}
