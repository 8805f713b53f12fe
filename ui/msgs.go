package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/theme"
)

// Routed is a message for one pane only; the app delivers it to that pane
// whether or not it has focus.
type Routed interface{ TargetPane() PaneID }

// Seq numbers a pane's requests (its reads of the store, a search). The
// pane drops results whose number is no longer current, so a slow read
// cannot overwrite a newer one.
type Seq struct{ n uint64 }

// Next starts a request and makes every earlier one stale.
func (s *Seq) Next() uint64 { s.n++; return s.n }

// Current reports whether a result belongs to the latest request.
func (s Seq) Current(seq uint64) bool { return seq == s.n }

// RefreshMsg asks a pane to read the store again (the global R key, which
// with a live sync also asks the marketplace).
type RefreshMsg struct{}

// RetryMsg asks the focused pane to retry what failed (the global r key).
type RetryMsg struct{}

// ThemeMsg carries new styles to every pane (terminal background learnt,
// colour profile changed).
type ThemeMsg struct{ Styles theme.Styles }

// StatusMsg is a report for the status bar about a pane: its sync
// finished (Synced set) or failed (Err), or the pane's read of the store
// failed (Err) or, after failing, succeeded (Err nil, Synced zero: the
// error goes, the last sync's time stands). Panes send it as a command's
// result, after they accepted the result, so stale reads never reach the
// status bar.
type StatusMsg struct {
	Pane   PaneID
	Synced time.Time
	Err    error
	// Cached: the load failed but the pane shows what the store kept.
	Cached bool
}

// Syncer is implemented by panes that can tell whether a load is in
// flight; the status bar then shows "syncing…". It is asked at render
// time rather than told by message, so it can never be out of order.
type Syncer interface{ Syncing() bool }

// Positioner is a pane that says where its cursor is in its whole list:
// the status bar shows "123 / 14,305".
type Positioner interface {
	Position() (pos, total int, ok bool)
}

// Status returns a command delivering msg, for panes' Update results.
func Status(msg StatusMsg) tea.Cmd { return func() tea.Msg { return msg } }

// JumpMsg focuses Pane and selects the item ID there (from the inbox or a
// search result). Then, when set, is delivered to that pane once the item
// is selected: the key that opens the answer editor, for example.
type JumpMsg struct {
	Pane PaneID
	ID   string
	Then tea.Msg
}

// SyncNowMsg asks the live sync to bring a pane's items into the store
// now (R), or with Poll to read what changed at once (a chat message was
// delivered and should show in its conversation). Without a live sync it
// does nothing.
type SyncNowMsg struct {
	Pane PaneID
	Poll bool
}

// StoreChangedMsg is broadcast after a sync wrote into the local store:
// views built from the store (the inbox, open searches) reload.
type StoreChangedMsg struct {
	Panes []PaneID
}

// JumpDoneMsg tells the app that a pane selected the item a JumpMsg asked
// for; the app then delivers Then to that pane.
type JumpDoneMsg struct {
	Pane PaneID
	Then tea.Msg
}
