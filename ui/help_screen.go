package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

// helpScreen is the ? overlay: every key and row marker, scrolled with
// the list keys; ? or esc closes it, q quits from it.
type helpScreen struct {
	env  *Env
	top  int // the first line shown
	h    int // the body's height
	w    int
	quit func() tea.Cmd
	// lines is the whole screen, unscrolled, at a width.
	lines func(width int) []string
}

func (hs *helpScreen) setSize(w, h int) { hs.w, hs.h = w, h }

func (hs *helpScreen) handle(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	g := hs.env.Keys.Global
	switch {
	case key.Matches(k, g.Quit):
		return hs.quit(), false
	case hs.scroll(k):
	case key.Matches(k, g.Help), key.Matches(k, hs.env.Keys.List.Back):
		return nil, true
	}
	return nil, false
}

func (hs *helpScreen) view(w, h int) string {
	return fit(strings.Join(hs.window(hs.lines(w), h), "\n"), w, h)
}

// help is the keys that close the screen; the footer adds the legend of
// the focused pane's row markers.
func (hs *helpScreen) help() []key.Binding {
	g := hs.env.Keys.Global
	close := g.Help
	close.SetHelp(close.Help().Key, hs.env.Tr.Get("help.close"))
	return []key.Binding{close, g.Quit}
}

// unlistedKeys are the global and item keys that no column of the ? screen
// names yet: a pane lists the reply keys it wires, and this column makes
// sure P, [, ], *, v, u and the rest are explained on every pane.
func unlistedKeys(env *Env, profiles int, groups [][]key.Binding) []key.Binding {
	shown := func(b key.Binding) bool {
		for _, grp := range groups {
			if slices.ContainsFunc(grp, func(s key.Binding) bool { return slices.Equal(s.Keys(), b.Keys()) }) {
				return true
			}
		}
		return false
	}
	g, r := env.Keys.Global, env.Keys.Reply
	p := r.Profiles
	if profiles <= 1 { // P then does nothing: say how it would
		p.SetHelp(p.Help().Key, env.Tr.Get("help.profiles_one"))
	}
	candidates := []key.Binding{g.Undo, g.Stats, r.Answer, r.Edit, r.Templates, r.Reject, r.Pin, r.ReturnOrder,
		r.Photo, r.PrevPhoto, r.NextPhoto, r.Open, r.Save, r.Pipe, r.Assign, p}
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
func (hs *helpScreen) window(lines []string, h int) []string {
	if len(lines) <= h || h < 2 {
		return lines
	}
	rows := h - 1
	top := min(max(hs.top, 0), len(lines)-rows)
	k := hs.env.Keys.List
	at := (top + rows) * 100 / len(lines)
	hint := hs.env.Styles.Muted.Render(hs.env.Tr.Get("help.scroll", keymap.Name(k.Down), keymap.Name(k.Up), at))
	return append(slices.Clone(lines[top:top+rows]), hint)
}

// helpScroll moves the ? screen with the list keys; false for any other
// key.
func (hs *helpScreen) scroll(msg tea.KeyPressMsg) bool {
	k := hs.env.Keys.List
	rows := max(hs.h-1, 1)
	switch {
	case key.Matches(msg, k.Down):
		hs.top++
	case key.Matches(msg, k.Up):
		hs.top--
	case key.Matches(msg, k.PageDown):
		hs.top += rows
	case key.Matches(msg, k.PageUp):
		hs.top -= rows
	case key.Matches(msg, k.HalfDown):
		hs.top += rows / 2
	case key.Matches(msg, k.HalfUp):
		hs.top -= rows / 2
	case key.Matches(msg, k.Top):
		hs.top = 0
	case key.Matches(msg, k.Bottom):
		hs.top = len(hs.lines(hs.w))
	default:
		return false
	}
	// kept within the lines, so going back up starts moving at once
	hs.top = min(max(hs.top, 0), max(len(hs.lines(hs.w))-rows, 0))
	return true
}
