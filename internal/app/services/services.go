// Package services runs the background work of one store, once however
// many inboxes show it: the sync that keeps the store current and the
// outbox's attempts. internal/app builds and starts them for a local app
// or for the team inbox; they report to the inboxes through messages.
package services

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Services are the background work of one store, run once however many
// inboxes show it (one local app, or every agent of the team inbox): the
// sync that keeps the store current and the outbox's attempts. They never
// touch a model; they report through send, which delivers a message to
// every inbox (tea.Program.Send), so nothing of it runs inside Update.
type Services struct {
	tpl   *reply.Templates
	st    *store.Store
	sy    *syncer.Syncer // nil: nothing to sync (no store or no client)
	panes []store.Pane   // the panes the tokens reach
	every time.Duration
	ob    *reply.Outbox
	// changed wakes the outbox loop after Enqueue, Undo or an attempt.
	changed    <-chan struct{}
	log        *slog.Logger
	send       func(tea.Msg)
	startDelay time.Duration

	want map[store.Pane]chan struct{} // a pane's sync asked for (capacity 1)
	poll chan struct{}                // a poll asked for (capacity 1)

	mu       sync.Mutex          // guards caughtUp, held and starting
	caughtUp map[store.Pane]bool // the pane's first sync finished
	// held is the lead of the profile's sync, once this process has it.
	held *store.SyncLead

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Config is what the services work on.
type Config struct {
	Store *store.Store
	// Syncer syncs Panes (the panes the tokens reach) and polls every
	// Every (default ui.DefaultPollEvery); nil: no sync runs.
	Syncer *syncer.Syncer
	Panes  []ui.PaneID
	Every  time.Duration
	// Outbox is attempted whenever an entry is due; Changed, when set,
	// wakes the loop after Enqueue, Undo or an attempt. nil: no outbox.
	Outbox  *reply.Outbox
	Changed <-chan struct{}
	Log     *slog.Logger
	// StartDelay holds the first syncs back so that the first frame
	// draws from the store without competing with their writes
	// (BenchmarkBinaryFirstRows); default 150 ms, negative none.
	StartDelay time.Duration
	// Templates, when they live in the team's store (Shared), are read
	// again every templatesEvery: a lead on another machine edits them.
	Templates *reply.Templates
}

// New builds the services; Start starts them.
func New(cfg Config) *Services {
	sv := &Services{st: cfg.Store, sy: cfg.Syncer, panes: storePanes(cfg.Panes), every: cfg.Every,
		ob: cfg.Outbox, changed: cfg.Changed, log: cfg.Log, startDelay: cfg.StartDelay, tpl: cfg.Templates,
		poll: make(chan struct{}, 1), want: map[store.Pane]chan struct{}{}, caughtUp: map[store.Pane]bool{}}
	if sv.log == nil {
		sv.log = slog.New(slog.DiscardHandler)
	}
	if sv.every <= 0 {
		sv.every = ui.DefaultPollEvery
	}
	switch {
	case sv.startDelay == 0:
		sv.startDelay = 150 * time.Millisecond
	case sv.startDelay < 0:
		sv.startDelay = 0
	}
	if sv.sy != nil {
		for _, p := range sv.panes {
			sv.want[p] = make(chan struct{}, 1)
		}
	}
	return sv
}

// Start runs the loops until ctx ends or Stop; send is called from their
// goroutines. Asks made before Start wait for it.
func (sv *Services) Start(ctx context.Context, send func(tea.Msg)) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if sv.cancel != nil {
		return // started already
	}
	sv.send = send
	sv.ctx, sv.cancel = context.WithCancel(ctx)
	if sv.sy != nil {
		sv.wg.Go(sv.leadLoop)
	}
	if sv.ob != nil {
		sv.wg.Go(sv.outboxLoop)
	}
	if sv.tpl != nil && sv.tpl.Shared() {
		sv.wg.Go(sv.templatesLoop)
	}
}

// Stop ends the loops and waits for them; a sync writing a page rolls
// back with its cursor, losing nothing.
func (sv *Services) Stop() {
	sv.mu.Lock()
	cancel := sv.cancel
	sv.mu.Unlock()
	if cancel == nil {
		return // never started
	}
	cancel()
	sv.wg.Wait()
	sv.mu.Lock()
	sv.held.Release()
	sv.held = nil
	sv.mu.Unlock()
}

// Syncer is the syncer the services sync with, for details read on
// demand through it (nil: nothing syncs).
func (sv *Services) Syncer() *syncer.Syncer { return sv.sy }

// SyncNow asks for a sync of msg's pane, or a poll (chats are read
// through the events feed, which the poll reads). It never blocks: a
// request while one is waiting is the same request.
func (sv *Services) SyncNow(msg ui.SyncNowMsg) {
	ch, ok := sv.want[msg.Pane]
	if msg.Poll || !ok {
		ch = sv.poll
	}
	select {
	case ch <- struct{}{}:
	default:
	}
}

// CaughtUp lists the panes whose first sync has finished: an inbox that
// starts later (an agent connecting) counts their items as a baseline,
// not as news to ring the bell for.
func (sv *Services) CaughtUp() []ui.PaneID {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	var out []ui.PaneID
	for _, p := range sv.panes {
		if sv.caughtUp[p] {
			out = append(out, p)
		}
	}
	return out
}

