package reply_test

import (
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// stallingBackend keeps entries in memory; while stalled, Save waits until
// released, as a database busy with another writer does.
type stallingBackend struct {
	mu      sync.Mutex
	entries map[string]reply.Entry
	stall   chan struct{} // nil: Save returns at once
	saving  chan struct{} // receives when a stalled Save begins
}

func (b *stallingBackend) Save(e reply.Entry) error {
	b.mu.Lock()
	stall := b.stall
	b.mu.Unlock()
	if stall != nil {
		b.saving <- struct{}{}
		<-stall
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.entries[e.ID] = e
	return nil
}

func (b *stallingBackend) Remove(id string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.entries, id)
	return nil
}

func (b *stallingBackend) Load() ([]reply.Entry, []error, error) { return nil, nil, nil }

// TestReadersDoNotWaitForBackendWrites: the UI calls List, Due, Next and
// Get inside Update; a change whose backend write stalls (a SQLite
// database held by a sync) must not stall them. Before the fix every
// reader took the mutex the change holds across its write, and the
// chaos run's outbox tick took 176 ms.
func TestReadersDoNotWaitForBackendWrites(t *testing.T) {
	b := &stallingBackend{entries: map[string]reply.Entry{}, saving: make(chan struct{})}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Backend: b})
	if err != nil {
		t.Fatal(err)
	}
	first, err := ob.Enqueue(answerEntry("q1"))
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	b.mu.Lock()
	b.stall = release
	b.mu.Unlock()
	enqueued := make(chan error, 1)
	go func() {
		_, err := ob.Enqueue(answerEntry("q2"))
		enqueued <- err
	}()
	<-b.saving // the change holds the outbox while its write waits

	read := make(chan int, 1)
	go func() {
		n := len(ob.List()) + len(ob.Due(time.Now().Add(time.Hour)))
		if _, ok := ob.Get(first.ID); ok {
			n++
		}
		if _, ok := ob.Next(); ok {
			n++
		}
		read <- n
	}()
	select {
	case n := <-read:
		if n != 4 {
			t.Errorf("the readers saw %d, want the one stored entry 4 times", n)
		}
	case <-time.After(10 * time.Second):
		t.Error("the readers waited for a stalled backend write")
	}
	close(release)
	if err := <-enqueued; err != nil {
		t.Fatal(err)
	}
	if got := len(ob.List()); got != 2 {
		t.Errorf("%d entries after the write, want 2", got)
	}
}
