package reply_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

func rejectEntry(item string) reply.Entry {
	return reply.Entry{Profile: "main", Kind: reply.KindQuestionReject, ItemID: item, Text: "Вопрос не о товаре, отклоняем."}
}

// drain attempts every due entry, as the UI's tick does.
func drain(t *testing.T, o *reply.Outbox, now time.Time) {
	t.Helper()
	for _, e := range o.Due(now) {
		if _, err := o.Attempt(context.Background(), e.ID); err != nil {
			t.Fatalf("attempt: %v", err)
		}
	}
}

// TestUndoWindow: an irreversible reply waits out the undo window; undone
// inside it nothing is sent, left alone it is sent exactly once.
func TestUndoWindow(t *testing.T) {
	const hold = 5 * time.Second
	forBackends(t, func(t *testing.T, b backend) {
		t.Run("undo within the window sends nothing", func(t *testing.T) {
			clock := newClock()
			o, ob := testOutbox(t, b, t.TempDir(), clock, func(o *reply.OutboxOptions) { o.Hold = hold })
			fs := &fakeSender{}
			o.SetSenders("main", allKinds(fs))
			e, err := o.Enqueue(rejectEntry("q-1"))
			if err != nil {
				t.Fatal(err)
			}
			if left, held := e.Held(clock.Now()); !held || left != hold {
				t.Fatalf("held %v, %v left; want %v", held, left, hold)
			}
			clock.Advance(hold - time.Second)
			drain(t, o, clock.Now())
			if _, err := o.Attempt(context.Background(), e.ID); !errors.Is(err, reply.ErrNotPending) {
				t.Errorf("an attempt inside the window: %v", err)
			}
			got, err := o.Undo(e.ID)
			if err != nil || got.Text != e.Text {
				t.Fatalf("undo: %v, %+v", err, got)
			}
			clock.Advance(time.Hour)
			drain(t, o, clock.Now())
			if sends, _, _ := fs.counts(); sends != 0 {
				t.Errorf("%d sends after undo", sends)
			}
			if _, ok := stored(t, ob, e.ID); ok {
				t.Error("the undone entry is still stored")
			}
		})
		t.Run("left alone it is sent exactly once", func(t *testing.T) {
			clock := newClock()
			o, _ := testOutbox(t, b, t.TempDir(), clock, func(o *reply.OutboxOptions) { o.Hold = hold })
			fs := &fakeSender{}
			o.SetSenders("main", allKinds(fs))
			e, _ := o.Enqueue(rejectEntry("q-1"))
			for range 4 {
				drain(t, o, clock.Now())
				clock.Advance(time.Second)
			}
			if sends, _, _ := fs.counts(); sends != 0 {
				t.Fatalf("sent %d times inside the window", sends)
			}
			for range 4 {
				clock.Advance(time.Second)
				drain(t, o, clock.Now())
			}
			if sends, _, _ := fs.counts(); sends != 1 {
				t.Errorf("sent %d times, want 1", sends)
			}
			if _, err := o.Undo(e.ID); !errors.Is(err, reply.ErrNotHeld) {
				t.Errorf("undo after the window: %v", err)
			}
		})
		t.Run("answers are not held; 0 disables", func(t *testing.T) {
			clock := newClock()
			o, _ := testOutbox(t, b, t.TempDir(), clock, func(o *reply.OutboxOptions) { o.Hold = hold })
			if e, _ := o.Enqueue(answerEntry("fb-1")); len(o.Due(clock.Now())) != 1 {
				t.Errorf("an answer was held: %+v", e)
			}
			o0, _ := testOutbox(t, b, t.TempDir(), clock, nil)
			if _, _ = o0.Enqueue(rejectEntry("q-2")); len(o0.Due(clock.Now())) != 1 {
				t.Error("with no window a rejection still waits")
			}
		})
	})
}
