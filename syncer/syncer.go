package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/store"
)

// Priority says whose turn a sync call is.
type Priority int

const (
	// Foreground: the user asked (opened a pane, pressed refresh); the
	// call waits for the rate limiter like any request.
	Foreground Priority = iota
	// Background: a timer asked; the call gives way when a group's budget
	// runs low (see the package comment).
	Background
)

// SyncOptions tune a Syncer; zero values are the defaults.
type SyncOptions struct {
	Now func() time.Time
	// MaxRequests bounds the requests of one Sync call (default 20): a
	// call is one bounded unit of work, Result.More asks for the next.
	MaxRequests int
	// Overlap re-reads this much before the last sync (default 10 min), so
	// items the server indexed late are not missed.
	Overlap time.Duration
	// ReconcileEvery is how often questions and feedbacks re-read everything
	// since the oldest item awaiting an answer, to learn what was answered
	// elsewhere (default 30 min); claims re-read their whole archive.
	ReconcileEvery time.Duration
	// ChatListEvery is how often the chat list (names, reply signatures,
	// order cards) is re-read beside the events feed (default 10 min).
	ChatListEvery time.Duration
	// Reserve is how many requests of a group's budget background sync
	// leaves to the user (default 2).
	Reserve int
	// MaxWait is the longest a background call waits inside itself for a
	// group's budget to come back (default 3 s; negative: never, the call
	// returns Deferred instead).
	MaxWait time.Duration
	// MaxCallTime bounds how long a background call keeps waiting for
	// budget between its requests (default 3 s): a call holds its pane
	// (and the chat feed) while it runs.
	MaxCallTime time.Duration
	// Limits overrides api.Limits for estimating budgets (tests that shrink
	// the limits on both sides pass the same map as api.Config.Limits).
	Limits map[api.Group]api.Limit
	// Logger receives every failed sync and poll: they run in the
	// background, where the status bar shows only the last (--debug
	// log); nil discards.
	Logger *slog.Logger
}

// Syncer brings a store.Store up to date from the marketplaces. It has no
// goroutines: the UI calls Sync and Poll from tea.Cmds. Calls for
// different panes may run concurrently; two calls for one pane must not.
type Syncer struct {
	st *store.Store
	wb *wb.Client
	ym *ym.Client
	o  SyncOptions
	fq fqBounds
	// feed is held while the chat events feed is read (see readFeed).
	feed sync.Mutex
}

// NewSyncer syncs st from the given clients; a nil client leaves its
// marketplace's panes unsynced (Sync reports it).
func NewSyncer(st *store.Store, wbc *wb.Client, ymc *ym.Client, o SyncOptions) *Syncer {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = 20
	}
	if o.Overlap <= 0 {
		o.Overlap = 10 * time.Minute
	}
	if o.ReconcileEvery <= 0 {
		o.ReconcileEvery = 30 * time.Minute
	}
	if o.ChatListEvery <= 0 {
		o.ChatListEvery = 10 * time.Minute
	}
	if o.Reserve <= 0 {
		o.Reserve = 2
	}
	if o.MaxWait == 0 {
		o.MaxWait = 3 * time.Second
	}
	if o.MaxCallTime <= 0 {
		o.MaxCallTime = 3 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Syncer{st: st, wb: wbc, ym: ymc, o: o, fq: apiFQBounds}
}

// Result is what one Sync call did.
type Result struct {
	Pane     store.Pane
	Requests int
	Changes  store.Changes
	// More: the call stopped at its bound (or was deferred) with work
	// left; call again. The position is saved, also across restarts.
	More bool
	// Deferred: a background call stopped to leave the rate-limit budget
	// to the user; RetryAfter is when the budget should be back.
	Deferred   bool
	RetryAfter time.Duration
}

// ErrNoClient: the pane's marketplace has no client (no token configured).
var ErrNoClient = errors.New("syncer: the pane's marketplace is not configured")

// Sync does one bounded unit of sync work for a pane.
func (s *Syncer) Sync(ctx context.Context, pane store.Pane, pri Priority) (Result, error) {
	res, err := s.sync(ctx, pane, pri)
	if err != nil && ctx.Err() == nil && !errors.Is(err, ErrNoClient) {
		s.o.Logger.Warn("sync failed", "pane", string(pane), "requests", res.Requests, "err", err)
	}
	return res, err
}

