package ui

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Live is the app's side of the background sync that keeps the
// profile's store current. The sync itself runs outside the app, once per
// store however many inboxes show it (internal/app's services), and
// reports every call with SyncReportMsg; the app shows the sync state,
// reads the counts and notifies.
type Live struct {
	Store *store.Store
	// Panes are the panes the sync covers: those the profile's tokens
	// reach.
	Panes  []PaneID
	Notify Notify
	// SyncNow asks the sync to sync a pane or poll at once (R, a
	// delivered reply); it must not block. nil: nothing to ask.
	SyncNow func(SyncNowMsg)
	// CaughtUp, when set, lists the panes whose first sync finished before
	// this app started (an agent joining the team inbox): their first
	// count is a baseline, not news.
	CaughtUp func() []PaneID
}

// DefaultPollEvery keeps a poll (one to three requests per service) far
// inside every documented limit.
const DefaultPollEvery = time.Minute

// SyncReportMsg is one finished call of the background sync: a bounded
// sync of Pane, or with Poll a read of what changed (the chats' feed
// among it).
type SyncReportMsg struct {
	Pane    PaneID
	Poll    bool
	Err     error
	Changed bool // the call wrote into the store
	More    bool // the pane's sync goes on with another call
	At      time.Time
}

// liveSync is the app's side of Live: the last counts (the baseline of
// notifications) and the last failure.
type liveSync struct {
	Live
	pending map[store.Pane]int // nil until the first reading
	err     error              // the last sync or poll failure; nil once one succeeds
	// caughtUp: the pane's first sync finished; settled: a count was read
	// after that. Only settled panes notify, so neither the backlog of a
	// first run nor what arrived while the app was closed rings the bell.
	caughtUp, settled map[store.Pane]bool
	countSeq          Seq

	env  *Env // the app's
	tabs *tabs
	bar  *statusLine // notifications leave a note
}

func newLiveSync(l *Live, env *Env, t *tabs, bar *statusLine) *liveSync {
	if l == nil || l.Store == nil {
		return nil
	}
	return &liveSync{Live: *l, caughtUp: map[store.Pane]bool{}, settled: map[store.Pane]bool{}, env: env, tabs: t, bar: bar}
}

// countsMsg is a reading of the store's counts.
type countsMsg struct {
	seq     uint64
	pending map[store.Pane]int
	err     error
}

// storePane maps the UI's pane IDs to the store's; they share names.
func storePane(id PaneID) (store.Pane, bool) {
	p := id
	return p, slices.Contains(store.Panes, p)
}

// liveInit reads the counts that later readings are compared with.
func (l *liveSync) init() tea.Cmd {
	if l == nil {
		return nil
	}
	if l.CaughtUp != nil {
		for _, id := range l.CaughtUp() {
			l.caughtUp[id] = true
		}
	}
	return l.readCounts()
}

// liveUpdate handles the live sync's messages; ok is false for others.
func (l *liveSync) update(msg tea.Msg) (tea.Cmd, bool) {
	if l == nil {
		return nil, false
	}
	switch msg := msg.(type) {
	case SyncReportMsg:
		return l.syncReported(msg), true
	case SyncNowMsg:
		if l.SyncNow == nil {
			return nil, true
		}
		ask := l.SyncNow
		return func() tea.Msg { ask(msg); return nil }, true
	case StoreChangedMsg:
		// besides what the panes do with it: the counts may have moved
		return tea.Batch(l.tabs.broadcast(msg), l.readCounts()), true
	case countsMsg:
		return l.countsRead(msg), true
	}
	return nil, false
}

// syncReported shows a sync call's outcome: the pane's time or failure
// in the status bar, the views re-read what it wrote, and the counts are
// read again when they may have moved.
func (l *liveSync) syncReported(msg SyncReportMsg) tea.Cmd {
	if msg.Err != nil {
		l.err = msg.Err
		if msg.Poll {
			return nil
		}
		// The pane shows what the store holds; the status bar says the
		// sync failed and why. The next poll tries again.
		return Status(StatusMsg{Pane: msg.Pane, Err: msg.Err, Cached: true})
	}
	l.err = nil
	var cmds []tea.Cmd
	if !msg.Poll && !msg.More {
		cmds = append(cmds, Status(StatusMsg{Pane: msg.Pane, Synced: msg.At}))
	}
	// A pane that just caught up needs a reading after its last write,
	// even one that changed nothing: it becomes the pane's baseline.
	firstCatchUp := !msg.Poll && !msg.More && !l.caughtUp[msg.Pane]
	if firstCatchUp {
		l.caughtUp[msg.Pane] = true
	}
	if msg.Changed {
		cmds = append(cmds, broadcastCmd(StoreChangedMsg{Panes: []PaneID{msg.Pane}}))
	} else if firstCatchUp {
		cmds = append(cmds, l.readCounts())
	}
	return tea.Batch(cmds...)
}

func (l *liveSync) readCounts() tea.Cmd {
	seq, ctx, st := l.countSeq.Next(), l.env.Ctx, l.Store
	return func() tea.Msg {
		c, err := st.Counts(ctx)
		if err != nil {
			return countsMsg{seq: seq, err: err}
		}
		return countsMsg{seq: seq, pending: store.PendingByPane(c)}
	}
}

// countsRead compares the new counts with the last ones: panes that gained
// work reload their list (so the new items show) and, if the config asks,
// ring the bell or send a desktop notification.
func (l *liveSync) countsRead(msg countsMsg) tea.Cmd {
	if !l.countSeq.Current(msg.seq) {
		return nil // an older reading: a newer one is on its way
	}
	if msg.err != nil {
		l.err = msg.err
		return nil
	}
	prev := l.pending
	l.pending = msg.pending
	var cmds []tea.Cmd
	var gains []store.Gain
	for _, g := range store.Gained(prev, msg.pending) {
		i := l.tabs.index(g.Pane)
		if i < 0 || !l.settled[g.Pane] {
			continue
		}
		gains = append(gains, g)
		if l.tabs.panes[i].Mode() == ModeNormal {
			cmds = append(cmds, l.tabs.toPane(i, RefreshMsg{}))
		}
	}
	cmds = append(cmds, l.notify(gains))
	for p, ok := range l.caughtUp {
		l.settled[p] = l.settled[p] || ok
	}
	return tea.Batch(cmds...)
}

// liveStatus is the status bar's word on the background sync: offline when
// the network is unreachable (the store is still fully browsable), the
// failure otherwise.
func (l *liveSync) status(tr i18n.T) (text string, isErr bool) {
	if l == nil || l.err == nil {
		return "", false
	}
	if e, ok := api.AsError(l.err); ok && e.Kind == api.KindNetwork {
		return tr.Get("status.offline_store"), false
	}
	return tr.Get("status.sync_failed", ErrorText(l.err, tr)), true
}

func broadcastCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
