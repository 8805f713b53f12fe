package app

import (
	"context"
	"maps"
	"time"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// presenceEvery is how often a serve process reads the holds other
// processes on its store wrote; on PostgreSQL a notice wakes it sooner.
const presenceEvery = time.Second

// holdStore is where the holds of every process on one store meet
// (store.Store: the presence table).
type holdStore interface {
	SetHold(ctx context.Context, h store.Hold) error
	Holds(ctx context.Context, now time.Time) ([]store.Hold, error)
	Watch(ctx context.Context) (*store.Watcher, error)
}

// share makes the holds of this process part of the store's, and shows
// those of other processes (other serve processes on this host or, on a
// PostgreSQL store, on other hosts) until ctx ends. Holds are written and
// read by its goroutine, never by a caller of Hold or Holder, which run
// inside a session's Update.
func (p *teamPresence) share(ctx context.Context, st holdStore) (stop func()) {
	p.mu.Lock()
	p.shared, p.owner, p.wake = st, store.NewHoldOwner(), make(chan struct{}, 1)
	p.pending = map[string]store.Hold{}
	p.mu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.shareLoop(ctx)
	}()
	return func() {
		cancel()
		<-done
		p.flush(context.Background(), true) // every hold of this process goes
	}
}

func (p *teamPresence) shareLoop(ctx context.Context) {
	w, err := p.shared.Watch(ctx)
	if err != nil {
		w = nil // asked on the timer alone
	}
	defer func() {
		if w != nil {
			w.Close()
		}
	}()
	for {
		p.flush(ctx, false)
		p.readRemote(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(presenceEvery):
		case <-p.wake:
		case <-w.Wake():
		}
	}
}

// queue records a hold for the loop to write; the newest of an agent wins.
// p.mu is held.
func (p *teamPresence) queue(h store.Hold) {
	if p.shared == nil {
		return
	}
	p.pending[h.Agent] = h
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// flush writes the queued holds; all lets go of every hold this process
// wrote (it is stopping).
func (p *teamPresence) flush(ctx context.Context, all bool) {
	p.mu.Lock()
	pending := p.pending
	p.pending = map[string]store.Hold{}
	if all {
		for agent := range p.byAgent {
			pending[agent] = store.Hold{Agent: agent, Owner: p.owner}
		}
	}
	p.mu.Unlock()
	for _, h := range pending {
		_ = p.shared.SetHold(ctx, h) // a hold is advice; the next renewal writes it again
	}
}

// readRemote replaces the holds of other processes with what the store
// has now, and tells every session when that changed what they show.
func (p *teamPresence) readRemote(ctx context.Context) {
	hs, err := p.shared.Holds(ctx, p.now())
	if err != nil {
		return
	}
	remote := map[presenceKey]presenceHold{}
	for _, h := range hs {
		if h.Owner == p.owner {
			continue
		}
		remote[presenceKey{ui.PaneID(h.Pane), h.ItemID}] = presenceHold{
			Holding: ui.Holding{Agent: h.Agent, Since: h.Since}, until: h.Until}
	}
	p.mu.Lock()
	changed := !maps.EqualFunc(p.remote, remote, func(a, b presenceHold) bool {
		return a.Agent == b.Agent && a.Since.Equal(b.Since)
	})
	p.remote = remote
	p.mu.Unlock()
	if changed && p.send != nil {
		p.send(ui.PresenceChangedMsg{})
	}
}