func (s *Syncer) sync(ctx context.Context, pane store.Pane, pri Priority) (Result, error) {
	res := Result{Pane: pane}
	var err error
	switch pane {
	case store.PaneQuestions, store.PaneFeedbacks:
		if s.wb == nil {
			return res, ErrNoClient
		}
		err = s.syncFQ(ctx, s.newUnit(pri, s.wb.Transport(), api.GroupWBFeedbacks, &res), fqSpecFor(s, pane.Kind()))
	case store.PaneChats:
		if s.wb == nil {
			return res, ErrNoClient
		}
		err = s.syncChats(ctx, s.newUnit(pri, s.wb.Transport(), api.GroupWBChat, &res))
	case store.PaneClaims:
		if s.wb == nil {
			return res, ErrNoClient
		}
		err = s.syncClaims(ctx, s.newUnit(pri, s.wb.Transport(), api.GroupWBReturns, &res))
	case store.PaneReturns:
		if s.ym == nil {
			return res, ErrNoClient
		}
		err = s.syncReturns(ctx, s.newUnit(pri, s.ym.Transport(), api.GroupYMReturns, &res))
	default:
		return res, fmt.Errorf("syncer: no pane %q", pane)
	}
	switch {
	case errors.Is(err, errBounded):
		res.More = true
		return res, nil
	case errors.Is(err, errDeferred):
		res.More, res.Deferred = true, true
		return res, nil
	}
	return res, err
}

var (
	errBounded  = errors.New("syncer: sync call bound reached")
	errDeferred = errors.New("syncer: sync deferred to leave budget to the user")
)

// unit is one Sync call's request budget.
type unit struct {
	s     *Syncer
	pri   Priority
	t     *api.Transport
	group api.Group
	res   *Result
	began time.Time // wall clock: how long the call has been waiting
	// noWait: a short wait for budget defers the call too (Poll).
	noWait bool
}

func (s *Syncer) newUnit(pri Priority, t *api.Transport, g api.Group, res *Result) *unit {
	return &unit{s: s, pri: pri, t: t, group: g, res: res, began: time.Now()}
}

// next is asked before every request: errBounded when the call has used
// its requests (or its time), errDeferred when a background call should
// give way for longer than MaxWait.
//
// A background call that would leave fewer than Reserve requests waits
// for the group's bucket to refill when that takes at most MaxWait, rather
// than return and be called again a second later: the request then goes
// out the moment the server's bucket has Reserve+1 again, so an idle first
// sync runs at the documented rate (BenchmarkFirstSync) while the user's
// requests still find the reserve.
func (u *unit) next(ctx context.Context) error {
	if u.res.Requests >= u.s.o.MaxRequests {
		return errBounded
	}
	if u.pri == Background {
		var waited time.Duration
		for tries := 0; ; tries++ {
			wait, low := u.s.budgetLow(u.t, u.group)
			if !low {
				break
			}
			// A long wait is left to the caller, and so are repeated
			// ones (the user took the budget meanwhile, or a clock
			// stands still).
			if u.noWait || tries >= 3 || waited+wait > u.s.o.MaxWait {
				u.res.RetryAfter = wait
				return errDeferred
			}
			waited += wait
			if u.res.Requests > 0 && time.Since(u.began)+wait > u.s.o.MaxCallTime {
				return errBounded
			}
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
	}
	u.res.Requests++
	return nil
}

func (s *Syncer) limit(g api.Group) api.Limit {
	if l, ok := s.o.Limits[g]; ok {
		return l
	}
	return api.Limits[g]
}

// budgetLow estimates what is left of a group's budget now: the server's
// last Remaining plus what its bucket has refilled since. It is low when
// one more request would leave fewer than Reserve for the user, or while
// the group waits out a 429/420. Unknown budgets are not low: the first
// request of a group learns them.
func (s *Syncer) budgetLow(t *api.Transport, g api.Group) (time.Duration, bool) {
	now := s.o.Now()
	for _, b := range t.Budgets() {
		if b.Group != g {
			continue
		}
		if b.Waiting(now) {
			return b.WaitUntil.Sub(now), true
		}
		lim := s.limit(g)
		if b.Remaining < 0 || b.Updated.IsZero() || lim.Per <= 0 {
			return 0, false
		}
		elapsed := max(now.Sub(b.Updated), 0)
		est := b.Remaining + int(elapsed/lim.Per)
		if b.Limit > 0 {
			est = min(est, b.Limit)
		}
		if est > s.o.Reserve {
			return 0, false
		}
		need := time.Duration(s.o.Reserve+1-est) * lim.Per
		return need - elapsed%lim.Per, true
	}
	return 0, false
}

// newSweep numbers a pass over a list (see store.Tx.NextSweep).
func (s *Syncer) newSweep(ctx context.Context) (int64, error) {
	var n int64
	err := s.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		n, err = tx.NextSweep()
		return err
	})
	return n, err
}

func (s *Syncer) loadCursor(ctx context.Context, name string, v any) error {
	raw, err := s.st.Cursor(ctx, name)
	if err != nil || raw == "" {
		return err
	}
	// A cursor this version cannot read only costs a full re-sync, so a
	// decoding error starts afresh rather than failing the pane.
	_ = json.Unmarshal([]byte(raw), v)
	return nil
}

func saveCursor(tx *store.Tx, name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.SetCursor(name, string(b))
}

// isBounded: the call stopped at its bound with work left.
func isBounded(err error) bool { return errors.Is(err, errBounded) || errors.Is(err, errDeferred) }
