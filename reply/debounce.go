package reply

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultSaveInterval bounds how much typing a crash can lose: a pending
// draft is saved at most this long after its first unsaved keystroke.
const DefaultSaveInterval = 500 * time.Millisecond

// Debouncer turns keystrokes into occasional draft saves without a
// goroutine of its own. The editor calls Touch on every change and
// schedules a tick for the time it returns; the tick's tea.Cmd calls
// FlushDue. Saving is a throttle, not a pure debounce: a user typing
// without pause still gets a save every interval.
type Debouncer struct {
	store    *DraftStore
	interval time.Duration

	mu      sync.Mutex
	pending map[DraftKey]pendingDraft
	// saving is held by a flush for its whole run: flushes run in
	// tea.Cmds, and Drain on exit must wait for one already writing
	// instead of closing the database under it.
	saving sync.Mutex
	// failure is why the last save failed while a draft it could not
	// write is still unsaved; nil once every save succeeds again.
	failure error
}

type pendingDraft struct {
	draft Draft
	due   time.Time
}

// NewDebouncer saves into store at most every interval (0: the default).
func NewDebouncer(store *DraftStore, interval time.Duration) *Debouncer {
	if interval <= 0 {
		interval = DefaultSaveInterval
	}
	return &Debouncer{store: store, interval: interval, pending: map[DraftKey]pendingDraft{}}
}

// Touch records the editor's content at now and returns when it is due to
// be saved: now+interval for the first change since the last save, the
// same time as before for later ones.
func (d *Debouncer) Touch(k DraftKey, dr Draft, now time.Time) time.Time {
	dr.UpdatedAt = now
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.pending[k]
	if !ok {
		p.due = now.Add(d.interval)
	}
	p.draft = dr
	d.pending[k] = p
	return p.due
}

// Next is the earliest due time of a pending draft, for the next tick.
func (d *Debouncer) Next() (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var next time.Time
	for _, p := range d.pending {
		if next.IsZero() || p.due.Before(next) {
			next = p.due
		}
	}
	return next, !next.IsZero()
}

// Pending reports whether k has changes not yet saved.
func (d *Debouncer) Pending(k DraftKey) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.pending[k]
	return ok
}

// FlushDue saves every draft due at now and returns how many it saved.
// A failed save stays pending and is retried an interval later.
func (d *Debouncer) FlushDue(now time.Time) (int, error) {
	return d.flush(func(p pendingDraft) bool { return !p.due.After(now) }, now)
}

// Flush saves everything pending: on closing the editor or quitting.
func (d *Debouncer) Flush(now time.Time) (int, error) {
	return d.flush(func(pendingDraft) bool { return true }, now)
}

// Forget drops unsaved changes of k: the reply was queued or discarded,
// and a late save must not resurrect the draft.
func (d *Debouncer) Forget(k DraftKey) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.pending, k)
}

// Drain is the exit path: it waits for saves already running, then saves
// everything pending, synchronously. What could still not be saved is
// returned by Unsaved, for the caller to show.
func (d *Debouncer) Drain(now time.Time) (int, error) {
	return d.Flush(now) // flush waits for a running one (saving)
}

// Failure is why drafts are not being saved (a full disk, a broken
// database), or nil when nothing typed is waiting on a failed save. The
// editor shows it instead of claiming the draft is kept.
func (d *Debouncer) Failure() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.pending) == 0 {
		return nil // what failed was since saved, queued or discarded
	}
	return d.failure
}

// Unsaved lists the drafts whose text is only in memory, for the exit
// path to print when even the final save failed.
func (d *Debouncer) Unsaved() []StoredDraft {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]StoredDraft, 0, len(d.pending))
	for k, p := range d.pending {
		out = append(out, StoredDraft{Key: k, Draft: p.draft})
	}
	slices.SortFunc(out, func(a, b StoredDraft) int { return strings.Compare(a.Key.String(), b.Key.String()) })
	return out
}

func (d *Debouncer) flush(due func(pendingDraft) bool, now time.Time) (int, error) {
	d.saving.Lock()
	defer d.saving.Unlock()
	d.mu.Lock()
	batch := map[DraftKey]pendingDraft{}
	for k, p := range d.pending {
		if due(p) {
			batch[k] = p
			delete(d.pending, k)
		}
	}
	d.mu.Unlock()

	saved := 0
	var errs []error
	for k, p := range batch {
		if err := d.store.Put(k, p.draft); err != nil {
			errs = append(errs, err)
			d.mu.Lock()
			if _, newer := d.pending[k]; !newer {
				p.due = now.Add(d.interval)
				d.pending[k] = p
			}
			d.failure = err
			d.mu.Unlock()
			continue
		}
		saved++
	}
	if len(errs) == 0 && len(batch) > 0 {
		d.mu.Lock()
		d.failure = nil
		d.mu.Unlock()
	}
	return saved, errors.Join(errs...)
}
