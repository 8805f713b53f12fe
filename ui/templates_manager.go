package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The T screen lists the reply templates and creates, edits and deletes
// them. Like the ctrl+f search it owns the keyboard while open (only force
// quit passes), so q and digits are text in its fields and never quit or
// switch tabs. The templates file is written in commands; reply.Templates
// never holds its readers' lock across a write, so the pickers reading it
// on the Update goroutine meanwhile do not wait for the disk.

// manageTemplatesMsg asks the app to open the manager: the template
// picker's key, which closes the picker first.
type manageTemplatesMsg struct{}

// tmplAsk is the question the manager's Confirm is asking.
type tmplAsk int

const (
	askNone    tmplAsk = iota
	askDelete          // delete the target template
	askDiscard         // leave the form, dropping what was typed
)

// tmplManager is the screen's state.
type tmplManager struct {
	env   Env
	store *reply.Templates
	list  []reply.Template // as last read from store, in file order

	cursor, offset int

	form    *tmplForm // the new/edit form, when open
	confirm *Confirm
	asking  tmplAsk
	target  string // the template the question is about

	seq  Seq
	busy bool   // a write is in flight: keys wait for its result
	err  string // why the last write failed, until the next one
}

// tmplWrittenMsg is a finished write of the templates file. owner and seq
// tie it to the manager and the write that started it; a result for a
// closed manager or an earlier write is dropped.
type tmplWrittenMsg struct {
	owner   *tmplManager
	seq     uint64
	deleted bool
	name    string
	list    []reply.Template // the templates after the write, read in the command
	err     error
}

func newTmplManager(env Env) *tmplManager {
	s := env.Replies.Templates
	return &tmplManager{env: env, store: s, list: s.All()}
}

// canManageTemplates: templates are loaded, and no other screen owns the
// keyboard.
func (a *App) canManageTemplates() bool {
	r := a.env.Replies
	return r != nil && r.Templates != nil && a.templates == nil &&
		a.switcher == nil && a.search == nil && !a.showFullHelp
}

// templatesUpdate runs the manager: its results, and every key and paste
// while it is open; T in normal mode (or the picker's key) opens it. ok
// is false for messages it leaves to the rest of the app.
func (a *App) templatesUpdate(msg tea.Msg) (tea.Cmd, bool) {
	m := a.templates
	switch msg := msg.(type) {
	case tmplWrittenMsg:
		if m == nil || msg.owner != m || !m.seq.Current(msg.seq) {
			return nil, true
		}
		if text := m.written(msg); text != "" {
			a.bar.notice = NoticeMsg{Text: text}
		}
		return nil, true
	case manageTemplatesMsg:
		// From an editor's picker: the editor stays open underneath.
		if a.canManageTemplates() {
			a.templates = newTmplManager(a.env)
		}
		return nil, true
	case tea.PasteMsg:
		if m == nil {
			return nil, false
		}
		if !m.busy && m.confirm == nil && m.form != nil {
			m.form.edit(msg)
		}
		return nil, true
	case tea.KeyPressMsg:
		g := a.env.Keys.Global
		if m != nil {
			if key.Matches(msg, g.ForceQuit) {
				return tea.Quit, true
			}
			cmd, closed := m.key(msg)
			if closed {
				a.templates = nil
			}
			return cmd, true
		}
		if key.Matches(msg, g.Templates) && a.canManageTemplates() {
			if p := a.Focused(); p == nil || p.Mode() == ModeNormal {
				a.templates = newTmplManager(a.env)
				return nil, true
			}
		}
	}
	return nil, false
}

// key handles a key; closed reports that the manager is done.
func (m *tmplManager) key(msg tea.KeyPressMsg) (cmd tea.Cmd, closed bool) {
	switch {
	case m.busy:
		// A local write takes milliseconds, and its result decides what
		// the screen shows next: keys in between would act on a guess.
		return nil, false
	case m.confirm != nil:
		return m.answer(msg), false
	case m.form != nil:
		return m.formKey(msg), false
	}
	return m.listKey(msg)
}

func (m *tmplManager) listKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.env.Keys.Templates
	switch {
	case key.Matches(msg, k.Close):
		return nil, true
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.New):
		m.err = ""
		m.form = newTmplForm(m.env, reply.Template{}, false, m.list)
	case key.Matches(msg, k.Edit):
		if t, ok := m.selected(); ok {
			m.err = ""
			m.form = newTmplForm(m.env, t, true, m.list)
		}
	case key.Matches(msg, k.Delete):
		if t, ok := m.selected(); ok {
			m.ask(askDelete, t.Name, m.env.Tr.Get("tm.ask.delete", safe.Line(t.Name)))
		}
	}
	return nil, false
}

