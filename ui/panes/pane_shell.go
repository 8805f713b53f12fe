package panes

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui"
)

// paneShell is the outer skeleton every marketplace pane embeds: its
// Split, the action component, the photo preview and the `f` filter menu,
// and the plumbing around them — who owns the keyboard and the footer (an
// open action, then the menu, then the list), the view with the menu over
// the list, the size, and Update around the pane's own handling.
type paneShell[T any] struct {
	*ui.Split[T]
	acts    *actions
	preview *preview
	menu    filterMenu
	w, h    int

	// self is the pane, which Update hands back to the app.
	self ui.Pane
	// handle is the pane's own Update, for what the shell leaves to it;
	// it passes what it does not take to the Split.
	handle func(tea.Msg) tea.Cmd
	// media hands the preview the selected item's media (nil: none).
	media func() tea.Cmd
	// openFilter builds the `f` form pre-filled with the filters in force;
	// applyFilter takes an applied one.
	openFilter  func() *ui.Form
	applyFilter func(*ui.Form) tea.Cmd
}

func newPaneShell[T any](env ui.Env, id ui.PaneID) paneShell[T] {
	return paneShell[T]{acts: newActions(env, id), preview: newPreview(env, id)}
}

// ShortHelp is the open action's keys, the filter form's, or the list's.
func (s *paneShell[T]) ShortHelp() []key.Binding {
	if h, ok := s.acts.shortHelp(); ok {
		return h
	}
	if s.menu.isOpen() {
		return s.menu.form.ShortHelp()
	}
	return s.Split.ShortHelp()
}

// Mode is the open action's, edit while the filter menu is open (q and
// digits are typed into it), else the list's.
func (s *paneShell[T]) Mode() ui.Mode {
	if m, ok := s.acts.mode(); ok {
		return m
	}
	if s.menu.isOpen() {
		return ui.ModeEdit
	}
	return s.Split.Mode()
}

func (s *paneShell[T]) View() string {
	return s.menu.view(s.Env().Styles, s.Split.View, s.w, s.h)
}

func (s *paneShell[T]) SetSize(w, h int) {
	s.w, s.h = w, h
	s.Split.SetSize(w, s.menu.bodyHeight(h))
}

// Update runs the pane, then brings the photo preview and the detail
// column up to date with the selection and the action in front.
func (s *paneShell[T]) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	// every message: preview results and the terminal's colour profile
	cmds := []tea.Cmd{s.preview.photos.Update(msg), s.route(msg)}
	if s.media != nil {
		cmds = append(cmds, s.media())
	}
	cmds = append(cmds, s.preview.after(s.acts, s.SetAside, s.DetailSize))
	return s.self, tea.Batch(cmds...)
}

// route gives keys to the open action, else to the open filter menu; f
// opens the menu and the preview keys work on the list; the rest is the
// pane's. The open editor also gets what is not a key ($EDITOR's result).
func (s *paneShell[T]) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if s.acts.open != nil {
			return s.acts.key(msg)
		}
		if s.menu.isOpen() {
			form, cmd := s.menu.key(msg)
			if form == nil {
				return cmd
			}
			return s.applyFilter(form) // cmd only blinks the closed form's cursor
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && s.Split.Mode() == ui.ModeNormal {
			if s.openFilter != nil && key.Matches(k, s.Env().Keys.List.FilterMenu) {
				s.menu.form = s.openFilter()
				return nil
			}
			if s.media == nil {
				return s.handle(msg)
			}
			if cmd, ok := s.preview.key(k, s.DetailSize); ok {
				return cmd
			}
		}
		return s.handle(msg)
	}
	return tea.Batch(s.acts.forward(msg), s.handle(msg))
}
