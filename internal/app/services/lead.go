package services

import (
	"context"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// followEvery is how often a following process looks for the lead and
// for what the leading one wrote.
const followEvery = 2 * time.Second

// leadLoop syncs once this process leads the profile's sync (at once,
// unless another process on the same database does). Meanwhile it
// follows: whatever the leader writes is reported to the inboxes as if
// this process had synced it, so their lists, counts and notifications
// keep up, and the marketplaces see one client.
func (sv *Services) leadLoop() {
	var w *store.Watcher
	defer func() {
		if w != nil {
			w.Close()
		}
	}()
	following := false
	for {
		lead, ok, err := sv.st.TrySyncLead()
		if err != nil {
			// Better two syncs than none: the lock file is advice.
			sv.log.Warn("sync lead: cannot take the lock; syncing anyway", "err", err)
			ok = true
		}
		if ok {
			if following {
				sv.log.Info("sync lead: the other process ended; syncing here")
			}
			if !sv.lead(lead) {
				return
			}
			sv.log.Warn("sync lead: the database lost this process's lock; following until it can lead again")
			following = false
			continue
		}
		if !following {
			sv.log.Info("sync lead: another process syncs this profile; following its writes")
			following = true
			sv.followed() // the store is as current as the leader keeps it
		}
		if w == nil {
			if w, err = sv.st.Watch(sv.ctx); err != nil {
				sv.log.Warn("sync lead: cannot watch the store", "err", err)
			}
		}
		if w != nil {
			if changed, err := w.Changed(sv.ctx); err == nil && changed {
				sv.followed()
			}
		}
		select {
		case <-sv.ctx.Done():
			return
		case <-time.After(followEvery):
		case <-w.Wake(): // PostgreSQL's notice of another process's write
		}
	}
}

// lead syncs while this process holds lead: until the services stop
// (false), or until the lead is lost (true: the syncs have stopped and the
// lead is released, so another process may lead without two syncing).
func (sv *Services) lead(lead *store.SyncLead) bool {
	sv.mu.Lock()
	sv.held = lead
	sv.mu.Unlock()
	ctx, cancel := context.WithCancel(sv.ctx)
	var loops sync.WaitGroup
	for _, p := range sv.panes {
		loops.Go(func() { sv.paneLoop(ctx, p) })
	}
	loops.Go(func() { sv.pollLoop(ctx) })
	select {
	case <-sv.ctx.Done():
		cancel()
		loops.Wait()
		return false
	case <-lead.Lost():
	}
	cancel()
	loops.Wait()
	sv.mu.Lock()
	sv.held = nil
	sv.mu.Unlock()
	lead.Release()
	return true
}

// followed reports the leader's writes as a sync of every pane: the
// inboxes read the store again and compare their counts.
func (sv *Services) followed() {
	now := time.Now()
	sv.mu.Lock()
	for _, p := range sv.panes {
		sv.caughtUp[p] = true
	}
	sv.mu.Unlock()
	for _, p := range sv.panes {
		sv.send(ui.SyncReportMsg{Pane: p, Changed: true, At: now})
	}
}
