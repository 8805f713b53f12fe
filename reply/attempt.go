package reply

import (
	"context"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Attempt makes one delivery attempt of entry id and returns the entry's
// new state; the UI runs it inside a tea.Cmd. It never sends a reply that
// may already have landed: after an attempt with an unknown outcome (or a
// crash during one) it first asks the Sender whether the marketplace shows
// the reply, and if so marks it sent without sending again.
//
// The returned error is about the outbox itself (no such entry, not
// pending, no sender, disk trouble); how the marketplace answered is in
// the entry's State and LastError.
func (o *Outbox) Attempt(ctx context.Context, id string) (Entry, error) {
	o.mu.Lock()
	e, ok := o.entries[id]
	switch {
	case !ok:
		o.mu.Unlock()
		return Entry{}, ErrNoEntry
	case e.State == StateSending:
		o.mu.Unlock()
		return e, ErrBusy
	case !e.State.Pending():
		o.mu.Unlock()
		return e, ErrNotPending
	}
	if _, held := e.Held(o.opts.Now()); held {
		o.mu.Unlock()
		return e, ErrNotPending // its undo window is still open
	}
	sender := o.senders[e.Profile][e.Kind]
	if sender == nil {
		o.mu.Unlock()
		return e, fmt.Errorf("%w (%s, profile %q)", ErrNoSender, mpName(e.Kind.Marketplace()), e.Profile)
	}
	now := o.opts.Now()
	// Another process on the same profile may have loaded the same
	// entry: only the one holding its lease sends, and it sends the
	// entry as stored, not as this process remembers it.
	l := o.leaser()
	if l != nil {
		got, err := o.claim(l, id, now)
		if err != nil {
			o.mu.Unlock()
			return e, err
		}
		var send bool
		if e, send = o.fresh(l, e, got, now); !send {
			o.mu.Unlock()
			if got.Held {
				o.release(l, id)
			}
			o.notify(e)
			return e, nil
		}
	}
	defer o.release(l, id)
	if err := Validate(e); err != nil {
		// Loaded from disk, written by an older version, or changed
		// files: refused before anything is sent.
		e.State, e.LastError, e.NextAttempt = StateFailed, human(err), time.Time{}
		o.mu.Unlock()
		return o.store(e)
	}
	e.State, e.Attempts, e.Updated = StateSending, e.Attempts+1, now
	// The sending mark must be on disk before the write leaves: after a
	// crash it is what says "read back before sending again".
	if err := o.persist(e); err != nil {
		prev := o.entries[id]
		o.mu.Unlock()
		return prev, err
	}
	o.set(id, e)
	o.mu.Unlock()
	o.notify(e)

	stop := o.renew(l, id)
	done := o.run(ctx, sender, e)
	stop()
	return o.store(done)
}

// run performs the attempt and computes the entry's next state.
func (o *Outbox) run(ctx context.Context, s Sender, e Entry) Entry {
	e.Refusal = ""
	checkFirst := e.Unknown || e.Attempts > 1
	if checkFirst {
		landed, err := s.Landed(ctx, e)
		if err != nil {
			return o.checkFailed(e, err)
		}
		if landed {
			return o.sent(e)
		}
	}
	err := s.Send(ctx, e)
	if err == nil {
		return o.sent(e)
	}
	switch classify(err) {
	case classConflict:
		// Either someone else acted on the item, or our write went in but
		// did not show: only a read-back tells which.
		landed, lerr := s.Landed(ctx, e)
		if lerr != nil {
			e.LastError = human(err)
			return o.checkFailed(e, lerr)
		}
		if landed {
			return o.sent(e)
		}
		e = o.failed(e, human(err), true)
		e.Refusal = refusalOf(err)
		return e
	case classRetryable:
		return o.retry(e, err, human(err))
	}
	return o.failed(e, human(err), mayHaveLanded(err))
}

func (o *Outbox) sent(e Entry) Entry {
	e.State, e.LastError, e.Unknown, e.NextAttempt = StateSent, "", false, time.Time{}
	return e
}

func (o *Outbox) failed(e Entry, msg string, unknown bool) Entry {
	e.State, e.LastError, e.Unknown, e.NextAttempt = StateFailed, msg, unknown, time.Time{}
	return e
}

// retry schedules the next attempt, or gives up after MaxAttempts. Every
// retry reads back first (the entry is in state retrying), because a
// temporary failure can come after the write, from its confirmation.
func (o *Outbox) retry(e Entry, err error, msg string) Entry {
	unknown := e.Unknown || mayHaveLanded(err)
	if e.Attempts >= o.opts.MaxAttempts {
		return o.failed(e, fmt.Sprintf("gave up after %d attempts: %s", e.Attempts, msg), true)
	}
	now := o.opts.Now()
	wait := o.opts.Backoff.delay(e.Attempts, o.opts.Jitter)
	if ra := retryAfter(err); ra > wait {
		wait = ra
	}
	if ctxCanceled(err) {
		wait = 0 // the user stopped it (quit, closed the pane): not the server's fault
	}
	e.State, e.LastError, e.Unknown, e.NextAttempt = StateRetrying, msg, unknown, now.Add(wait)
	return e
}

// checkFailed handles a read-back that could not be made: nothing may be
// sent until one succeeds.
func (o *Outbox) checkFailed(e Entry, err error) Entry {
	e.Unknown = true
	msg := "could not check whether the reply already arrived: " + human(err)
	if classify(err) == classRetryable {
		return o.retry(e, err, msg)
	}
	return o.failed(e, msg, true)
}

// store saves the attempt's outcome, deletes the draft of a sent reply and
// reports the change. When the disk refuses, the outcome is still returned
// (and kept in memory); after a restart the entry reads back first.
func (o *Outbox) store(e Entry) (Entry, error) {
	e.Updated = o.opts.Now()
	o.mu.Lock()
	err := o.persist(e)
	o.set(e.ID, e)
	if err != nil {
		o.problems = append(o.problems, err)
	}
	o.mu.Unlock()
	if e.State == StateSent && e.Kind.ConsumesDraft() && o.opts.Drafts != nil {
		if derr := o.opts.Drafts.deleteSent(e.DraftKey(), e.Text, e.Created); derr != nil {
			o.mu.Lock()
			o.problems = append(o.problems, fmt.Errorf("the reply was sent but its draft could not be removed: %w", derr))
			o.mu.Unlock()
		}
	}
	o.notify(e)
	return e, err
}

func ctxCanceled(err error) bool { return api.IsKind(err, api.KindCanceled) }
