package panes

import (
	"strings"

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
	// keys are the pane's keys that act on the selected item, while
	// answering is on.
	keys func() []itemKey[T]
	// contextTail: the item above an editor is shown by its end (a
	// conversation's last messages) rather than its start.
	contextTail bool
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
	opened := s.acts.open == nil
	// every message: preview results and the terminal's colour profile
	cmds := []tea.Cmd{s.preview.photos.Update(msg), s.route(msg)}
	if opened && s.acts.open != nil {
		// An n still on its way must not move the list under the editor.
		s.Split.CancelNext()
	}
	if s.media != nil {
		cmds = append(cmds, s.media())
	}
	cmds = append(cmds, s.aside())
	return s.self, tea.Batch(cmds...)
}

// aside shows in the detail column what is in front: the open action,
// else the photo preview, else the item; a preview re-renders when its
// column changed size (the pane's, or the Split's banner took a line:
// SetSize cannot return a command).
func (s *paneShell[T]) aside() tea.Cmd {
	switch {
	case s.acts.open != nil:
		s.SetAside(s.actionView)
	case s.preview.photos.On():
		s.SetAside(s.preview.photos.View)
	default:
		s.SetAside(nil)
	}
	return s.preview.photos.Resize(s.DetailSize())
}

// route gives keys to the open action, else to the open filter menu; f
// opens the menu and the preview keys work on the list; the rest is the
// pane's. The open editor also gets what is not a key ($EDITOR's result).
func (s *paneShell[T]) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if s.acts.open != nil {
			cmd := s.acts.key(msg)
			if s.acts.queued {
				// sent: on to the next item that needs the seller, as n
				s.acts.queued = false
				cmd = tea.Batch(cmd, s.Split.NextAction())
			}
			return cmd
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
			if cmd, ok := s.previewKey(k); ok {
				return cmd
			}
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && s.Split.Mode() == ui.ModeNormal {
			if cmd, ok := s.itemKey(k); ok {
				return cmd
			}
		}
		return s.handle(msg)
	}
	return tea.Batch(s.acts.forward(msg), s.handle(msg))
}

// actOnce wires a pane that acts on an item once (a return's decision, a
// claim's answer): its answer key starts the action, and a row shows the
// item's newest entry ahead of a draft.
func (s *paneShell[T]) actOnce(start func(T) tea.Cmd) {
	s.acts.once = true
	s.keys = func() []itemKey[T] { return []itemKey[T]{{s.Env().Keys.Reply.Answer, start}} }
}

// filtered names the filters in force above the list (summary, "" for
// the defaults) and reads the store again from the top.
func (s *paneShell[T]) filtered(summary string) tea.Cmd {
	s.menu.summary = summary
	s.SetSize(s.w, s.h)
	return s.ReloadWindow()
}

// itemKey is a key that acts on the selected item.
type itemKey[T any] struct {
	key key.Binding
	run func(T) tea.Cmd
}

// previewKey is a preview key, in a pane with media.
func (s *paneShell[T]) previewKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if s.media == nil {
		return nil, false
	}
	return s.preview.key(k, s.DetailSize)
}

// itemKey runs the pane's key on the selected item; with nothing selected
// or answering off the key is the list's.
func (s *paneShell[T]) itemKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if s.keys == nil || !s.acts.replies() {
		return nil, false
	}
	if key.Matches(k, s.Env().Keys.Reply.Templates) && len(s.Marked()) > 0 {
		return s.StartBulk(), true // the marked items, not the selected one
	}
	for _, b := range s.keys() {
		if !key.Matches(k, b.key) {
			continue
		}
		it, ok := s.Selected()
		if !ok {
			return nil, false
		}
		if key.Matches(k, s.Env().Keys.Reply.Templates) && len(s.Marked()) > 0 {
			return s.StartBulk(), true // the marked items, not the selected one
		}
		return b.run(it), true
	}
	return nil, false
}

// contextMin is the least height of the detail column that shows the item
// above its editor; a smaller one leaves the editor all of it.
const contextMin = 12

// actionView draws the open action. An editor in front has the item it
// answers above it, as a mail client shows the message under reply: two
// fifths of the column, a rule, then the editor.
func (s *paneShell[T]) actionView(w, h int) string {
	a := s.acts.open
	if a == nil || a.editor == nil || a.confirm != nil || a.picker != nil || a.attach != nil || h < contextMin {
		return s.acts.view(w, h)
	}
	item, ok := s.SelectedDetail(w)
	if !ok {
		return s.acts.view(w, h)
	}
	lines := strings.Split(strings.TrimRight(item, "\n"), "\n")
	n := h * 2 / 5
	if len(lines) > n {
		if s.contextTail {
			lines = lines[len(lines)-n:]
		} else {
			lines = lines[:n]
		}
	}
	rule := s.Env().Styles.Muted.Render(strings.Repeat("─", max(w, 1)))
	return strings.Join(lines, "\n") + "\n" + rule + "\n" + s.acts.view(w, h-len(lines)-1)
}

// Answering is the item the open action writes to (ui.Answering), for the
// team inbox's presence: the filter menu, in ModeEdit as well, writes to
// none.
func (s *paneShell[T]) Answering() (string, bool) {
	if a := s.acts.open; a != nil && a.itemID != "" {
		return a.itemID, true
	}
	return "", false
}
