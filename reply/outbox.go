package reply

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Errors of the outbox API; the entry's own failures are in Entry.LastError.
var (
	ErrNoEntry    = errors.New("no such entry in the outbox")
	ErrNotPending = errors.New("the entry is not waiting to be sent")
	ErrBusy       = errors.New("the entry is being sent right now")
	ErrNoSender   = errors.New("this profile is not signed in to the marketplace the reply goes to")
	ErrDuplicate  = errors.New("a reply of this kind to this item is already waiting in the outbox")
	ErrNotHeld    = errors.New("the undo window of the entry has passed")
)

// OutboxOptions configure an outbox; zero values are the defaults.
type OutboxOptions struct {
	// Backend keeps the entries (the profile's database); nil keeps them
	// in files under Dir.
	Backend OutboxBackend
	// Dir holds one JSON file per entry when Backend is nil; "" is
	// StateDir()/outbox.
	Dir string
	// Problems found before opening (entries an import could not move) are
	// reported by Problems along with the outbox's own.
	Problems []error
	// Drafts, when set, loses the draft of every reply confirmed as sent.
	Drafts *DraftStore
	Now    func() time.Time
	// Backoff spaces automatic retries (DefaultBackoff).
	Backoff Backoff
	// Jitter draws a random duration in [0, d); tests fix it.
	Jitter func(d time.Duration) time.Duration
	// MaxAttempts is how many automatic attempts are made before an entry
	// is failed for the user to retry (default 8).
	MaxAttempts int
	// KeepSent is how long sent entries stay listed (default 24 h).
	KeepSent time.Duration
	// Lease is how long an entry stays claimed while one process sends
	// it, when the backend is shared (OutboxLeaser); 0 is DefaultLease.
	Lease time.Duration
	// Hold is the undo window of the kinds that cannot be taken back once
	// delivered (Kind.Undoable): such an entry waits this long before its
	// first attempt, and Undo takes it back meanwhile. 0: sent at once.
	Hold time.Duration
	// OnChange is called after every persisted change, outside any lock;
	// the UI may turn it into a message. Attempt's result carries the
	// same information, so it is optional.
	OnChange func(Entry)
}

// Outbox is the persisted queue of replies. It owns no goroutines: the UI
// asks Due/Next what to do and runs Attempt in a tea.Cmd per entry. It is
// safe for concurrent use.
type Outbox struct {
	b    OutboxBackend
	opts OutboxOptions

	// mu serializes changes, which write the backend while holding it.
	mu sync.Mutex
	// view guards entries for the readers (Get, List, Due, Next), which the
	// UI calls in Update: they must not wait for a change's backend write
	// (a database busy with a sync can take a long time). A change holds
	// mu and takes view only to put its result in (set, del).
	view     sync.RWMutex
	entries  map[string]Entry
	senders  map[string]Senders
	problems []error
}

// OpenOutbox loads the queue from its backend. An entry found in state
// sending was interrupted by a crash: its outcome is unknown, so it is
// retried only after reading back whether it landed.
func OpenOutbox(opts OutboxOptions) (*Outbox, error) {
	if opts.Backend == nil {
		f, err := OpenOutboxFiles(opts.Dir)
		if err != nil {
			return nil, err
		}
		opts.Backend = f
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Backoff.Base <= 0 {
		opts.Backoff.Base = DefaultBackoff.Base
	}
	if opts.Backoff.Max < opts.Backoff.Base {
		opts.Backoff.Max = max(DefaultBackoff.Max, opts.Backoff.Base)
	}
	if opts.Jitter == nil {
		opts.Jitter = randJitter
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 8
	}
	if opts.KeepSent <= 0 {
		opts.KeepSent = 24 * time.Hour
	}
	o := &Outbox{b: opts.Backend, opts: opts, entries: map[string]Entry{}, senders: map[string]Senders{},
		problems: slices.Clone(opts.Problems)}
	now := opts.Now()
	if err := o.load(now); err != nil {
		return nil, err
	}
	if err := o.Prune(now); err != nil {
		o.problems = append(o.problems, err)
	}
	return o, nil
}

func (o *Outbox) load(now time.Time) error {
	entries, problems, err := o.b.Load()
	if err != nil {
		return fmt.Errorf("cannot read the outbox: %w", err)
	}
	o.problems = append(o.problems, problems...)
	for _, e := range entries {
		if e.State == StateSending {
			var keep bool
			if e, keep = o.recoverSending(e, now); !keep {
				continue
			}
		}
		o.set(e.ID, e)
	}
	return nil
}

// Problems lists entries that could not be loaded or saved, for a warning.
func (o *Outbox) Problems() []error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.problems)
}

