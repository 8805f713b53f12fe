package reply

import (
	"errors"
	"fmt"
	"time"
)

// DefaultLease is how long an entry stays claimed by the process sending
// it. A sender renews it while a request takes long; a process that died
// gives the entry up at the latest this long after its last renewal.
const DefaultLease = time.Minute

// ErrHeldElsewhere: another process on this profile holds the entry.
var ErrHeldElsewhere = errors.New("another sellerinbox window on this profile is sending or changing this reply")

func (o *Outbox) leaser() OutboxLeaser {
	l, _ := o.b.(OutboxLeaser)
	return l
}

func (o *Outbox) lease() time.Duration {
	if o.opts.Lease > 0 {
		return o.opts.Lease
	}
	return DefaultLease
}

// claim leases id for this outbox; the caller holds o.mu. An entry
// another process removed is forgotten here too.
func (o *Outbox) claim(l OutboxLeaser, id string, now time.Time) (Lease, error) {
	got, err := l.Claim(id, now, now.Add(o.lease()))
	if errors.Is(err, ErrNoEntry) {
		o.del(id)
		return got, ErrNoEntry
	}
	if err != nil {
		return got, fmt.Errorf("cannot claim the reply in the outbox: %w", err)
	}
	return got, nil
}

// release ends a lease; a failure only delays other processes until the
// lease expires, so it is recorded, not returned.
func (o *Outbox) release(l OutboxLeaser, id string) {
	if l == nil {
		return
	}
	if err := l.Release(id); err != nil {
		o.mu.Lock()
		o.problems = append(o.problems, fmt.Errorf("cannot release the outbox entry %s: %w", id, err))
		o.mu.Unlock()
	}
}

// renew keeps the lease of id while a send runs; the returned function
// stops it. Renewals run on the wall clock's ticker but stamp the
// outbox's clock, like every other time the outbox writes.
func (o *Outbox) renew(l OutboxLeaser, id string) (stop func()) {
	if l == nil {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(o.lease() / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				now := o.opts.Now()
				if got, err := l.Claim(id, now, now.Add(o.lease())); err != nil || !got.Held {
					o.mu.Lock()
					o.problems = append(o.problems, fmt.Errorf("lost the claim on outbox entry %s while sending: %v", id, err))
					o.mu.Unlock()
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// fresh applies a claim to the in-memory entry e before an attempt. It
// returns the entry to attempt and go=true, or the entry to report and
// go=false when there is nothing to send now: another process holds it,
// finished it, or scheduled its next attempt later. The caller holds o.mu.
func (o *Outbox) fresh(l OutboxLeaser, e Entry, got Lease, now time.Time) (Entry, bool) {
	if !got.Held {
		// Looked at again once the other process's lease ends; by then
		// it has stored what happened.
		e.NextAttempt = got.Until
		o.set(e.ID, e)
		return e, false
	}
	st := got.Entry
	switch {
	case st.State == StateSending:
		// The lease was free, so whoever marked it sending died
		// mid-attempt: read back before sending again.
		st.State, st.Unknown = StateRetrying, true
	case !st.State.Pending() || st.NextAttempt.After(now):
		o.set(st.ID, st)
		return st, false
	}
	return st, true
}

// claimForChange claims entry e before a change the user asked for
// (retry, cancel) and returns it as stored, with the function that ends
// the claim; the caller holds o.mu. Without a shared backend it changes
// nothing.
func (o *Outbox) claimForChange(e Entry) (Entry, func(), error) {
	l := o.leaser()
	if l == nil {
		return e, func() {}, nil
	}
	got, err := o.claim(l, e.ID, o.opts.Now())
	if err != nil {
		return e, func() {}, err
	}
	if !got.Held {
		return e, func() {}, ErrHeldElsewhere
	}
	st := got.Entry
	if st.State == StateSending {
		st.State, st.Unknown = StateRetrying, true // its sender died (see fresh)
	}
	o.set(st.ID, st)
	return st, func() { o.release(l, st.ID) }, nil
}

// recoverSending handles an entry loaded in state sending. Alone on the
// database, that is a crash: the entry is retried after a read-back. With
// another process holding its lease, it is being sent right now, and is
// looked at again when that lease ends. keep is false for an entry
// another process removed meanwhile.
func (o *Outbox) recoverSending(e Entry, now time.Time) (_ Entry, keep bool) {
	crashed := func(e Entry) Entry {
		e.State, e.Unknown, e.NextAttempt, e.Updated = StateRetrying, true, now, now
		e.LastError = "the app stopped while sending; it will check whether the reply arrived before sending again"
		return e
	}
	l := o.leaser()
	if l == nil {
		e = crashed(e)
		if err := o.persist(e); err != nil {
			o.problems = append(o.problems, err)
		}
		return e, true
	}
	got, err := l.Claim(e.ID, now, now.Add(o.lease()))
	switch {
	case errors.Is(err, ErrNoEntry):
		return e, false
	case err != nil:
		// Attempt claims again before anything is sent.
		o.problems = append(o.problems, fmt.Errorf("cannot claim outbox entry %s: %w", e.ID, err))
		return crashed(e), true
	case !got.Held:
		e.State, e.Unknown, e.NextAttempt = StateRetrying, true, got.Until
		return e, true
	}
	defer o.release(l, e.ID)
	if got.Entry.State != StateSending {
		return got.Entry, true // finished between the load and the claim
	}
	e = crashed(got.Entry)
	if err := o.persist(e); err != nil {
		o.problems = append(o.problems, err)
	}
	return e, true
}
