package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Presence is the team inbox's soft lock: who has an item open in the
// answer editor. It is advice, not a lock: a colleague is warned and may
// take over; the outbox still refuses a second reply in flight. A local
// app has none (Env.Presence nil).
type Presence interface {
	// Hold says agent is writing to the item now; an empty id says they
	// are writing to nothing. A hold lapses unless renewed within the
	// registry's expiry, so a session that vanished frees its items.
	Hold(agent string, pane PaneID, id string)
	// Holder is who other than self is writing to the item.
	Holder(pane PaneID, id, self string) (Holding, bool)
}

// Holding is an agent's hold on an item.
type Holding struct {
	Agent string
	Since time.Time
}

// PresenceChangedMsg is broadcast when a hold was taken or let go: rows
// and details show the new state.
type PresenceChangedMsg struct{}

// Answering is a pane that says which item its editor writes to; a pane
// in ModeEdit that is not one writes to its selected item.
type Answering interface {
	Answering() (id string, ok bool)
}

// writingTo is the item the focused pane's editor writes to, if any.
func writingTo(p Pane) (PaneID, string) {
	if p == nil || p.Mode() != ModeEdit {
		return "", ""
	}
	if a, ok := p.(Answering); ok {
		if id, ok := a.Answering(); ok {
			return p.ID(), id
		}
		return "", ""
	}
	if s, ok := p.(Selector); ok && s.SelectedKey() != "" {
		return p.ID(), s.SelectedKey()
	}
	return "", ""
}

// presenceState is the app's side of presence: what this agent holds.
type presenceState struct {
	env     *Env
	agent   string
	pane    PaneID
	id      string
	renewed time.Time
}

// presenceRenew is how often a hold being written in is renewed; the
// registry's expiry is several times longer.
const presenceRenew = 30 * time.Second

// track tells the registry what the agent writes to now, when that
// changed or the hold is due for renewal.
func (ps *presenceState) track(p Pane) {
	if ps.env.Presence == nil || ps.agent == "" {
		return
	}
	pane, id := writingTo(p)
	now := ps.env.now()
	if pane == ps.pane && id == ps.id && (id == "" || now.Sub(ps.renewed) < presenceRenew) {
		return
	}
	ps.pane, ps.id, ps.renewed = pane, id, now
	ps.env.Presence.Hold(ps.agent, pane, id)
}

// other is a colleague's hold on an item, for this agent.
func (ps *presenceState) other(pane PaneID, id string) (Holding, bool) {
	if ps.env.Presence == nil || id == "" {
		return Holding{}, false
	}
	return ps.env.Presence.Holder(pane, id, ps.agent)
}

// opensEditor reports keys that start writing to the selected item: the
// answer and edit keys, templates, and a letter of another script.
func opensEditor(env Env, msg tea.KeyPressMsg) bool {
	r := env.Keys.Reply
	return key.Matches(msg, r.Answer) || key.Matches(msg, r.Edit) || key.Matches(msg, r.Templates) ||
		(foreignLetter(msg) && !bound(env.Keys, msg))
}

// takeOver asks before writing to an item a colleague is writing to; yes
// passes the key on to the pane, which opens its editor as usual.
type takeOver struct {
	env     Env
	confirm *Confirm
	pass    func() tea.Cmd
	w, h    int
}

func newTakeOver(env Env, h Holding, pass func() tea.Cmd) *takeOver {
	q := env.Tr.Get("presence.take_over", safe.Line(h.Agent), h.Since.Local().Format("15:04"))
	return &takeOver{env: env, confirm: NewConfirm(env, q), pass: pass}
}

func (t *takeOver) handle(msg tea.Msg) (tea.Cmd, bool) {
	answered, yes := t.confirm.Update(msg)
	switch {
	case !answered:
		return nil, false
	case yes:
		return t.pass(), true
	}
	return nil, true
}

func (t *takeOver) view(w, h int) string {
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, t.confirm.View(min(w, 64)))
}

func (t *takeOver) help() []key.Binding {
	return []key.Binding{t.env.Keys.Confirm.Yes, t.env.Keys.Confirm.No}
}

func (t *takeOver) setSize(w, h int) { t.w, t.h = w, h }

// presenceLabel is a row's note of a colleague writing to it ("✍ Anna"),
// at most a few cells so the row keeps its columns.
func presenceLabel(h Holding) string {
	return MarkHeld + " " + safe.Truncate(safe.Line(h.Agent), 8)
}

// presenceLine is the detail's first line while a colleague writes to
// the item.
func presenceLine(env Env, h Holding, width int) string {
	return env.Styles.StatusWarn.Render(safe.Truncate(env.Tr.Get("presence.answering", safe.Line(h.Agent), h.Since.Local().Format("15:04")), width))
}

// holder is a colleague writing to the item, for its row and detail.
func (s *Split[T]) holder(it T) (Holding, bool) {
	if s.env.Presence == nil || s.cfg.Key == nil {
		return Holding{}, false
	}
	pane := s.cfg.ID
	if s.cfg.ItemPane != nil {
		pane = s.cfg.ItemPane(it)
	}
	return s.env.Presence.Holder(pane, s.cfg.Key(it), s.env.Agent)
}

// rowLabeled is the item's row with a colleague's name at its end.
func (s *Split[T]) rowLabeled(it T, label string, width int, selected bool) string {
	lw := safe.Width(label) + 1
	if width < lw+10 {
		return s.cfg.Row(it, width, selected, s.env.Styles)
	}
	row := s.cfg.Row(it, width-lw, selected, s.env.Styles)
	if pad := width - lw - lipgloss.Width(row); pad > 0 {
		row += strings.Repeat(" ", pad)
	}
	return row + " " + s.env.Styles.StatusWarn.Render(label)
}

// gate asks before a key that would open the editor on an item a
// colleague is writing to; pass is what the key does once the agent
// chose to take over. It reports whether it asked.
func (ps *presenceState) gate(msg tea.KeyPressMsg, p Pane, over *overlays, pass func() tea.Cmd) bool {
	if ps.env.Presence == nil || p == nil || p.Mode() != ModeNormal || !opensEditor(*ps.env, msg) {
		return false
	}
	s, ok := p.(Selector)
	if !ok {
		return false
	}
	h, held := ps.other(p.ID(), s.SelectedKey())
	if !held {
		return false
	}
	over.push(newTakeOver(*ps.env, h, pass))
	return true
}
