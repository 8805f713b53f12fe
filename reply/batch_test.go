package reply_test

import (
	"errors"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestBatchWaitsOutTheUndoWindow: an answer goes at once, but the same
// answer queued as part of a bulk answer waits out the undo window, so
// the whole batch can be taken back; a second bulk answer to the same
// item is refused while the first waits.
func TestBatchWaitsOutTheUndoWindow(t *testing.T) {
	const hold = 5 * time.Second
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		o, _ := testOutbox(t, b, t.TempDir(), clock, func(o *reply.OutboxOptions) { o.Hold = hold })
		fs := &fakeSender{}
		o.SetSenders("main", allKinds(fs))
		single, err := o.Enqueue(reply.Entry{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: "f-1", Text: "Спасибо за отзыв!"})
		if err != nil {
			t.Fatal(err)
		}
		if _, held := single.Held(clock.Now()); held {
			t.Error("a single answer is held")
		}
		var batch []reply.Entry
		for _, id := range []string{"f-2", "f-3"} {
			e, err := o.Enqueue(reply.Entry{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: id, Text: "Спасибо за отзыв!", Batch: "b1"})
			if err != nil {
				t.Fatal(err)
			}
			if left, held := e.Held(clock.Now()); !held || left != hold {
				t.Errorf("%s: held %v, %v left", id, held, left)
			}
			batch = append(batch, e)
		}
		if _, err := o.Enqueue(reply.Entry{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: "f-2", Text: "Ещё раз", Batch: "b2"}); !errors.Is(err, reply.ErrDuplicate) {
			t.Errorf("a second bulk answer to f-2: %v, want a duplicate", err)
		}
		drain(t, o, clock.Now())
		if sends, _, _ := fs.counts(); sends != 1 {
			t.Fatalf("%d sends inside the window, want the single answer only", sends)
		}
		for _, e := range batch {
			if _, err := o.Undo(e.ID); err != nil {
				t.Errorf("undo %s: %v", e.ItemID, err)
			}
		}
		clock.Advance(time.Hour)
		drain(t, o, clock.Now())
		if sends, _, _ := fs.counts(); sends != 1 {
			t.Errorf("%d sends after the batch was undone, want 1", sends)
		}
	})
}
