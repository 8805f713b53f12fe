package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"
)

// jumpUpdate moves the user to an item in another pane (from the inbox or
// a search) or another profile; ok is false for other messages.
func (a *App) jumpUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case JumpMsg:
		return a.jump(msg), true
	case JumpDoneMsg:
		// Then is a key for the pane the user jumped to; if they have moved
		// on to another tab meanwhile it would act out of sight.
		i := a.tabs.index(msg.Pane)
		if msg.Then == nil || i < 0 || i != a.tabs.focus {
			return nil, true
		}
		pass := func() tea.Cmd { return a.tabs.toPane(i, msg.Then) }
		if k, ok := msg.Then.(tea.KeyPressMsg); ok && a.pres.gate(k, a.tabs.panes[i], &a.over, pass) {
			return nil, true
		}
		return pass(), true
	case SwitchProfileMsg:
		if msg.Profile == "" || msg.Profile == a.opt.Profile {
			if msg.Jump != nil {
				return a.jump(*msg.Jump), true
			}
			return nil, true
		}
		a.SwitchTo, a.JumpAfterSwitch = msg.Profile, msg.Jump
		return tea.Quit, true
	}
	return nil, false
}

// jump focuses the pane and lets it select the item. A pane with an open
// editor or question keeps it: jumping would pull the item from under it.
func (a *App) jump(msg JumpMsg) tea.Cmd {
	tr := a.env.Tr
	i := a.tabs.index(msg.Pane)
	if i < 0 {
		a.bar.notice = NoticeMsg{Err: errors.New(tr.Get("jump.unknown_pane", tr.Get(TitleID(msg.Pane))))}
		return nil
	}
	if m := a.tabs.panes[i].Mode(); m == ModeEdit || m == ModeConfirm {
		a.bar.notice = NoticeMsg{Err: errors.New(tr.Get("jump.busy", a.tabs.panes[i].Title()))}
		a.tabs.focus = i
		return nil
	}
	a.tabs.focus = i
	a.over.closeHelp()
	return a.tabs.toPane(i, msg)
}
