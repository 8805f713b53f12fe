package panes

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The inbox (tab 0) is triage: everything awaiting the seller in every
// pane, and in the other profiles' stores, most urgent first. It reads
// only the local stores; enter and the answer key jump to the item in its
// own pane, where the usual reply flow takes over.

// inboxRow is one item with its row text sanitized once, on load.
type inboxRow struct {
	u       store.Urgent
	profile string // another profile's name; "" for this profile's items
	label   string // the pane's short name
	title   string
	snippet string
}

// key is the item's ID, which is what the store's windows name rows by
// (n and N land on it).
func (r *inboxRow) key() string { return r.u.ID }

// jump is where enter takes the user.
func (r *inboxRow) jump(then tea.Msg) ui.JumpMsg {
	return ui.JumpMsg{Pane: r.u.Pane, ID: r.u.ID, Then: then}
}

type inboxPane struct {
	*ui.Split[*inboxRow]
	env  ui.Env
	w, h int
	help []key.Binding // enter and the answer key, described for the inbox

	// acts asks before switching to another profile (the one action the
	// Inbox has of its own: answering goes on to the item's pane).
	acts *actions
	// mine shows only the items assigned to this agent (team inbox).
	mine bool
}

// newInboxPane reads own (the profile's store) and others, which are
// only read: their items are answered after switching to their profile.
func newInboxPane(env ui.Env, own *store.Store, others []ui.ProfileStore) ui.Pane {
	env = wbEnv(env)
	stores, names := store.Inboxes{own}, []string{""}
	for _, o := range others {
		if o.Store != nil && o.Store != own {
			stores, names = append(stores, o.Store), append(names, o.Name)
		}
	}
	answer := env.Keys.Reply.Answer
	answer.SetHelp(answer.Help().Key, env.Tr.Get("inbox.key.answer"))
	open := env.Keys.List.Open
	open.SetHelp(open.Help().Key, env.Tr.Get("inbox.key.open"))
	p := &inboxPane{env: env, help: []key.Binding{open, answer}, acts: newActions(env, ui.PaneInbox)}
	if env.Agent != "" {
		p.help = append(p.help, env.Keys.List.Mine, env.Keys.Reply.Assign)
	}
	p.Split = ui.NewSplit(env, ui.SplitConfig[*inboxRow]{
		ID:         ui.PaneInbox,
		Row:        p.row,
		Detail:     p.detail,
		Key:        (*inboxRow).key,
		ItemPane:   func(r *inboxRow) ui.PaneID { return r.u.Pane },
		Help:       p.help,
		Rows:       stores,
		FixedOrder: true,
		Query:      p.query,
		FilterNote: func() string {
			if p.mine {
				return env.Tr.Get("mine.note")
			}
			return ""
		},
		ClearFilter: func() tea.Cmd {
			p.mine = false
			return p.ReloadWindow()
		},
		Decode: inboxDecoder(names, env.Tr),
	})
	return p
}

// inboxDecoder turns a row of the merged stores into an inbox row; names
// are the stores' profiles ("" for this profile's own).
func inboxDecoder(names []string, tr i18n.T) func(store.PaneRow, time.Time) (*inboxRow, error) {
	return func(r store.PaneRow, now time.Time) (*inboxRow, error) {
		u := store.Urgent{Pane: r.Kind.Pane(), Kind: r.Kind, ID: r.ID, Title: r.Title, Snippet: r.Snippet,
			At: r.At, Created: r.Created, Deadline: r.Deadline}
		if u.HasDeadline() {
			u.Left = u.Deadline.Sub(now)
		}
		profile := ""
		if r.Source < len(names) {
			profile = names[r.Source]
		}
		return newInboxRow(u, profile, titleFor(r.Row, tr), tr), nil
	}
}

func (p *inboxPane) Mode() ui.Mode {
	if m, ok := p.acts.mode(); ok {
		return m
	}
	return p.Split.Mode()
}

func (p *inboxPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.Split.SetSize(w, h)
}

func (p *inboxPane) View() string {
	if p.acts.open != nil {
		return lipgloss.Place(p.w, p.h, lipgloss.Center, lipgloss.Center, p.acts.view(min(p.w, 60), p.h))
	}
	return p.Split.View()
}

