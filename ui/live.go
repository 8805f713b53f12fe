package ui

import (
	"context"
	"errors"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
)

// Live keeps the profile's store current while the app runs: a sync of
// every pane at start (resuming from the saved cursors), then a cheap poll
// every Every that syncs only the panes with news. All of it runs with
// background priority, so the user's own requests keep their share of
// every rate limit (see package store).
type Live struct {
	Syncer *syncer.Syncer
	Store  *store.Store
	// Panes are the panes to sync: those the profile's tokens reach.
	Panes []PaneID
	// Every is the poll interval; default DefaultPollEvery.
	Every  time.Duration
	Notify Notify
	// Shared: the store is synced outside the app (serve's one syncer
	// for every session), so the app starts no sync or poll; it reads
	// the counts at start and after every StoreChangedMsg.
	Shared bool
}

// liveStartDelay is how long after start the first syncs begin.
const liveStartDelay = 150 * time.Millisecond

// DefaultPollEvery keeps a poll (one to three requests per service) far
// inside every documented limit.
const DefaultPollEvery = time.Minute

// liveSync is the app's side of Live: which syncs run, the last counts
// (the baseline of notifications) and the last failure.
type liveSync struct {
	Live
	running map[store.Pane]bool
	again   map[store.Pane]bool // news arrived while that pane's sync ran
	pending map[store.Pane]int  // nil until the first reading
	err     error               // the last sync or poll failure; nil once one succeeds
	// caughtUp: the pane's first sync since start finished; settled: a
	// count was read after that. Only settled panes notify, so neither the
	// backlog of a first run nor what arrived while the app was closed
	// rings the bell.
	caughtUp, settled map[store.Pane]bool
	countSeq          Seq
}

func newLiveSync(l *Live) *liveSync {
	if l == nil || l.Store == nil || (l.Syncer == nil && !l.Shared) {
		return nil
	}
	if l.Every <= 0 {
		l.Every = DefaultPollEvery
	}
	return &liveSync{Live: *l, running: map[store.Pane]bool{}, again: map[store.Pane]bool{},
		caughtUp: map[store.Pane]bool{}, settled: map[store.Pane]bool{}}
}

// Messages of the live sync; the app handles them itself.
type (
	syncKickMsg struct{ pane store.Pane }
	syncDoneMsg struct {
		pane store.Pane
		res  syncer.Result
		err  error
	}
	pollTickMsg struct{}
	pollDoneMsg struct {
		res syncer.PollResult
		err error
	}
	countsMsg struct {
		seq     uint64
		pending map[store.Pane]int
		err     error
	}
)

// storePane maps the UI's pane IDs to the store's; they share names.
func storePane(id PaneID) (store.Pane, bool) {
	p := id
	return p, slices.Contains(store.Panes, p)
}

// liveInit syncs every pane once, reads the counts that later readings are
// compared with, and starts the poll timer.
func (a *App) liveInit() tea.Cmd {
	l := a.live
	if l == nil {
		return nil
	}
	if l.Shared {
		return a.sharedInit()
	}
	cmds := []tea.Cmd{a.readCounts(), a.pollAfter(l.Every)}
	for _, id := range l.Panes {
		if p, ok := storePane(id); ok {
			// The panes draw from the store at once; the syncs start a
			// moment later so that their first requests and writes do
			// not compete with the first frame (BenchmarkBinaryFirstRows).
			cmds = append(cmds, tea.Tick(liveStartDelay, func(time.Time) tea.Msg { return syncKickMsg{pane: p} }))
		}
	}
	return tea.Batch(cmds...)
}

// liveUpdate handles the live sync's messages; ok is false for others.
func (a *App) liveUpdate(msg tea.Msg) (tea.Cmd, bool) {
	l := a.live
	if l == nil {
		return nil, false
	}
	switch msg := msg.(type) {
	case syncKickMsg:
		return a.syncPane(msg.pane), true
	case syncDoneMsg:
		return a.syncDone(msg), true
	case pollTickMsg:
		return a.pollNow(), true
	case pollDoneMsg:
		return a.pollDone(msg), true
	case SyncNowMsg:
		if l.Shared || l.Syncer == nil {
			return nil, true // the team's one sync loop syncs for every session
		}
		if p, ok := storePane(msg.Pane); ok && !msg.Poll {
			return a.syncPane(p), true
		}
		return a.pollNow(), true
	case countsMsg:
		return a.countsRead(msg), true
	}
	return nil, false
}

// pollNow reads what changed (the chat events feed among it): on the
// poll timer, and at once when asked (SyncNowMsg).
func (a *App) pollNow() tea.Cmd {
	ctx, sy := a.env.Ctx, a.live.Syncer
	return func() tea.Msg {
		res, err := sy.Poll(ctx, syncer.Background)
		return pollDoneMsg{res: res, err: err}
	}
}

// syncPane runs one bounded sync call for p, unless one is running (then
// it runs again right after: two calls for a pane must not overlap).
func (a *App) syncPane(p store.Pane) tea.Cmd {
	l := a.live
	if l.running[p] {
		l.again[p] = true
		return nil
	}
	l.running[p] = true
	ctx, sy := a.env.Ctx, l.Syncer
	return func() tea.Msg {
		res, err := sy.Sync(ctx, p, syncer.Background)
		return syncDoneMsg{pane: p, res: res, err: err}
	}
}