// SetSenders registers how a profile's replies are delivered (see
// NewSenders). Entries of a profile without senders wait.
func (o *Outbox) SetSenders(profile string, s Senders) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.senders[profile] = s
}

func (o *Outbox) persist(e Entry) error {
	if err := o.b.Save(e); err != nil {
		return fmt.Errorf("cannot save the outbox: %w", err)
	}
	return nil
}

func (o *Outbox) notify(e Entry) {
	if o.opts.OnChange != nil {
		o.opts.OnChange(e)
	}
}

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// Enqueue validates e and stores it before returning, so that a reply the
// user has sent survives anything that happens next. An invalid entry is
// returned in state failed with LastError set, and nothing is stored: the
// editor keeps the text for the user to fix.
func (o *Outbox) Enqueue(e Entry) (Entry, error) {
	now := o.opts.Now()
	e.normalize()
	e.ID = newID()
	e.State, e.Attempts, e.NextAttempt, e.LastError, e.Unknown = StateQueued, 0, now, "", false
	if e.waits() && o.opts.Hold > 0 {
		// the window is NextAttempt itself: Due skips the entry until then,
		// and it survives a restart with the entry
		e.NextAttempt = now.Add(o.opts.Hold)
	}
	e.Created, e.Updated = now, now
	e.Files = slices.Clone(e.Files)
	if err := Validate(e); err != nil {
		e.State, e.LastError = StateFailed, human(err)
		return e, err
	}
	o.mu.Lock()
	for _, x := range o.entries {
		if inFlightFor(x, e) {
			o.mu.Unlock()
			err := &InFlightError{Agent: x.Agent, Kind: x.Kind}
			e.State, e.LastError = StateFailed, err.Error()
			return e, err
		}
	}
	if err := o.persistNew(e); err != nil {
		o.mu.Unlock()
		var inFlight *InFlightError
		if errors.As(err, &inFlight) {
			e.State, e.LastError = StateFailed, err.Error()
			return e, err
		}
		return Entry{}, err
	}
	o.set(e.ID, e)
	o.mu.Unlock()
	o.notify(e)
	return e, nil
}

// persistNew stores a new entry; on a backend other processes share, only
// if none of theirs is in flight for its item (an *InFlightError names
// whose is).
func (o *Outbox) persistNew(e Entry) error {
	ex, ok := o.b.(OutboxExclusive)
	if !ok {
		return o.persist(e)
	}
	blocker, blocked, err := ex.SaveNew(e, func(x Entry) bool { return inFlightFor(x, e) })
	if err != nil {
		return fmt.Errorf("cannot save the outbox: %w", err)
	}
	if blocked {
		return &InFlightError{Agent: blocker.Agent, Kind: blocker.Kind}
	}
	return nil
}

// inFlightFor reports that x, still on its way, makes e a second reply to
// the same item: the same kind, or both answers that end the item's turn
// (an answer and a rejection of one question). Messages in one chat go
// one after another, but not from two agents at once.
func inFlightFor(x, e Entry) bool {
	if x.Profile != e.Profile || x.ItemID != e.ItemID || x.Kind.Pane() != e.Kind.Pane() ||
		!(x.State.Pending() || x.State == StateSending) {
		return false
	}
	if e.Kind == KindChatMessage && x.Kind == KindChatMessage {
		return x.Agent != e.Agent
	}
	return x.Kind == e.Kind || (x.Kind.Resolves() && e.Kind.Resolves())
}

// InFlightError refuses a second reply to an item while one is on its
// way, naming the agent who queued it ("" for this app's own user). It is
// ErrDuplicate to errors.Is.
type InFlightError struct {
	Agent string
	Kind  Kind
}

func (e *InFlightError) Error() string {
	if e.Agent != "" {
		return e.Agent + "'s reply to this item is already on its way"
	}
	return ErrDuplicate.Error()
}

func (e *InFlightError) Is(target error) bool { return target == ErrDuplicate }

// Get returns one entry.
func (o *Outbox) Get(id string) (Entry, bool) {
	o.view.RLock()
	defer o.view.RUnlock()
	e, ok := o.entries[id]
	return e, ok
}