// paneLoop syncs one pane: at start, whenever asked, and again right away
// while the syncer has more; two calls of a pane never overlap. Every
// call is reported.
func (sv *Services) paneLoop(ctx context.Context, p store.Pane) {
	// The first sync starts after the delay, or at once when asked.
	tm := time.NewTimer(sv.startDelay)
	select {
	case <-ctx.Done():
		tm.Stop()
		return
	case <-tm.C:
	case <-sv.want[p]:
		tm.Stop()
	}
	for {
		for {
			res, err := sv.sy.Sync(ctx, p, syncer.Background)
			if ctx.Err() != nil {
				return
			}
			if err == nil && !res.More {
				sv.mu.Lock()
				sv.caughtUp[p] = true
				sv.mu.Unlock()
			}
			sv.send(ui.SyncReportMsg{Pane: p, Err: err, Changed: res.Changes.Changed(), More: res.More, At: time.Now()})
			if err != nil || !res.More {
				break
			}
			// The first sync of a big account is many short calls: the
			// gap lets the user's requests in; a deferred call waits
			// for budget.
			wait := 50 * time.Millisecond
			if res.Deferred {
				wait = max(res.RetryAfter, time.Second)
			}
			if !sleep(ctx, wait) {
				return
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-sv.want[p]:
		}
	}
}

// pollLoop reads what changed (the chat events feed among it) every
// interval and when asked, and asks for a sync of the panes with news,
// and of YM returns every time: they have no counter to poll.
func (sv *Services) pollLoop(ctx context.Context) {
	tm := time.NewTimer(sv.every)
	defer tm.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tm.C:
		case <-sv.poll:
			if !tm.Stop() {
				select {
				case <-tm.C:
				default:
				}
			}
		}
		res, err := sv.sy.Poll(ctx, syncer.Background)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, syncer.ErrNoClient) {
			err = nil
		}
		sv.send(ui.SyncReportMsg{Poll: true, Pane: ui.PaneChats, Err: err, Changed: res.Changes.Changed(), At: time.Now()})
		stale := slices.Clone(res.Stale)
		if !slices.Contains(stale, store.PaneReturns) {
			stale = append(stale, store.PaneReturns)
		}
		for _, p := range stale {
			if _, ok := sv.want[p]; ok {
				sv.SyncNow(ui.SyncNowMsg{Pane: p})
			}
		}
		tm.Reset(sv.every)
	}
}

// outboxLoop attempts every due entry once, whoever queued it, and
// reports each attempt to every inbox.
func (sv *Services) outboxLoop() {
	var flying sync.Map // entry ID → attempt running
	var attempts sync.WaitGroup
	defer attempts.Wait()
	for {
		now := time.Now()
		due := sv.ob.Due(now)
		slices.SortFunc(due, func(a, b reply.Entry) int { return a.Created.Compare(b.Created) })
		for _, e := range due {
			if _, busy := flying.LoadOrStore(e.ID, true); busy {
				continue
			}
			attempts.Go(func() {
				defer flying.Delete(e.ID)
				sv.attempt(e.ID)
			})
		}
		wait := time.Second
		if next, ok := sv.ob.Next(); ok && next.Sub(now) < wait {
			wait = max(next.Sub(now), 10*time.Millisecond)
		}
		select {
		case <-sv.ctx.Done():
			return
		case <-sv.changed:
		case <-time.After(wait):
		}
	}
}

// attempt sends one entry and records a settled one in the audit. A
// delivered answer takes its item out of the
// store at once, so it leaves every inbox, and its pane syncs soon so
// the marketplace's own copy (the answer, the return's new status)
// replaces the stored one rather than at the next poll.
func (sv *Services) attempt(id string) {
	got, err := sv.ob.Attempt(sv.ctx, id)
	if sv.st != nil && got.ID != "" && sv.ctx.Err() == nil {
		// who sent what, and how it ended, outlives the outbox's day
		if err := sv.st.RecordSettled(sv.ctx, got); err != nil {
			sv.log.Warn("outbox: audit", "entry", id, "err", err)
		}
	}
	switch {
	case errors.Is(err, reply.ErrBusy), errors.Is(err, reply.ErrNotPending), sv.ctx.Err() != nil:
		return // taken back, or settled meanwhile: nothing to report
	case err != nil:
		sv.log.Warn("outbox", "entry", id, "err", err)
		sv.send(ui.OutboxSettledMsg{Entry: got, Err: err})
		return
	}
	if got.State == reply.StateSent && got.Kind.Resolves() && sv.st != nil {
		p := got.Kind.Pane()
		if err := sv.st.Resolve(sv.ctx, p.Kind(), got.ItemID); err != nil {
			sv.log.Warn("outbox: resolve", "entry", id, "err", err)
		} else {
			sv.send(ui.StoreChangedMsg{Panes: []ui.PaneID{p}})
		}
		if sv.sy != nil {
			sv.SyncNow(ui.SyncNowMsg{Pane: p, Poll: p == ui.PaneChats})
		}
	}
	sv.send(ui.OutboxSettledMsg{Entry: got})
}

// storePanes are the store's names of the UI's panes (they share names).
func storePanes(ids []ui.PaneID) []store.Pane {
	var out []store.Pane
	for _, id := range ids {
		if p := store.Pane(id); slices.Contains(store.Panes, p) {
			out = append(out, p)
		}
	}
	return out
}

// sleep waits d or until ctx ends; false when ctx ended.
func sleep(ctx context.Context, d time.Duration) bool {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-tm.C:
		return true
	}
}