func (a *App) syncDone(msg syncDoneMsg) tea.Cmd {
	l := a.live
	l.running[msg.pane] = false
	var cmds []tea.Cmd
	switch {
	case canceled(msg.err):
		return nil // quitting
	case msg.err != nil:
		l.err = msg.err
		// The pane shows what the store holds; the status bar says the
		// sync failed and why. The next poll tries again.
		return Status(StatusMsg{Pane: msg.pane, Err: msg.err, Cached: true})
	}
	l.err = nil
	if !msg.res.More {
		cmds = append(cmds, Status(StatusMsg{Pane: msg.pane, Synced: a.env.now()}))
	}
	// A pane that just caught up needs a reading after its last write,
	// even one that changed nothing: it becomes the pane's baseline.
	firstCatchUp := !msg.res.More && !l.caughtUp[msg.pane]
	l.caughtUp[msg.pane] = l.caughtUp[msg.pane] || !msg.res.More
	if msg.res.Changes.Changed() {
		cmds = append(cmds, broadcastCmd(StoreChangedMsg{Panes: []PaneID{msg.pane}}))
	}
	if firstCatchUp || msg.res.Changes.Changed() {
		cmds = append(cmds, a.readCounts())
	}
	switch {
	case msg.res.More:
		// The first sync of a big account is many short calls: the gap
		// lets the user's requests in; a deferred call waits for budget.
		wait := 50 * time.Millisecond
		if msg.res.Deferred {
			wait = max(msg.res.RetryAfter, time.Second)
		}
		p := msg.pane
		cmds = append(cmds, tea.Tick(wait, func(time.Time) tea.Msg { return syncKickMsg{pane: p} }))
	case l.again[msg.pane]:
		l.again[msg.pane] = false
		cmds = append(cmds, a.syncPane(msg.pane))
	}
	return tea.Batch(cmds...)
}

// pollDone syncs the panes with news, and YM returns every time: they have
// no counter to poll.
func (a *App) pollDone(msg pollDoneMsg) tea.Cmd {
	l := a.live
	cmds := []tea.Cmd{a.pollAfter(l.Every)}
	switch {
	case canceled(msg.err):
		return nil
	case msg.err != nil && !errors.Is(msg.err, syncer.ErrNoClient):
		l.err = msg.err
	default:
		l.err = nil
	}
	stale := slices.Clone(msg.res.Stale)
	if slices.Contains(l.Panes, PaneReturns) && !slices.Contains(stale, store.PaneReturns) {
		stale = append(stale, store.PaneReturns)
	}
	for _, p := range stale {
		if slices.Contains(l.Panes, p) {
			cmds = append(cmds, a.syncPane(p))
		}
	}
	if msg.res.Changes.Changed() {
		cmds = append(cmds, broadcastCmd(StoreChangedMsg{Panes: []PaneID{PaneChats}}), a.readCounts())
	}
	return tea.Batch(cmds...)
}

func (a *App) pollAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return pollTickMsg{} })
}

func (a *App) readCounts() tea.Cmd {
	seq, ctx, st := a.live.countSeq.Next(), a.env.Ctx, a.live.Store
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
func (a *App) countsRead(msg countsMsg) tea.Cmd {
	l := a.live
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
		i := a.index(g.Pane)
		if i < 0 || !l.settled[g.Pane] {
			continue
		}
		gains = append(gains, g)
		if a.panes[i].Mode() == ModeNormal {
			cmds = append(cmds, a.toPane(i, RefreshMsg{}))
		}
	}
	cmds = append(cmds, a.notify(gains))
	for p, ok := range l.caughtUp {
		l.settled[p] = l.settled[p] || ok
	}
	return tea.Batch(cmds...)
}

// PendingInStore is the number of items awaiting the seller in the store,
// by pane; ok is false before the first reading.
func (a *App) PendingInStore(id PaneID) (n int, ok bool) {
	if a.live == nil || a.live.pending == nil {
		return 0, false
	}
	p, _ := storePane(id)
	n, ok = a.live.pending[p]
	return n, ok
}

// liveStatus is the status bar's word on the background sync: offline when
// the network is unreachable (the store is still fully browsable), the
// failure otherwise.
func (a *App) liveStatus() (text string, isErr bool) {
	if a.live == nil || a.live.err == nil {
		return "", false
	}
	if e, ok := api.AsError(a.live.err); ok && e.Kind == api.KindNetwork {
		return a.env.Tr.Get("status.offline_store"), false
	}
	return a.env.Tr.Get("status.sync_failed", ErrorText(a.live.err, a.env.Tr)), true
}

// liveSent takes a delivered answer's item out of the stored inbox at once,
// tells the views built on the store, and syncs the item's pane so that the
// marketplace's own copy (the answer, the return's new status) replaces the
// stored one soon rather than at the next poll.
func (a *App) liveSent(e reply.Entry) tea.Cmd {
	if !ResolvesItem(e.Kind) || a.live == nil {
		return nil
	}
	ctx, st := a.env.Ctx, a.live.Store
	p := e.Kind.Pane()
	kind, id := p.Kind(), e.ItemID
	resolve := func() tea.Msg {
		if err := st.Resolve(ctx, kind, id); err != nil {
			return NoticeMsg{Err: err}
		}
		return StoreChangedMsg{Panes: []PaneID{p}}
	}
	sync := SyncNowMsg{Pane: p, Poll: p == PaneChats}
	return tea.Batch(resolve, func() tea.Msg { return sync })
}

func canceled(err error) bool {
	return errors.Is(err, context.Canceled) || api.IsKind(err, api.KindCanceled)
}

func broadcastCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
