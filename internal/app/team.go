package app

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Team is what every session of the team inbox (`sellerinbox serve`)
// shares: the session's one store, one syncer and one outbox, so that
// the marketplaces see one client with one set of rate limits however
// many agents are connected. Each SSH session gets its own inbox from
// NewInbox; the team's loops report to all of them through send.
type Team struct {
	s     *Session
	live  *ui.Live
	parts *replyParts
	send  func(tea.Msg)

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// StartTeam starts the shared loops: the background sync of the store
// (as the local app runs it, once for everybody) and the outbox's
// attempts. send delivers a message to every connected inbox; it is
// called from the loops' goroutines. Stop ends the loops.
func (s *Session) StartTeam(ctx context.Context, send func(tea.Msg)) (*Team, error) {
	parts, err := s.openReplyParts()
	if err != nil {
		return nil, err
	}
	t := &Team{s: s, live: s.live(), parts: parts, send: send}
	t.ctx, t.cancel = context.WithCancel(ctx)
	if t.live != nil {
		t.wg.Go(t.syncLoop)
	}
	t.wg.Go(t.outboxLoop)
	return t, nil
}

// Stop ends the loops and waits for them; a sync writing a page rolls
// back with its cursor, losing nothing.
func (t *Team) Stop() {
	t.cancel()
	t.wg.Wait()
}

// NewInbox assembles the inbox of one SSH session in uienv (its
// language, styles and read-only flag): its own panes, drafts in memory
// and debouncer, over the team's store, syncer and outbox.
func (t *Team) NewInbox(uienv ui.Env) (*Inbox, error) {
	return t.s.newInbox(uienv, nil, t)
}

// sessionLive is a session's view of the live sync: the panes and the
// notifications, with the sync itself left to the team.
func (t *Team) sessionLive() *ui.Live {
	if t.live == nil {
		return nil
	}
	l := *t.live
	l.Syncer, l.Shared = nil, true
	return &l
}

// detailsSyncer is the syncer the panes have details read through (a
// return's order, an item read back after an answer, a chat's new sign):
// the live sync's, which in serve is the team's one syncer, so that every
// session's details share its client and rate limits. Nil without a
// store: the panes then say that only what is stored shows.
func detailsSyncer(l *ui.Live) *syncer.Syncer {
	if l == nil {
		return nil
	}
	return l.Syncer
}

// syncLoop is ui.Live's schedule run once for the team: one sync of every
// pane at start (more bounded calls while a pane has more), then a poll
// every interval that syncs the panes with news, and YM returns, which
// have no counter. Failures are logged; the next poll tries again.
func (t *Team) syncLoop() {
	l, log := t.live, t.s.log
	var panes sync.WaitGroup
	syncPane := func(p store.Pane) {
		for {
			res, err := l.Syncer.Sync(t.ctx, p, syncer.Background)
			if err != nil {
				if t.ctx.Err() == nil {
					log.Warn("team sync", "pane", p, "err", err)
				}
				return
			}
			if res.Changes.Changed() {
				t.send(ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneID(p)}})
			}
			if !res.More {
				return
			}
			wait := 50 * time.Millisecond
			if res.Deferred {
				wait = max(res.RetryAfter, time.Second)
			}
			if !sleep(t.ctx, wait) {
				return
			}
		}
	}
	// one sync per pane at a time, as in the app: two calls of a pane
	// must not overlap
	syncAll := func(ps []store.Pane) {
		for _, p := range ps {
			panes.Go(func() { syncPane(p) })
		}
		panes.Wait()
	}
	syncAll(storePanes(l.Panes))
	for sleep(t.ctx, l.Every) {
		res, err := l.Syncer.Poll(t.ctx, syncer.Background)
		if err != nil && !errors.Is(err, syncer.ErrNoClient) && t.ctx.Err() == nil {
			log.Warn("team poll", "err", err)
		}
		if res.Changes.Changed() {
			t.send(ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneChats}})
		}
		stale := slices.Clone(res.Stale)
		if slices.Contains(l.Panes, ui.PaneReturns) && !slices.Contains(stale, store.PaneReturns) {
			stale = append(stale, store.PaneReturns)
		}
		syncAll(slices.DeleteFunc(stale, func(p store.Pane) bool { return !slices.Contains(l.Panes, ui.PaneID(p)) }))
	}
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

// outboxLoop attempts every due entry once, whoever queued it, and
// reports each attempt to every inbox. A delivered answer takes its item
// out of the store at once (the next sync confirms it), so it leaves
// every agent's inbox.
func (t *Team) outboxLoop() {
	ob := t.parts.outbox
	var flying sync.Map // entry ID → attempt running
	var attempts sync.WaitGroup
	defer attempts.Wait()
	for {
		now := time.Now()
		for _, e := range ob.Due(now) {
			if _, busy := flying.LoadOrStore(e.ID, true); busy {
				continue
			}
			attempts.Go(func() {
				defer flying.Delete(e.ID)
				t.attempt(e.ID)
			})
		}
		wait := time.Second
		if next, ok := ob.Next(); ok && next.Sub(now) < wait {
			wait = max(next.Sub(now), 10*time.Millisecond)
		}
		select {
		case <-t.ctx.Done():
			return
		case <-t.parts.changed:
		case <-time.After(wait):
		}
	}
}

func (t *Team) attempt(id string) {
	got, err := t.parts.outbox.Attempt(t.ctx, id)
	switch {
	case errors.Is(err, reply.ErrBusy), errors.Is(err, reply.ErrNotPending), t.ctx.Err() != nil:
		return // taken back, or settled meanwhile: nothing to report
	case err != nil:
		t.s.log.Warn("team outbox", "entry", id, "err", err)
		t.send(ui.OutboxSettledMsg{Entry: got, Err: err})
		return
	}
	if got.State == reply.StateSent && ui.ResolvesItem(got.Kind) {
		p := store.Pane(got.Kind.Pane())
		if err := t.s.st.Resolve(t.ctx, p.Kind(), got.ItemID); err != nil {
			t.s.log.Warn("team outbox: resolve", "entry", id, "err", err)
		} else {
			t.send(ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneID(p)}})
		}
	}
	t.send(ui.OutboxSettledMsg{Entry: got})
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
