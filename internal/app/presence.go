package app

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// presenceTTL is how long a hold lasts without renewal: an agent writing
// renews it every half minute (ui's presenceRenew), so only a session
// that vanished without letting go (a killed client the server has not
// noticed yet) leaves a hold behind, and not for long.
const presenceTTL = 3 * time.Minute

type presenceKey struct {
	pane ui.PaneID
	id   string
}

type presenceHold struct {
	ui.Holding
	until time.Time
}

// teamPresence is the team inbox's soft locks, shared by every session of
// one serve process. Every change is broadcast, so each agent's rows and
// details show it at once.
type teamPresence struct {
	mu      sync.Mutex
	holds   map[presenceKey]presenceHold
	byAgent map[string]presenceKey
	now     func() time.Time
	send    func(tea.Msg)

	// The holds of other processes on the store, and this one's waiting
	// to be written there (presence_shared.go); shared is nil until share.
	shared  holdStore
	owner   string
	remote  map[presenceKey]presenceHold
	pending map[string]store.Hold
	wake    chan struct{}
}

func newTeamPresence(send func(tea.Msg)) *teamPresence {
	return &teamPresence{holds: map[presenceKey]presenceHold{}, byAgent: map[string]presenceKey{}, now: time.Now, send: send}
}

// Hold records what agent writes to now; a colleague's hold on the same
// item passes to agent (they chose to take over).
func (p *teamPresence) Hold(agent string, pane ui.PaneID, id string) {
	now := p.now()
	k := presenceKey{pane, id}
	p.mu.Lock()
	changed := false
	if prev, ok := p.byAgent[agent]; ok && prev != k {
		if h, ok := p.holds[prev]; ok && h.Agent == agent {
			delete(p.holds, prev)
			changed = true
		}
		delete(p.byAgent, agent)
	}
	if id != "" {
		h, ok := p.holds[k]
		if !ok || h.Agent != agent || now.After(h.until) {
			h.Holding = ui.Holding{Agent: agent, Since: now}
			changed = true
		}
		h.until = now.Add(presenceTTL)
		p.holds[k] = h
		p.byAgent[agent] = k
		p.queue(store.Hold{Agent: agent, Pane: string(pane), ItemID: id, Owner: p.owner, Since: h.Since, Until: h.until})
	} else {
		p.queue(store.Hold{Agent: agent, Owner: p.owner})
	}
	p.mu.Unlock()
	if changed && p.send != nil {
		p.send(ui.PresenceChangedMsg{})
	}
}

// Holder is the agent other than self writing to the item, if any.
func (p *teamPresence) Holder(pane ui.PaneID, id, self string) (ui.Holding, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := presenceKey{pane, id}
	now := p.now()
	if h, ok := p.holds[k]; ok && h.Agent != self && !now.After(h.until) {
		return h.Holding, true
	}
	if h, ok := p.remote[k]; ok && h.Agent != self && !now.After(h.until) {
		return h.Holding, true
	}
	return ui.Holding{}, false
}

// Release lets go of what agent holds: their session ended.
func (p *teamPresence) Release(agent string) { p.Hold(agent, "", "") }
