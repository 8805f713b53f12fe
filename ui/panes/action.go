package panes

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
)

// The one way to act on an item, used by all five marketplace panes (the
// Inbox's answer key goes on to the item's own pane and lands here): one
// action in front of the detail column at a time — an editor with the
// template picker and the attachment dialog over it, a form, a
// confirmation — drafts saved as the user types, and the outbox's verdicts
// (action_outbox.go). Writes only ever leave through the outbox; pins are
// not outbox kinds and are held by the app for the undo window instead.

// action is what is open on one item. At most one of its parts is in
// front, in this order: confirm, picker, attach, editor, form; the ones
// behind keep their state for going back (a "no" to the confirmation
// returns to the editor or the form).
type action struct {
	kind   reply.Kind
	itemID string
	// build makes the outbox entry from the editor's text and the files.
	build func(text string, files []string) reply.Entry
	// vars fill templates; rating picks the ones offered (0: none).
	vars   map[string]string
	rating int
	// ask, when set, is the question confirmed before the entry is queued.
	ask   func(reply.Entry) string
	spec  ui.EditorSpec
	files []string
	// hint is the editor's note when nothing failed: a picked template
	// clears a failure's reason and puts it back.
	hint string
	// loading: what the item offers is being read (a return's decisions);
	// title names the action and wait says what it waits for meanwhile.
	loading     bool
	title, wait string

	editor  *ui.Editor
	picker  *ui.TemplatePicker
	attach  *attachDialog
	form    *ui.Form
	confirm *ui.Confirm
	entry   reply.Entry
	// note is why the last try failed, shown above the form.
	note string

	// The pane's part. onForm runs when the form is applied and leads on
	// (to an editor, a confirmation); onFormEdit after a key the form kept;
	// onFormKey sees a key before the form and may take it (words typed on
	// a claim's action choice start its comment). onYes runs when the
	// confirmation of an act without an entry (pins) says yes. draft is
	// what the action saves as the user works (nil: the editor's text and
	// files). head is drawn above the editor, foot under the form.
	onForm     func(a *action) tea.Cmd
	onFormEdit func(a *action) tea.Cmd
	onFormKey  func(a *action, msg tea.Msg) (tea.Cmd, bool)
	onYes      func() tea.Cmd
	draft      func(a *action) reply.Draft
	head       func(width int) string
	foot       func(width int) string
	// hold: onYes is a write the app holds for the undo window (pins)
	// rather than a step run at once (the Inbox's switch of profile).
	hold bool
}

// actions is a pane's share of the machinery: the action open, and the one
// queued that waits for the outbox's first word.
type actions struct {
	env  ui.Env
	pane ui.PaneID
	open *action
	// held was queued and waits for the outbox's first word: a refusal
	// puts it back in front with the reason.
	held *action
	// queued: an entry that settles its item was just queued; the pane
	// moves on to the next item that needs the seller.
	queued bool
	// once: the pane acts on an item once (a return's decision, a claim's
	// answer), so the item's newest entry is its whole story, ahead of a
	// draft.
	once bool
}

func newActions(env ui.Env, pane ui.PaneID) *actions {
	return &actions{env: env, pane: pane}
}

// replies reports whether answering is on.
func (s *actions) replies() bool { return s.env.Replies != nil }

// mode is the keyboard owner while an action is open. While what it
// offers loads nothing is typed yet, so global keys still work (the result
// waits for the pane).
func (s *actions) mode() (ui.Mode, bool) {
	a := s.open
	switch {
	case a == nil, a.loading:
		return ui.ModeNormal, false
	case a.confirm != nil:
		return ui.ModeConfirm, true
	}
	return ui.ModeEdit, true
}

// shortHelp is the footer while an action is open; the picker, the
// attachment dialog and forms show their own keys in the detail column.
func (s *actions) shortHelp() ([]key.Binding, bool) {
	a := s.open
	if a == nil {
		return nil, false
	}
	k := s.env.Keys
	switch {
	case a.confirm != nil:
		return []key.Binding{k.Confirm.Yes, k.Confirm.No}, true
	case a.loading, a.picker != nil, a.attach != nil, a.editor == nil:
		return nil, true
	}
	out := []key.Binding{k.Editor.Send, k.Editor.Leave, k.Editor.External}
	if s.env.Replies.Templates != nil {
		out = append(out, k.Editor.Templates)
	}
	if a.kind == reply.KindChatMessage {
		out = append(out, k.Editor.Attach)
	}
	return out, true
}

