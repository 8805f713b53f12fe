package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

// tabs are the panes in tab order and the focused one: keys go to the
// focused pane, window sizes to all, results to the pane they name.
//
// A key pressed on a pane whose first page has not arrived yet has nothing
// to act on: enter right after a tab switch found an empty list and was
// dropped. tabs hold such keys and give them to the pane, in order, once
// it has items (or has failed: then they are dropped with the error on
// screen). Only list navigation and open are held; an action key is never
// replayed onto an item the user has not seen.
type tabs struct {
	panes []Pane
	focus int
	list  keymap.List
	// early holds list keys pressed on a pane still loading its first
	// page, by pane, until it has items.
	early map[PaneID][]tea.KeyPressMsg
}

// earlyKeysMax bounds what is held for one pane: a held-down arrow key
// must not pile up.
const earlyKeysMax = 16

func (t *tabs) index(id PaneID) int {
	return slices.IndexFunc(t.panes, func(p Pane) bool { return p.ID() == id })
}

// focused is the pane with the keyboard, nil when there are none.
func (t *tabs) focused() Pane {
	if len(t.panes) == 0 {
		return nil
	}
	return t.panes[t.focus]
}

// focusIndex focuses pane i, wrapping around at either end.
func (t *tabs) focusIndex(i int) {
	if n := len(t.panes); n > 0 {
		t.focus = ((i % n) + n) % n
	}
}

func (t *tabs) toFocused(msg tea.Msg) tea.Cmd {
	if len(t.panes) == 0 {
		return nil
	}
	return t.toPane(t.focus, msg)
}

func (t *tabs) toPane(i int, msg tea.Msg) tea.Cmd {
	p, cmd := t.panes[i].Update(msg)
	t.panes[i] = p
	if len(t.early) > 0 {
		return tea.Batch(cmd, t.replayEarly(i))
	}
	return cmd
}

// toID delivers msg to the pane it names, if the profile has it.
func (t *tabs) toID(id PaneID, msg tea.Msg) tea.Cmd {
	if i := t.index(id); i >= 0 {
		return t.toPane(i, msg)
	}
	return nil
}

func (t *tabs) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(t.panes))
	for i := range t.panes {
		cmds = append(cmds, t.toPane(i, msg))
	}
	return tea.Batch(cmds...)
}

func (t *tabs) setSize(w, h int) {
	for _, p := range t.panes {
		p.SetSize(w, h)
	}
}

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
func (t *tabs) holdEarly(msg tea.KeyPressMsg) bool {
	p := t.focused()
	fl, ok := p.(firstLoader)
	if !ok || !fl.FirstLoading() || !t.listKey(msg) {
		return false
	}
	if t.early == nil {
		t.early = map[PaneID][]tea.KeyPressMsg{}
	}
	if q := t.early[p.ID()]; len(q) < earlyKeysMax {
		t.early[p.ID()] = append(q, msg)
	}
	return true
}

func (t *tabs) listKey(msg tea.KeyPressMsg) bool {
	l := t.list
	for _, b := range []key.Binding{l.Up, l.Down, l.Top, l.Bottom, l.PageUp, l.PageDown, l.HalfUp, l.HalfDown, l.Open} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// replayEarly gives pane i the keys held for it once its first page is
// there; it runs after every message the pane handled.
func (t *tabs) replayEarly(i int) tea.Cmd {
	p := t.panes[i]
	q := t.early[p.ID()]
	if len(q) == 0 {
		return nil
	}
	if fl, ok := p.(firstLoader); ok && fl.FirstLoading() {
		return nil
	}
	delete(t.early, p.ID())
	if !hasItems(p) {
		return nil // the load failed: the pane says so, the keys have nothing to act on
	}
	cmds := make([]tea.Cmd, 0, len(q))
	for _, k := range q {
		if p.Mode() != ModeNormal {
			break // a replayed key opened something that owns the keyboard
		}
		cmds = append(cmds, t.toPane(i, k))
	}
	return tea.Batch(cmds...)
}

// itemCounter is a pane that knows whether it has loaded items.
type itemCounter interface{ Loaded() int }

// Loaded is how many items the pane holds.
func (s *Split[T]) Loaded() int { return len(s.items) }

func hasItems(p Pane) bool {
	c, ok := p.(itemCounter)
	return !ok || c.Loaded() > 0
}
