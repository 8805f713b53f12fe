package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

// unlistedKeys are the global and item keys that no column of the ? screen
// names yet: a pane lists the reply keys it wires, and this column makes
// sure P, [, ], *, v, u and the rest are explained on every pane.
func (a *App) unlistedKeys(groups [][]key.Binding) []key.Binding {
	shown := func(b key.Binding) bool {
		for _, grp := range groups {
			if slices.ContainsFunc(grp, func(s key.Binding) bool { return slices.Equal(s.Keys(), b.Keys()) }) {
				return true
			}
		}
		return false
	}
	g, r := a.env.Keys.Global, a.env.Keys.Reply
	profiles := r.Profiles
	if len(a.opt.Profiles) <= 1 { // P then does nothing: say how it would
		profiles.SetHelp(profiles.Help().Key, a.env.Tr.Get("help.profiles_one"))
	}
	candidates := []key.Binding{g.Undo, r.Answer, r.Edit, r.Templates, r.Reject, r.Pin, r.ReturnOrder,
		r.Photo, r.PrevPhoto, r.NextPhoto, r.Open, r.Save, profiles}
	var out []key.Binding
	for _, b := range candidates {
		if b.Enabled() && !shown(b) {
			out = append(out, b)
		}
	}
	return out
}

// helpWindow is the part of the ? screen's lines that fits in h rows,
// from the scroll position; when lines are hidden the last row says how to
// scroll and how far down the window is.
func (a *App) helpWindow(lines []string, h int) []string {
	if len(lines) <= h || h < 2 {
		return lines
	}
	rows := h - 1
	top := min(max(a.helpTop, 0), len(lines)-rows)
	k := a.env.Keys.List
	at := (top + rows) * 100 / len(lines)
	hint := a.env.Styles.Muted.Render(a.env.Tr.Get("help.scroll", keymap.Name(k.Down), keymap.Name(k.Up), at))
	return append(slices.Clone(lines[top:top+rows]), hint)
}

// helpScroll moves the ? screen with the list keys; false for any other
// key.
func (a *App) helpScroll(msg tea.KeyPressMsg) bool {
	k := a.env.Keys.List
	rows := max(a.height-chrome-1, 1)
	switch {
	case key.Matches(msg, k.Down):
		a.helpTop++
	case key.Matches(msg, k.Up):
		a.helpTop--
	case key.Matches(msg, k.PageDown):
		a.helpTop += rows
	case key.Matches(msg, k.PageUp):
		a.helpTop -= rows
	case key.Matches(msg, k.HalfDown):
		a.helpTop += rows / 2
	case key.Matches(msg, k.HalfUp):
		a.helpTop -= rows / 2
	case key.Matches(msg, k.Top):
		a.helpTop = 0
	case key.Matches(msg, k.Bottom):
		a.helpTop = len(a.fullHelpLines())
	default:
		return false
	}
	// kept within the lines, so going back up starts moving at once
	a.helpTop = min(max(a.helpTop, 0), max(len(a.fullHelpLines())-rows, 0))
	return true
}
