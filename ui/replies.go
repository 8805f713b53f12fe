package ui

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// Replies connects panes to the reply layer: drafts saved as the user
// types, the outbox that sends with retries, and templates. Panes reach it
// through Env.Replies (nil: replies are off, e.g. in framework tests).
type Replies struct {
	Profile   string
	Outbox    *reply.Outbox
	Drafts    *reply.DraftStore
	Debounce  *reply.Debouncer
	Templates *reply.Templates

	// Campaign is the YM campaign of the session: a return decision keeps
	// it, in case the app switches campaigns before it is delivered.
	Campaign int64
	// Agent is the team inbox's agent whose session this is ("" in a
	// local app): every entry queued here carries the name.
	Agent string
	// refuse, when set, is the sentence Enqueue refuses every send with
	// (App.New sets it from Env.ReadOnly).
	refuse string

	mu     sync.Mutex
	memory map[reply.DraftKey]reply.Draft // mirror of the store for list markers
}

// NewReplies loads the profile's drafts into memory; the store stays the
// source of truth across crashes.
func NewReplies(profile string, ob *reply.Outbox, ds *reply.DraftStore, tpl *reply.Templates) (*Replies, error) {
	r := &Replies{Profile: profile, Outbox: ob, Drafts: ds, Debounce: reply.NewDebouncer(ds, 0), Templates: tpl,
		memory: map[reply.DraftKey]reply.Draft{}}
	stored, err := ds.List(profile)
	if err != nil {
		return nil, err
	}
	for _, s := range stored {
		r.memory[s.Key] = s.Draft
	}
	return r, nil
}

// SetAgent makes this the reply layer of agent's session in the team
// inbox: what it queues carries the name, and its drafts are the agent's
// own (those kept from an earlier session come back).
func (r *Replies) SetAgent(agent string) error {
	stored, err := r.Drafts.List(reply.DraftOwner(r.Profile, agent))
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Agent = agent
	r.memory = map[reply.DraftKey]reply.Draft{}
	for _, s := range stored {
		r.memory[s.Key] = s.Draft
	}
	return nil
}

// Key names an item's draft.
func (r *Replies) Key(pane PaneID, item string) reply.DraftKey {
	p := pane
	mp := api.Wildberries
	if pane == PaneReturns {
		mp = api.YandexMarket
	}
	return reply.DraftKey{Profile: reply.DraftOwner(r.Profile, r.Agent), Marketplace: mp, Pane: p, ItemID: item}
}

// Draft is the item's unsent text, if any.
func (r *Replies) Draft(k reply.DraftKey) (reply.Draft, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	d, ok := r.memory[k]
	return d, ok && !d.Empty()
}

// draftFlushMsg asks the app to save drafts that are due.
type draftFlushMsg struct{}

// Touch records typed text; the returned command saves it within the
// debounce interval, so a crash or kill -9 loses at most about a second.
func (r *Replies) Touch(k reply.DraftKey, d reply.Draft, now time.Time) tea.Cmd {
	r.mu.Lock()
	if d.Empty() {
		delete(r.memory, k)
	} else {
		r.memory[k] = d
	}
	r.mu.Unlock()
	due := r.Debounce.Touch(k, d, now)
	return tea.Tick(max(due.Sub(now), time.Millisecond), func(time.Time) tea.Msg { return draftFlushMsg{} })
}

// forget drops the in-memory draft once the outbox confirmed the send.
func (r *Replies) forget(k reply.DraftKey) {
	r.mu.Lock()
	delete(r.memory, k)
	r.mu.Unlock()
	r.Debounce.Forget(k)
}

// ReadOnlyError refuses a send of a read-only session; it is the
// sentence the user reads (ErrorText shows it as it is).
type ReadOnlyError string

func (e ReadOnlyError) Error() string { return string(e) }

// OutboxMsg reports an entry's new state to the pane it belongs to.
type OutboxMsg struct {
	Entry reply.Entry
	Err   error // Enqueue refused it (validation, duplicate)
}

func (m OutboxMsg) TargetPane() PaneID { return m.Entry.Kind.Pane() }

// Enqueue persists e (in a command: it writes a file) and reports it.
func (r *Replies) Enqueue(e reply.Entry) tea.Cmd {
	e.Profile, e.Agent = r.Profile, r.Agent
	if r.refuse != "" {
		if e.Kind == reply.KindQuestionViewed {
			return nil // bookkeeping a viewer leaves undone, silently
		}
		refuse := r.refuse
		e.State, e.LastError = reply.StateFailed, refuse
		return func() tea.Msg { return OutboxMsg{Entry: e, Err: ReadOnlyError(refuse)} }
	}
	if e.Kind == reply.KindReturnDecision && e.CampaignID == 0 {
		e.CampaignID = r.Campaign
	}
	ob := r.Outbox
	return func() tea.Msg {
		got, err := ob.Enqueue(e)
		return OutboxMsg{Entry: got, Err: err}
	}
}

// Latest is the newest outbox entry of an item, for its state marker.
func (r *Replies) Latest(pane PaneID, item string) (reply.Entry, bool) {
	var best reply.Entry
	found := false
	for _, e := range r.Outbox.List() {
		if e.Kind.Pane() == pane && e.ItemID == item && (!found || e.Created.After(best.Created)) {
			best, found = e, true
		}
	}
	return best, found
}

// Pending counts entries not yet sent or failed, for the status bar.
func (r *Replies) Pending() (pending, failed int) {
	for _, e := range r.Outbox.List() {
		switch {
		case e.State.Pending():
			pending++
		case e.State == reply.StateFailed:
			failed++
		}
	}
	return pending, failed
}

// flushDrafts saves due drafts in a command.
func (r *Replies) flushDrafts(now time.Time) tea.Cmd {
	d := r.Debounce
	return func() tea.Msg {
		n, err := d.FlushDue(now)
		if err != nil {
			return NoticeMsg{Err: err}
		}
		if n > 0 {
			// Redraws an editor that was showing an earlier failed save.
			return draftSavedMsg{}
		}
		return nil
	}
}

// draftSavedMsg reports that due drafts reached the disk.
type draftSavedMsg struct{}