// List returns every entry, oldest first.
func (o *Outbox) List() []Entry {
	o.view.RLock()
	out := make([]Entry, 0, len(o.entries))
	for _, e := range o.entries {
		out = append(out, e)
	}
	o.view.RUnlock()
	slices.SortFunc(out, func(a, b Entry) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Due returns the entries to attempt at now, in the order to attempt them.
func (o *Outbox) Due(now time.Time) []Entry {
	var out []Entry
	for _, e := range o.List() {
		if e.State.Pending() && !e.NextAttempt.After(now) {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return a.NextAttempt.Compare(b.NextAttempt) })
	return out
}

// Next is when the earliest waiting entry is due, for the UI's next tick.
func (o *Outbox) Next() (time.Time, bool) {
	o.view.RLock()
	defer o.view.RUnlock()
	var next time.Time
	for _, e := range o.entries {
		if e.State.Pending() && (next.IsZero() || e.NextAttempt.Before(next)) {
			next = e.NextAttempt
		}
	}
	return next, !next.IsZero()
}

// Retry puts a failed or waiting entry back at the head of the queue with
// a fresh allowance of attempts. If an earlier attempt may have landed,
// the next one still reads back first.
func (o *Outbox) Retry(id string) (Entry, error) {
	return o.update(id, func(e *Entry) error {
		switch e.State {
		case StateFailed, StateRetrying, StateQueued:
		case StateSending:
			return ErrBusy
		default:
			return ErrNotPending
		}
		now := o.opts.Now()
		e.Unknown = e.Unknown || e.State == StateRetrying
		e.State, e.Attempts, e.NextAttempt, e.LastError, e.Updated = StateQueued, 0, now, "", now
		return nil
	})
}

// Cancel removes an entry that is not being sent and returns it, so that
// the UI can put its text back into the editor. Removing a sent entry
// only clears it from the list.
func (o *Outbox) Cancel(id string) (Entry, error) {
	o.mu.Lock()
	e, ok := o.entries[id]
	switch {
	case !ok:
		o.mu.Unlock()
		return Entry{}, ErrNoEntry
	case e.State == StateSending:
		o.mu.Unlock()
		return e, ErrBusy
	}
	e, release, err := o.claimForChange(e)
	if err != nil {
		o.mu.Unlock()
		return e, err
	}
	defer release()
	if err := o.b.Remove(id); err != nil {
		o.mu.Unlock()
		return e, fmt.Errorf("cannot remove the entry from the outbox: %w", err)
	}
	o.del(id)
	o.mu.Unlock()
	return e, nil
}

// Undo takes back an entry still in its undo window (see Held) and
// returns it, so that the UI can put its text back as a draft. Once the
// window has passed it is ErrNotHeld: the reply may be on its way.
func (o *Outbox) Undo(id string) (Entry, error) {
	o.view.RLock()
	e, ok := o.entries[id]
	o.view.RUnlock()
	if !ok {
		return Entry{}, ErrNoEntry
	}
	if _, held := e.Held(o.opts.Now()); !held {
		return e, ErrNotHeld
	}
	return o.Cancel(id)
}

// set and del change entries for the readers; the caller holds mu.
func (o *Outbox) set(id string, e Entry) {
	o.view.Lock()
	o.entries[id] = e
	o.view.Unlock()
}

func (o *Outbox) del(id string) {
	o.view.Lock()
	delete(o.entries, id)
	o.view.Unlock()
}

// Prune forgets sent entries older than KeepSent.
func (o *Outbox) Prune(now time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var errs []error
	for id, e := range o.entries {
		if e.State == StateSent && now.Sub(e.Updated) > o.opts.KeepSent {
			if err := o.b.Remove(id); err != nil {
				errs = append(errs, err)
				continue
			}
			o.del(id)
		}
	}
	return errors.Join(errs...)
}

func (o *Outbox) update(id string, f func(*Entry) error) (Entry, error) {
	o.mu.Lock()
	e, ok := o.entries[id]
	if !ok {
		o.mu.Unlock()
		return Entry{}, ErrNoEntry
	}
	e, release, err := o.claimForChange(e)
	if err != nil {
		o.mu.Unlock()
		return e, err
	}
	defer release()
	if err := f(&e); err != nil {
		o.mu.Unlock()
		return e, err
	}
	if err := o.persist(e); err != nil {
		o.mu.Unlock()
		return o.entries[id], err
	}
	o.set(id, e)
	o.mu.Unlock()
	o.notify(e)
	return e, nil
}
