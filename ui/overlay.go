package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Overlays are the screens over the panes: the ? help, the ctrl+f search,
// the T templates manager and the P switcher. The one on top owns the
// keyboard (after ctrl+c and a quit question, which work everywhere) and
// is drawn instead of the focused pane; one opens only over a pane in
// normal mode, except the templates manager, which a picker in an editor
// may open. That is the whole precedence: one stack, one rule.
type overlay interface {
	// handle takes a key or a paste; closed reports that the overlay is
	// done and leaves the stack.
	handle(msg tea.Msg) (cmd tea.Cmd, closed bool)
	view(w, h int) string
	// help is the footer's keys while the overlay is on top.
	help() []key.Binding
	setSize(w, h int)
}

type overlays struct {
	stack []overlay
	w, h  int // the body's size: the window without the app's chrome
}

func (o *overlays) top() overlay {
	if len(o.stack) == 0 {
		return nil
	}
	return o.stack[len(o.stack)-1]
}

func (o *overlays) open() bool { return len(o.stack) > 0 }

func (o *overlays) push(ov overlay) {
	ov.setSize(o.w, o.h)
	o.stack = append(o.stack, ov)
}

// handle gives msg to the overlay on top and pops it once it closed.
func (o *overlays) handle(msg tea.Msg) tea.Cmd {
	top := o.top()
	cmd, closed := top.handle(msg)
	if closed && o.top() == top {
		o.stack = o.stack[:len(o.stack)-1]
	}
	return cmd
}

// closeHelp takes the ? screen away: a jump shows the pane it focused.
func (o *overlays) closeHelp() {
	if _, ok := o.top().(*helpScreen); ok {
		o.stack = o.stack[:len(o.stack)-1]
	}
}

func (o *overlays) setSize(w, h int) {
	o.w, o.h = w, h
	for _, ov := range o.stack {
		ov.setSize(w, h)
	}
}

// find is the open overlay of type T, if any.
func find[T overlay](o *overlays) (T, bool) {
	for _, ov := range o.stack {
		if t, ok := ov.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// switcherOverlay is the P form; apply acts on what was chosen.
type switcherOverlay struct {
	form  *Form
	apply func(*Form) tea.Cmd
	w, h  int
}

func (s *switcherOverlay) handle(msg tea.Msg) (tea.Cmd, bool) {
	switch res, cmd := s.form.Update(msg); res {
	case FormApplied:
		return s.apply(s.form), true
	case FormCanceled:
		return nil, true
	default:
		return cmd, false
	}
}

func (s *switcherOverlay) view(w, h int) string {
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s.form.View(w))
}

func (s *switcherOverlay) help() []key.Binding { return s.form.ShortHelp() }
func (s *switcherOverlay) setSize(w, h int)    { s.w, s.h = w, h }

// The templates manager is an overlay as it is.
func (m *tmplManager) handle(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if !m.busy && m.confirm == nil && m.form != nil {
			m.form.edit(msg)
		}
	}
	return nil, false
}

func (m *tmplManager) setSize(int, int) {}

// overlayMsg takes the overlays' own messages: search results, a template
// written, the switcher's data, a picker asking for the manager; ok is
// false for others. What arrives for an overlay closed meanwhile is
// dropped.
func (a *App) overlayMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case searchMsg:
		s, ok := find[*search](&a.over)
		if !ok || !s.seq.Current(msg.searchSeq()) {
			return nil, true // closed or superseded
		}
		switch msg := msg.(type) {
		case searchTickMsg:
			return s.run(msg.text), true
		case searchResultMsg:
			s.results(msg)
		}
		return nil, true
	case tmplWrittenMsg:
		m, ok := find[*tmplManager](&a.over)
		if !ok || msg.owner != m || !m.seq.Current(msg.seq) {
			return nil, true
		}
		if text := m.written(msg); text != "" {
			a.bar.notice = NoticeMsg{Text: text}
		}
		return nil, true
	case statsMsg:
		if v, ok := find[*statsView](&a.over); ok {
			v.arrived(msg)
		}
		return nil, true
	case manageTemplatesMsg:
		// From an editor's picker: the editor stays open underneath.
		if r := a.env.Replies; r != nil && r.Templates != nil && !a.over.open() {
			if !a.env.canLead() {
				a.bar.notice = NoticeMsg{Text: a.env.Tr.Get("templates.leads_only")}
				return nil, true
			}
			a.over.push(newTmplManager(a.env))
		}
		return nil, true
	case switchableMsg:
		if p := a.Focused(); !a.over.open() && (p == nil || p.Mode() == ModeNormal) {
			a.openSwitcher(Switchable(msg))
		}
		return nil, true // or the user went on to something else meanwhile
	}
	return nil, false
}

// openOverlay opens what a global key asks for over a pane in normal
// mode: ?, ctrl+f (with a store), T (with templates), P (with another
// profile or a way to read them); ok is false for other keys.
func (a *App) openOverlay(k tea.KeyPressMsg) (tea.Cmd, bool) {
	g := a.env.Keys.Global
	switch {
	case key.Matches(k, g.Help):
		a.over.push(&helpScreen{env: &a.env, quit: a.quit.key, lines: func(w int) []string {
			return helpLines(&a.env, a.help, len(a.opt.Profiles), a.Focused(), w)
		}})
	case key.Matches(k, g.Search) && a.env.Store != nil:
		a.over.push(newSearch(a.env))
	case key.Matches(k, g.Templates) && a.env.Replies != nil && a.env.Replies.Templates != nil:
		if !a.env.canLead() {
			a.bar.notice = NoticeMsg{Text: a.env.Tr.Get("templates.leads_only")}
			return nil, true
		}
		a.over.push(newTmplManager(a.env))
	case key.Matches(k, g.Stats):
		return openStats(a.env, &a.over), true
	case key.Matches(k, a.env.Keys.Reply.Profiles) && (len(a.opt.Profiles) > 1 || a.opt.Switchable != nil):
		if a.opt.Switchable != nil {
			return readSwitchable(a.env.Ctx, a.opt.Switchable), true
		}
		a.openSwitcher(Switchable{Profiles: a.opt.Profiles})
	default:
		return nil, false
	}
	return nil, true
}

// openSwitcher shows the switcher, unless there is nothing to switch to.
func (a *App) openSwitcher(s Switchable) {
	if f := switcherForm(&a.env, &a.opt, &a.bar, s); f != nil {
		a.over.push(&switcherOverlay{form: f, apply: a.applySwitcher})
	}
}
