package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// A key pressed on a pane whose first page has not arrived yet has nothing
// to act on: enter right after a tab switch found an empty list and was
// dropped. The app holds such keys and gives them to the pane, in order,
// once it has items (or has failed: then they are dropped with the error
// on screen). Only list navigation and open are held; an action key is
// never replayed onto an item the user has not seen.

// earlyKeysMax bounds what is held for one pane: a held-down arrow key
// must not pile up.
const earlyKeysMax = 16

// firstLoader is a pane that can still be waiting for its first page
// (Split and every pane built on it).
type firstLoader interface {
	FirstLoading() bool
}

// FirstLoading reports that the pane has nothing to show yet and its first
// page is on its way.
func (s *Split[T]) FirstLoading() bool { return !s.loaded && s.loading && s.err == nil }

// holdEarly keeps msg for the focused pane while that pane is loading its
// first page and msg is a list key; it reports whether msg was kept.
func (a *App) holdEarly(msg tea.KeyPressMsg) bool {
	p := a.Focused()
	fl, ok := p.(firstLoader)
	if !ok || !fl.FirstLoading() || !a.listKey(msg) {
		return false
	}
	if a.early == nil {
		a.early = map[PaneID][]tea.KeyPressMsg{}
	}
	if q := a.early[p.ID()]; len(q) < earlyKeysMax {
		a.early[p.ID()] = append(q, msg)
	}
	return true
}

func (a *App) listKey(msg tea.KeyPressMsg) bool {
	l := a.env.Keys.List
	for _, b := range []key.Binding{l.Up, l.Down, l.Top, l.Bottom, l.PageUp, l.PageDown, l.HalfUp, l.HalfDown, l.Open} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// replayEarly gives pane i the keys held for it once its first page is
// there; it runs after every message the pane handled.
func (a *App) replayEarly(i int) tea.Cmd {
	p := a.panes[i]
	q := a.early[p.ID()]
	if len(q) == 0 {
		return nil
	}
	if fl, ok := p.(firstLoader); ok && fl.FirstLoading() {
		return nil
	}
	delete(a.early, p.ID())
	if !a.paneHasItems(p) {
		return nil // the load failed: the pane says so, the keys have nothing to act on
	}
	cmds := make([]tea.Cmd, 0, len(q))
	for _, k := range q {
		if p.Mode() != ModeNormal {
			break // a replayed key opened something that owns the keyboard
		}
		cmds = append(cmds, a.toPane(i, k))
	}
	return tea.Batch(cmds...)
}

// itemCounter is a pane that knows whether it has loaded items.
type itemCounter interface{ Loaded() int }

// Loaded is how many items the pane holds.
func (s *Split[T]) Loaded() int { return len(s.items) }

func (a *App) paneHasItems(p Pane) bool {
	c, ok := p.(itemCounter)
	return !ok || c.Loaded() > 0
}
