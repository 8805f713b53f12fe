package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Team is the team inbox as a session sees it (`sellerinbox serve`); a
// local app has none (Env.Team nil).
type Team interface {
	// Colleagues are the agents an item can be given to, this one
	// included.
	Colleagues() []string
	// Assign gives the item to agent ("" takes it away) on by's behalf,
	// and tells every session the store changed.
	Assign(ctx context.Context, pane PaneID, id, agent, by string) error
	// Notes are whose the items are and who answered them last.
	Notes(ctx context.Context, pane PaneID, ids []string) (map[string]store.TeamNote, error)
}

// ItemPaner is a pane whose selected item may belong to another pane
// (the Inbox's rows); others' items are their own.
type ItemPaner interface{ SelectedPane() PaneID }

// SelectedPane is the pane the selected item belongs to.
func (s *Split[T]) SelectedPane() PaneID {
	if it, ok := s.Selected(); ok && s.cfg.ItemPane != nil {
		return s.cfg.ItemPane(it)
	}
	return s.cfg.ID
}

// assignedMsg is the result of an assignment.
type assignedMsg struct {
	agent string
	err   error
}

// assignKey opens the assignment list for the selected item, or says why
// there is none.
func assignKey(env Env, p Pane, over *overlays) tea.Cmd {
	tr := env.Tr
	if env.Team == nil {
		return notice(NoticeMsg{Text: tr.Get("assign.local")})
	}
	if env.ReadOnly {
		return notice(NoticeMsg{Err: errors.New(tr.Get("readonly.refused"))})
	}
	s, ok := p.(Selector)
	if !ok || s.SelectedKey() == "" {
		return nil
	}
	pane := p.ID()
	if ip, ok := p.(ItemPaner); ok {
		pane = ip.SelectedPane()
	}
	over.push(newAssignList(env, pane, s.SelectedKey()))
	return nil
}

// assignList chooses who gets the item: me first, then the colleagues,
// then nobody.
type assignList struct {
	env     Env
	pane    PaneID
	id      string
	choices []string // agents; "" is nobody
	cursor  int
	w, h    int
}

func newAssignList(env Env, pane PaneID, id string) *assignList {
	choices := []string{env.Agent}
	for _, c := range env.Team.Colleagues() {
		if c != env.Agent && c != "" {
			choices = append(choices, c)
		}
	}
	return &assignList{env: env, pane: pane, id: id, choices: append(choices, "")}
}

func (l *assignList) handle(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	km := l.env.Keys
	switch {
	case key.Matches(k, km.Form.Cancel):
		return nil, true
	case key.Matches(k, km.List.Down), key.Matches(k, km.Form.NextField):
		l.cursor = min(l.cursor+1, len(l.choices)-1)
	case key.Matches(k, km.List.Up), key.Matches(k, km.Form.PrevField):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(k, km.Form.Apply):
		team, ctx, pane, id, agent, by := l.env.Team, l.env.Ctx, l.pane, l.id, l.choices[l.cursor], l.env.Agent
		if ctx == nil {
			ctx = context.Background()
		}
		return func() tea.Msg {
			return assignedMsg{agent: agent, err: team.Assign(ctx, pane, id, agent, by)}
		}, true
	}
	return nil, false
}

func (l *assignList) view(w, h int) string {
	st, tr := l.env.Styles, l.env.Tr
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(tr.Get("assign.title")) + "\n\n")
	for i, c := range l.choices {
		name := safe.Line(c)
		switch {
		case c == "":
			name = tr.Get("assign.nobody")
		case c == l.env.Agent:
			name = tr.Get("assign.me", name)
		}
		line := "  " + name
		if i == l.cursor {
			line = st.RowSelected.Render("› " + name)
		}
		b.WriteString(line + "\n")
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, strings.TrimRight(b.String(), "\n"))
}

func (l *assignList) help() []key.Binding {
	k := l.env.Keys
	return []key.Binding{k.List.Down, k.List.Up, k.Form.Apply, k.Form.Cancel}
}

func (l *assignList) setSize(w, h int) { l.w, l.h = w, h }

// assignedNote is the status bar's word on an assignment.
func assignedNote(env Env, msg assignedMsg) NoticeMsg {
	tr := env.Tr
	switch {
	case msg.err != nil:
		return NoticeMsg{Err: errors.New(tr.Get("assign.failed", ErrorText(msg.err, tr)))}
	case msg.agent == "":
		return NoticeMsg{Text: tr.Get("assign.removed")}
	}
	return NoticeMsg{Text: tr.Get("assign.done", safe.Line(msg.agent))}
}

// noteLine is the detail's line of whose the item is and who answered it.
func noteLine(env Env, n store.TeamNote, width int) string {
	tr := env.Tr
	var parts []string
	if n.Assignee != "" {
		parts = append(parts, tr.Get("assign.note", safe.Line(n.Assignee), safe.Line(n.AssignedBy)))
	}
	if n.Answered && n.AnsweredBy != "" {
		parts = append(parts, tr.Get("answered.by", safe.Line(n.AnsweredBy), clockOrDate(n.AnsweredAt, env.now())))
	}
	if len(parts) == 0 {
		return ""
	}
	return env.Styles.Muted.Render(safe.Truncate(strings.Join(parts, " · "), width))
}

// clockOrDate is 10:42 today, 03.12 10:42 before.
func clockOrDate(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04")
	}
	return t.Format("02.01 15:04")
}

// noteKey names a row's note: items of several panes share the Inbox.
func noteKey(pane PaneID, id string) string { return string(pane) + "/" + id }

// itemPaneKey is, for the read command, the pane and key of an item.
func (s *Split[T]) itemPaneKey() func(T) (PaneID, string) {
	key, itemPane, own := s.cfg.Key, s.cfg.ItemPane, s.cfg.ID
	if key == nil {
		return nil
	}
	return func(it T) (PaneID, string) {
		p := own
		if itemPane != nil {
			p = itemPane(it)
		}
		return p, key(it)
	}
}

// readNotes reads the team's notes of a window's items, pane by pane.
func readNotes[T any](ctx context.Context, team Team, paneOf func(T) (PaneID, string), items []T, have []bool) (map[string]store.TeamNote, error) {
	if paneOf == nil {
		return nil, nil
	}
	byPane := map[PaneID][]string{}
	for i, it := range items {
		if have[i] {
			p, id := paneOf(it)
			byPane[p] = append(byPane[p], id)
		}
	}
	out := map[string]store.TeamNote{}
	for p, ids := range byPane {
		notes, err := team.Notes(ctx, p, ids)
		if err != nil {
			return out, err
		}
		for id, n := range notes {
			out[noteKey(p, id)] = n
		}
	}
	return out, nil
}

// teamNote is the team's note of an item, if any.
func (s *Split[T]) teamNote(it T) (store.TeamNote, bool) {
	if s.notes == nil {
		return store.TeamNote{}, false
	}
	paneOf := s.itemPaneKey()
	if paneOf == nil {
		return store.TeamNote{}, false
	}
	p, id := paneOf(it)
	n, ok := s.notes[noteKey(p, id)]
	return n, ok
}

// assigneeLabel is a row's note of whose the item is ("→ anna").
func assigneeLabel(agent string) string {
	return "→ " + safe.Truncate(safe.Line(agent), 8)
}