func (m *tmplManager) formKey(msg tea.KeyPressMsg) tea.Cmd {
	f := m.form
	k := m.env.Keys.Templates
	switch {
	case key.Matches(msg, k.Save):
		t, ok := f.submit()
		if !ok {
			return nil
		}
		if !f.editing {
			return m.write(func(s *reply.Templates) error { return s.Add(t) }, t.Name, false)
		}
		orig := f.orig
		return m.write(func(s *reply.Templates) error { return s.Update(orig, t) }, t.Name, false)
	case key.Matches(msg, k.Close):
		if f.dirty() {
			m.ask(askDiscard, "", m.env.Tr.Get("tm.ask.discard"))
			return nil
		}
		m.form, m.err = nil, ""
	case key.Matches(msg, k.NextField):
		f.focusField(f.focus + 1)
	case key.Matches(msg, k.PrevField):
		f.focusField(f.focus - 1)
	default:
		f.key(msg)
	}
	return nil
}

func (m *tmplManager) ask(what tmplAsk, target, question string) {
	m.asking, m.target = what, target
	m.confirm = NewConfirm(m.env, question)
}

// answer applies the confirmed delete or discard.
func (m *tmplManager) answer(msg tea.KeyPressMsg) tea.Cmd {
	answered, yes := m.confirm.Update(msg)
	if !answered {
		return nil
	}
	asking, target := m.asking, m.target
	m.confirm, m.asking, m.target = nil, askNone, ""
	if !yes {
		return nil
	}
	switch asking {
	case askDelete:
		return m.write(func(s *reply.Templates) error { return s.Delete(target) }, target, true)
	case askDiscard:
		m.form, m.err = nil, ""
	}
	return nil
}

// write runs op on the templates in a command; the store, the operation
// and the tags are bound here, on the Update goroutine.
func (m *tmplManager) write(op func(*reply.Templates) error, name string, deleting bool) tea.Cmd {
	m.busy, m.err = true, ""
	owner, seq, store := m, m.seq.Next(), m.store
	return func() tea.Msg {
		err := op(store)
		return tmplWrittenMsg{owner: owner, seq: seq, deleted: deleting, name: name, list: store.All(), err: err}
	}
}

// written takes a write's result. A failure keeps everything on screen,
// the form with what was typed included, and says why; success returns
// the status bar's note.
func (m *tmplManager) written(msg tmplWrittenMsg) string {
	tr := m.env.Tr
	m.busy = false
	m.list = msg.list
	if msg.err != nil {
		m.err = tmplWriteError(tr, msg.err, m.store.Path(), msg.deleted, msg.name)
		if m.form != nil {
			m.err += " " + tr.Get("tm.err.kept", m.env.Keys.Templates.Save.Help().Key)
		}
		m.move(0)
		return ""
	}
	if msg.deleted {
		m.move(0)
		return tr.Get("tm.deleted", safe.Line(msg.name))
	}
	m.form = nil
	if i := slices.IndexFunc(m.list, func(t reply.Template) bool { return t.Name == msg.name }); i >= 0 {
		m.cursor = i
	}
	return tr.Get("tm.saved", safe.Line(msg.name), tildePath(m.store.Path()))
}

func (m *tmplManager) selected() (reply.Template, bool) {
	if m.cursor < 0 || m.cursor >= len(m.list) {
		return reply.Template{}, false
	}
	return m.list[m.cursor], true
}

// move moves the cursor by d, kept on the list (d 0 clamps it after the
// list shrank).
func (m *tmplManager) move(d int) {
	m.cursor = max(min(m.cursor+d, len(m.list)-1), 0)
}

// tmplWriteError is a failed write as a sentence: what could not be done
// and, for the common disk failures, why in plain words. Errors that are
// not the disk's (the store refused the change) are shown as they are.
func tmplWriteError(tr i18n.T, err error, path string, deleting bool, name string) string {
	var pe *fs.PathError
	var le *os.LinkError
	if !errors.As(err, &pe) && !errors.As(err, &le) {
		return tr.Get("tm.err.refused", ErrorText(err, tr))
	}
	var why string
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		why = tr.Get("tm.why.permission")
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		why = tr.Get("tm.why.missing")
	case errors.Is(err, syscall.ENOSPC):
		why = tr.Get("tm.why.full")
	case pe != nil:
		why = safe.Line(pe.Err.Error())
	default:
		why = safe.Line(le.Err.Error())
	}
	dir := safe.Line(tildePath(filepath.Dir(path)))
	if deleting {
		return tr.Get("tm.err.delete", safe.Line(name), dir, why)
	}
	return tr.Get("tm.err.save", dir, why)
}

// tildePath shortens a path under the home directory to ~/…, as people
// write it.
func tildePath(p string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == string(filepath.Separator) {
		return p
	}
	if rel, ok := strings.CutPrefix(p, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rel
	}
	return p
}
