package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
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
	// Limits overrides api.Limits for estimating budgets (tests that shrink
	// the limits on both sides pass the same map as api.Config.Limits).
	Limits map[api.Group]api.Limit
	// Logger receives every failed sync and poll: they run in the
	// background, where the status bar shows only the last (--debug
	// log); nil discards.
	Logger *slog.Logger
}

// Syncer brings a Store up to date from the marketplaces. It has no
// goroutines: the UI calls Sync and Poll from tea.Cmds. Calls for
// different panes may run concurrently; two calls for one pane must not.
type Syncer struct {
	st *Store
	wb *wb.Client
	ym *ym.Client
	o  SyncOptions
	fq fqBounds
}

// NewSyncer syncs st from the given clients; a nil client leaves its
// marketplace's panes unsynced (Sync reports it).
func NewSyncer(st *Store, wbc *wb.Client, ymc *ym.Client, o SyncOptions) *Syncer {
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
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Syncer{st: st, wb: wbc, ym: ymc, o: o, fq: apiFQBounds}
}

// Result is what one Sync call did.
type Result struct {
	Pane     Pane
	Requests int
	Changes  Changes
	// More: the call stopped at its bound (or was deferred) with work
	// left; call again. The position is saved, also across restarts.
	More bool
	// Deferred: a background call stopped to leave the rate-limit budget
	// to the user; RetryAfter is when the budget should be back.
	Deferred   bool
	RetryAfter time.Duration
}

// ErrNoClient: the pane's marketplace has no client (no token configured).
var ErrNoClient = errors.New("store: the pane's marketplace is not configured")

// Sync does one bounded unit of sync work for a pane.
func (s *Syncer) Sync(ctx context.Context, pane Pane, pri Priority) (Result, error) {
	res, err := s.sync(ctx, pane, pri)
	if err != nil && ctx.Err() == nil && !errors.Is(err, ErrNoClient) {
		s.o.Logger.Warn("sync failed", "pane", string(pane), "requests", res.Requests, "err", err)
	}
	return res, err
}

func (s *Syncer) sync(ctx context.Context, pane Pane, pri Priority) (Result, error) {
	res := Result{Pane: pane}
	var err error
	switch pane {
	case PaneQuestions, PaneFeedbacks:
		if s.wb == nil {
			return res, ErrNoClient
		}
		err = s.syncFQ(ctx, s.newUnit(pri, s.wb.Transport(), api.GroupWBFeedbacks, &res), fqSpecFor(s, pane.Kind()))
	case PaneChats:
		if s.wb == nil {
			return res, ErrNoClient
		}
		err = s.syncChats(ctx, s.newUnit(pri, s.wb.Transport(), api.GroupWBChat, &res))
	case PaneClaims:
		if s.wb == nil {
			return res, ErrNoClient
		}
		err = s.syncClaims(ctx, s.newUnit(pri, s.wb.Transport(), api.GroupWBReturns, &res))
	case PaneReturns:
		if s.ym == nil {
			return res, ErrNoClient
		}
		err = s.syncReturns(ctx, s.newUnit(pri, s.ym.Transport(), api.GroupYMReturns, &res))
	default:
		return res, fmt.Errorf("store: no pane %q", pane)
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
	errBounded  = errors.New("store: sync call bound reached")
	errDeferred = errors.New("store: sync deferred to leave budget to the user")
)

// unit is one Sync call's request budget.
type unit struct {
	s     *Syncer
	pri   Priority
	t     *api.Transport
	group api.Group
	res   *Result
}

func (s *Syncer) newUnit(pri Priority, t *api.Transport, g api.Group, res *Result) *unit {
	return &unit{s: s, pri: pri, t: t, group: g, res: res}
}

// next is asked before every request: errBounded when the call has used
// its requests, errDeferred when a background call should give way.
func (u *unit) next() error {
	if u.res.Requests >= u.s.o.MaxRequests {
		return errBounded
	}
	if u.pri == Background {
		if wait, low := u.s.budgetLow(u.t, u.group); low {
			u.res.RetryAfter = wait
			return errDeferred
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

// newSweep numbers a pass over a list: items it sees are stamped with the
// number, so at its end the ones it did not see can be told apart.
func (s *Syncer) newSweep(ctx context.Context) (int64, error) {
	var n int64
	err := s.st.write(ctx, func(tx *sql.Tx) error {
		var v string
		err := tx.QueryRowContext(ctx, `SELECT value FROM cursors WHERE name = 'sweep'`).Scan(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		n, _ = strconv.ParseInt(v, 10, 64)
		n++
		return s.st.setCursorTx(ctx, tx, "sweep", strconv.FormatInt(n, 10))
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

func saveCursorTx(ctx context.Context, st *Store, tx *sql.Tx, name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return st.setCursorTx(ctx, tx, name, string(b))
}

// markUnseen clears "awaiting" on items of kind created since from that a
// complete sweep did not see: they left the lists (answered elsewhere,
// archived, aged out). They are marked unseen, so that a later sync that
// sees them awaiting again brings them back.
//
// One empty or short page from a server having a bad moment looks like
// every item left at once. So when a sweep would resolve many (more than
// unseenFew and more than a fifth of those awaiting) and has not been
// read again, nothing is resolved and confirm asks the caller to read the
// lists once more under the same stamp, then call again with confirmed:
// only what neither read saw is resolved.
func markUnseen(ctx context.Context, tx *sql.Tx, kind Kind, from time.Time, sweep int64, confirmed bool) (n int, confirm bool, err error) {
	if !confirmed {
		var gone, awaiting int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE seen < ?), count(*) FROM items
			WHERE kind = ? AND needs_action = 1 AND created >= ?`, sweep, kind, ms(from)).Scan(&gone, &awaiting)
		if err != nil {
			return 0, false, fmt.Errorf("store: reconcile %s: %w", kind, err)
		}
		if gone > unseenFew && gone*5 > awaiting {
			return 0, true, nil
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE items SET needs_action = 0, unseen = 1
		WHERE kind = ? AND needs_action = 1 AND created >= ? AND seen < ?`, kind, ms(from), sweep)
	if err != nil {
		return 0, false, fmt.Errorf("store: reconcile %s: %w", kind, err)
	}
	m, err := res.RowsAffected()
	return int(m), false, err
}

// unseenFew is how many items a sweep may resolve without reading again.
const unseenFew = 3
