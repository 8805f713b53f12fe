package app

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/internal/app/services"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Team is what every session of the team inbox (`sellerinbox serve`)
// shares: the session's one store, one syncer and one outbox, so that
// the marketplaces see one client with one set of rate limits however
// many agents are connected. Each SSH session gets its own inbox from
// NewInbox; the team's services report to all of them through send.
type Team struct {
	s  *Session
	sv *services.Services
	// presence is who writes to what, for every session.
	presence *teamPresence
	unshare  func()
	send     func(tea.Msg)

	mu         sync.Mutex
	colleagues func() []string
}

// StartTeam starts the shared services: the background sync of the store
// and the outbox's attempts, as a local app runs them, once for
// everybody. send delivers a message to every connected inbox; it is
// called from the services' goroutines. Stop ends them.
func (s *Session) StartTeam(ctx context.Context, send func(tea.Msg)) (*Team, error) {
	parts, err := s.openReplyParts()
	if err != nil {
		return nil, err
	}
	sv := s.newServices(parts)
	sv.Start(ctx, send)
	t := &Team{s: s, sv: sv, presence: newTeamPresence(send), send: send}
	t.unshare = t.presence.share(ctx, s.st)
	return t, nil
}

// Stop ends the services and waits for them; a sync writing a page rolls
// back with its cursor, losing nothing. The holds of this process's
// agents are let go.
func (t *Team) Stop() {
	t.unshare()
	t.sv.Stop()
}

// NewInbox assembles the inbox of agent's SSH session in uienv (its
// language, styles and read-only flag): its own panes, drafts in memory
// and debouncer, over the team's store, syncer and outbox. What the agent
// queues carries the name.
func (t *Team) NewInbox(uienv ui.Env, agent string) (*Inbox, error) {
	uienv.Agent, uienv.Presence, uienv.Team = agent, t.presence, t
	in, err := t.s.newInbox(uienv, nil, t)
	if err != nil {
		return nil, err
	}
	if err := in.Replies.SetAgent(agent); err != nil {
		in.Stop()
		return nil, err
	}
	return in, nil
}

// Left lets go of what agent was writing to: their session ended, by
// quitting, a dropped connection or the idle timeout.
func (t *Team) Left(agent string) { t.presence.Release(agent) }

// SetColleagues says where the team's names come from (serve: the agents
// file, read afresh each time someone assigns).
func (t *Team) SetColleagues(f func() []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.colleagues = f
}

// Colleagues are the agents an item can be given to.
func (t *Team) Colleagues() []string {
	t.mu.Lock()
	f := t.colleagues
	t.mu.Unlock()
	if f == nil {
		return nil
	}
	return f()
}

// Assign gives the item to agent in the team's store and tells every
// session, whose rows and "mine" change with it.
func (t *Team) Assign(ctx context.Context, pane ui.PaneID, id, agent, by string) error {
	if err := t.s.st.Assign(ctx, pane, id, agent, by, time.Now()); err != nil {
		return err
	}
	if t.send != nil {
		t.send(ui.StoreChangedMsg{Panes: []ui.PaneID{pane, ui.PaneInbox}})
	}
	return nil
}

// Notes are whose the items are and who answered them last.
func (t *Team) Notes(ctx context.Context, pane ui.PaneID, ids []string) (map[string]store.TeamNote, error) {
	return t.s.st.TeamNotes(ctx, pane, ids)
}