// editorSpec describes an editor to open.
type editorSpec struct {
	kind     reply.Kind
	itemID   string
	title    string
	min, max int
	// length counts the text against min and max; nil counts runes.
	length func(string) int
	// initial is the text when there is no draft of this kind: the
	// current answer for an edit, a failed reply's text.
	initial string
	note    string
	build   func(text string, files []string) reply.Entry
	vars    map[string]string
	rating  int
	ask     string
	// picker opens the templates over the editor at once (`t`).
	picker bool
}

// openEditor puts an editor in front, restoring the item's draft when it
// was written for the same kind of reply.
func (s *actions) openEditor(e editorSpec) {
	text, files := e.initial, []string(nil)
	if d, ok := s.draft(e.itemID); ok && (d.Action == "" || d.Action == string(e.kind)) {
		text, files = d.Text, d.Files
	}
	a := &action{kind: e.kind, itemID: e.itemID, build: e.build, vars: e.vars, rating: e.rating, files: files}
	if q := e.ask; q != "" {
		a.ask = func(reply.Entry) string { return q }
	}
	s.setEditor(a, ui.EditorSpec{Title: e.title, Min: e.min, Max: e.max, Len: e.length, Initial: text, Note: e.note})
	s.open = a
	if e.picker {
		s.openPicker(a)
	}
}

// setEditor puts an editor of spec in front of a; its check is the entry's
// own validation.
func (s *actions) setEditor(a *action, spec ui.EditorSpec) {
	spec.Check = func(text string) error {
		// a.files changes with the attachment dialog: read it when
		// checking, not when opening.
		if err := reply.Validate(a.build(text, a.files)); err != nil {
			return errors.New(humanError(err))
		}
		return nil
	}
	a.spec = spec
	a.editor = ui.NewEditor(s.env, s.pane, spec)
}

func (s *actions) openPicker(a *action) {
	if s.env.Replies.Templates == nil {
		return
	}
	a.picker = ui.NewTemplatePicker(s.env, s.env.Replies.Templates.Applicable(s.pane, a.rating)).WithValues(a.vars)
}

// ask puts a confirmation in front of a write with no entry (a pin),
// which the app holds for the undo window once it is confirmed.
func (s *actions) ask(itemID, question string, onYes func() tea.Cmd) {
	s.open = &action{itemID: itemID, confirm: ui.NewConfirm(s.env, question), onYes: onYes, hold: true}
}

// confirmStep puts a confirmation in front of a step that writes nothing
// and runs at once (the Inbox's switch of profile).
func (s *actions) confirmStep(question string, onYes func() tea.Cmd) {
	s.open = &action{confirm: ui.NewConfirm(s.env, question), onYes: onYes}
}

// enqueueAsk confirms, then queues entry (a return request).
func (s *actions) enqueueAsk(entry reply.Entry, question string) {
	s.open = &action{kind: entry.Kind, itemID: entry.ItemID, entry: entry, confirm: ui.NewConfirm(s.env, question)}
}

// confirmEntry puts the confirmation of the act's entry in front.
func (s *actions) confirmEntry(a *action, question string) {
	a.confirm = ui.NewConfirm(s.env, question)
}

// key feeds a key or paste to the open act.
func (s *actions) key(msg tea.Msg) tea.Cmd {
	a := s.open
	switch {
	case a.loading:
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.env.Keys.Form.Cancel) {
			s.open = nil // the result finds no action and is dropped
		}
		return nil
	case a.confirm != nil:
		return s.confirmKey(a, msg)
	case a.picker != nil:
		return s.pickerKey(a, msg)
	case a.attach != nil:
		done, files, cmd := a.attach.Update(msg)
		if done {
			a.attach = nil
			a.files = files
			return tea.Batch(cmd, s.touch(a))
		}
		return cmd
	case a.editor != nil:
		return s.editorKey(a, msg)
	}
	return s.formKey(a, msg)
}