// ShortHelp names enter and the answer key by what they do here: they
// act in the item's own tab.
func (p *inboxPane) ShortHelp() []key.Binding {
	k := p.env.Keys
	if h, ok := p.acts.shortHelp(); ok {
		return h
	}
	switch {
	case p.Split.Mode() != ui.ModeNormal:
		return p.Split.ShortHelp()
	}
	return []key.Binding{k.List.Down, k.List.Up, p.help[0], k.List.Filter, p.help[1]}
}

func (p *inboxPane) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case ui.StoreChangedMsg:
		// A sync or a sent reply in any pane changed what awaits the
		// seller.
		_, cmd := p.Split.Update(ui.RefreshMsg{})
		return p, cmd
	case ui.ThemeMsg:
		p.env.Styles = msg.Styles
	case tea.KeyPressMsg:
		if p.acts.open != nil {
			return p, p.acts.key(msg)
		}
		if p.Split.Mode() != ui.ModeNormal {
			break
		}
		k := p.env.Keys
		switch {
		case key.Matches(msg, k.List.Open):
			return p, p.open(nil)
		case key.Matches(msg, k.Reply.Answer):
			// The answer key goes on to the item's pane, whose own editor
			// opens: the same keys and flow as answering there.
			return p, p.open(msg)
		case key.Matches(msg, k.List.Mine):
			return p, p.toggleMine()
		case key.Matches(msg, k.Reply.Pipe):
			// | pipes the item from its own pane, whose draft it becomes.
			return p, p.open(msg)
		}
	}
	_, cmd := p.Split.Update(msg)
	return p, cmd
}

// open jumps to the selected item; another profile's item needs a switch
// of profile first, which the user confirms.
func (p *inboxPane) open(then tea.Msg) tea.Cmd {
	r, ok := p.Selected()
	if !ok {
		return nil
	}
	jump := r.jump(then)
	if r.profile == "" {
		return func() tea.Msg { return jump }
	}
	sw := ui.SwitchProfileMsg{Profile: r.profile, Jump: &jump}
	p.acts.confirmStep(p.env.Tr.Get("inbox.switch", safe.Line(r.profile)), func() tea.Cmd {
		return func() tea.Msg { return sw }
	})
	return nil
}

func (p *inboxPane) now() time.Time { return paneNow(p.env)() }

func (p *inboxPane) row(r *inboxRow, width int, selected bool, st theme.Styles) string {
	return inboxRowView(r, p.now(), width, selected, st, p.env.Tr)
}

func (p *inboxPane) detail(r *inboxRow, width int, st theme.Styles, tr i18n.T) string {
	return inboxDetail(r, p.now(), p.env.Keys, width, st, tr)
}

// newInboxRow sanitizes an item's texts for its row.
func newInboxRow(u store.Urgent, profile, title string, tr i18n.T) *inboxRow {
	r := &inboxRow{
		u: u, profile: profile, label: ui.PaneLabel(tr, u.Pane),
		title: safe.Line(title), snippet: safe.Line(u.Snippet),
	}
	return r
}

// titleFor is the row title; returns are named in the UI language from
// the stored return (the store's own summary is English).
func titleFor(r store.Row, tr i18n.T) string {
	if r.Kind != store.KindReturn {
		return r.Title
	}
	if ret, err := store.Decode[models.YMReturn](r); err == nil {
		return ui.ReturnTitle(tr, ret)
	}
	return r.Title
}

// query is what awaits the seller, or this agent alone ("mine").
func (p *inboxPane) query() store.PaneQuery {
	if p.mine {
		return store.PaneQuery{Filter: store.Filter{Assignee: p.env.Agent}}
	}
	return store.PaneQuery{}
}

// toggleMine shows only the agent's items, or everything again; a local
// app has no assignments and says so.
func (p *inboxPane) toggleMine() tea.Cmd {
	if p.env.Agent == "" {
		return notice(p.env.Tr.Get("mine.local"))
	}
	p.mine = !p.mine
	return p.ReloadWindow()
}
