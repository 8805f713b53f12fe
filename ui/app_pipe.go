package ui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// piped turns a pipe command's output into the item's draft and opens the
// editor on it, as if the agent had typed it: nothing is sent until they
// send it. A draft already typed is kept, with the output below it. When
// the agent has moved to another tab or is writing elsewhere, the draft
// waits and the status bar says where.
func (a *App) piped(msg PipedMsg) tea.Cmd {
	tr := a.env.Tr
	if msg.Err != nil {
		var pe *PipeError
		if errors.As(msg.Err, &pe) {
			a.bar.notice = NoticeMsg{Err: errors.New(pe.Text(a.env))}
		} else {
			a.bar.notice = NoticeMsg{Err: errors.New(tr.Get("pipe.failed", msg.Err.Error()))}
		}
		a.bar.logErr("pipe", msg.Err)
		return nil
	}
	r := a.env.Replies
	if r == nil {
		return nil
	}
	k := r.Key(msg.Pane, msg.ID)
	d, _ := r.Draft(k)
	d.Text = joinDraft(d.Text, msg.Text)
	d.UpdatedAt = a.env.now()
	save := r.Touch(k, d, a.env.now())
	answer := a.env.Keys.Reply.Answer
	i := a.tabs.index(msg.Pane)
	p := a.Focused()
	open, ok := keyFor(answer)
	if i < 0 || i != a.tabs.focus || p == nil || p.Mode() != ModeNormal || a.over.open() || !ok {
		a.bar.notice = NoticeMsg{Text: tr.Get("pipe.ready", tr.Get(TitleID(msg.Pane)), answer.Help().Key)}
		return save
	}
	a.bar.notice = NoticeMsg{Text: tr.Get("pipe.opened")}
	jump := JumpMsg{Pane: msg.Pane, ID: msg.ID, Then: open}
	return tea.Batch(save, func() tea.Msg { return jump })
}

// joinDraft puts the command's text under what the agent already wrote.
func joinDraft(typed, piped string) string {
	if strings.TrimSpace(typed) == "" {
		return piped
	}
	return strings.TrimRight(typed, "\n") + "\n\n" + piped
}