func (s *actions) confirmKey(a *action, msg tea.Msg) tea.Cmd {
	answered, yes := a.confirm.Update(msg)
	switch {
	case !answered:
		return nil
	case !yes:
		a.confirm = nil // back to the editor or form, if any
		if a.editor == nil && a.form == nil {
			s.open = nil
		}
		return nil
	case a.onYes != nil && !a.hold:
		s.open = nil
		return a.onYes()
	case a.onYes != nil:
		// a pin is a direct call, not an outbox reply: the app holds it
		// for the undo window like one
		s.open = nil
		hold := ui.HoldMsg{What: s.env.Tr.Get("undo.pin"), Run: a.onYes}
		return func() tea.Msg { return hold }
	}
	return s.enqueue(a)
}

// formKey runs the form: esc closes the action (a draft stays for next
// time), enter hands it to the pane.
func (s *actions) formKey(a *action, msg tea.Msg) tea.Cmd {
	if a.onFormKey != nil {
		if cmd, ok := a.onFormKey(a, msg); ok {
			return cmd
		}
	}
	res, cmd := a.form.Update(msg)
	switch res {
	case ui.FormCanceled:
		s.open = nil
		return nil
	case ui.FormApplied:
		if a.onForm == nil {
			return cmd
		}
		return tea.Batch(cmd, a.onForm(a))
	}
	if a.onFormEdit != nil {
		return tea.Batch(cmd, a.onFormEdit(a))
	}
	return cmd
}

// editorKey runs the editor: ctrl+t the templates, ctrl+o the attachments
// (chats), ctrl+s the confirmation or the outbox, esc closes keeping the
// draft.
func (s *actions) editorKey(a *action, msg tea.Msg) tea.Cmd {
	k := s.env.Keys.Editor
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Templates):
			s.openPicker(a)
			return nil
		case key.Matches(km, k.Attach) && a.kind == reply.KindChatMessage:
			a.attach = newAttachDialog(s.env, a.files, func(files []string) error {
				return reply.Validate(reply.Entry{Kind: a.kind, ItemID: a.itemID, Files: files})
			})
			return nil
		}
	}
	res, changed, cmd := a.editor.Update(msg)
	switch res {
	case ui.EditorLeave:
		s.open = nil
		return cmd
	case ui.EditorSend:
		a.entry = a.build(strings.TrimSpace(a.editor.Value()), a.files)
		if a.ask != nil {
			s.confirmEntry(a, a.ask(a.entry))
			return cmd
		}
		return tea.Batch(cmd, s.enqueue(a))
	}
	if changed {
		return tea.Batch(cmd, s.touch(a))
	}
	return cmd
}

// pickerKey inserts the chosen template filled with the item's values; a
// template that needs a value the item lacks inserts nothing and says
// which, in the editor.
func (s *actions) pickerKey(a *action, msg tea.Msg) tea.Cmd {
	text, picked, cmd, err := pickTemplate(&a.picker, msg, a.vars, a.editor.Value())
	switch {
	case err != nil:
		a.editor.SetError(err.Error())
		return nil
	case picked:
		a.spec.Initial, a.spec.Note = text, a.hint
		a.editor = ui.NewEditor(s.env, s.pane, a.spec)
		return s.touch(a)
	}
	return cmd
}

// forward gives the open editor what is routed to the pane and not a
// key: $EDITOR's result. The cursor does not blink (its timers would
// outlive the editor), so nothing else is its.
func (s *actions) forward(msg tea.Msg) tea.Cmd {
	a := s.open
	if a == nil || a.editor == nil {
		return nil
	}
	if _, ok := msg.(ui.Routed); !ok {
		return nil
	}
	_, changed, cmd := a.editor.Update(msg)
	if changed {
		return tea.Batch(cmd, s.touch(a))
	}
	return cmd
}

// AnswersWithText (ui.TextAnswerer): the answer key of these panes opens a
// text editor, so a letter typed on the list starts the answer with it.
func (p *questionsPane) AnswersWithText() bool { return p.acts.replies() }
func (p *feedbacksPane) AnswersWithText() bool { return p.acts.replies() }
func (p *chatsPane) AnswersWithText() bool     { return p.acts.replies() }
