package panes

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The reply and photo machinery the questions, feedbacks and chats panes
// share: one action in front at a time (editor, template picker over it,
// attachment dialog, pin form, confirmation), drafts saved as the user
// types, the outbox's verdicts, and the photo preview of the selected
// item. Writes only ever leave through the outbox (pins excepted: they are
// not outbox kinds and run as the feedbacks pane's own commands).

// wbwMarkW is the reply column of a row: wide enough for ⏳.
const wbwMarkW = 2

// wbwAct is the action open on one item. At most one of its parts is in
// front, in this order: confirm, picker, attach, form, editor; the ones
// behind keep their state for going back.
type wbwAct struct {
	kind   reply.Kind
	itemID string
	// build makes the outbox entry from the text and attachments.
	build func(text string, files []string) reply.Entry
	// vars fill templates; rating picks the ones offered (0: none).
	vars   map[string]string
	rating int
	// ask, when set, is confirmed before the entry is queued.
	ask   string
	spec  ui.EditorSpec
	files []string

	editor  *ui.Editor
	picker  *ui.TemplatePicker
	attach  *wbwAttach
	form    *ui.Form
	confirm *ui.Confirm
	entry   reply.Entry

	// onForm runs when the form is applied; onYes when the confirmation of
	// an act without an entry (pins) says yes.
	onForm func(*ui.Form) tea.Cmd
	onYes  func() tea.Cmd
}

// wbwWire is a pane's share of the machinery.
type wbwWire struct {
	env    ui.Env
	pane   ui.PaneID
	photos *ui.PhotoView
	// photoItem is the item the preview was last given.
	photoItem string
	act       *wbwAct
	// held was queued and waits for the outbox's first word: a refusal
	// puts it back in front with the reason.
	held *wbwAct
	// resized: the pane changed size; the preview re-renders with the
	// next message (SetSize cannot return a command).
	resized bool
}

func newWBWire(env ui.Env, pane ui.PaneID) *wbwWire {
	return &wbwWire{env: env, pane: pane, photos: ui.NewPhotoView(env, pane, env.Photos)}
}

// replies reports whether answering is on.
func (w *wbwWire) replies() bool { return w.env.Replies != nil }

// previews reports whether photo previews are on.
func (w *wbwWire) previews() bool { return w.env.Photos.Previewer != nil }

func (w *wbwWire) now() time.Time { return wbNow(w.env)() }

// mode is the keyboard owner while an action is open.
func (w *wbwWire) mode() (ui.Mode, bool) {
	switch {
	case w.act == nil:
		return ui.ModeNormal, false
	case w.act.confirm != nil:
		return ui.ModeConfirm, true
	}
	return ui.ModeEdit, true
}

// latest is the item's newest outbox entry that the user sees: the
// automatic viewed marks are bookkeeping, not replies.
func (w *wbwWire) latest(itemID string) (reply.Entry, bool) {
	if w.env.Replies == nil {
		return reply.Entry{}, false
	}
	var best reply.Entry
	found := false
	for _, e := range w.env.Replies.Outbox.List() {
		if e.Kind.Pane() != w.pane || e.ItemID != itemID || e.Kind == reply.KindQuestionViewed {
			continue
		}
		if !found || !e.Created.Before(best.Created) {
			best, found = e, true
		}
	}
	return best, found
}

// onItsWay reports an entry the outbox still has to deliver.
func wbwOnItsWay(e reply.Entry) bool { return e.State.Pending() || e.State == reply.StateSending }

// marker is the row's reply column: the newest reply's state while it is
// on its way or failed, then an unsent draft, then a delivered reply.
func (w *wbwWire) marker(itemID string) string {
	if w.env.Replies == nil {
		return ""
	}
	e, ok := w.latest(itemID)
	if ok && e.State != reply.StateSent {
		return safe.Pad(ui.OutboxMarker(e), wbwMarkW)
	}
	if _, d := w.draft(itemID); d {
		return safe.Pad(ui.DraftMarker, wbwMarkW)
	}
	if ok {
		return safe.Pad(ui.OutboxMarker(e), wbwMarkW)
	}
	return strings.Repeat(" ", wbwMarkW)
}

// draft is the item's unsent draft. One last saved before the newest
// delivered reply was queued is that reply's text: the app forgets it once
// the outbox confirms, and until then it is not offered again.
func (w *wbwWire) draft(itemID string) (reply.Draft, bool) {
	d, ok := w.env.Replies.Draft(w.draftKey(itemID))
	if !ok {
		return d, false
	}
	if e, sent := w.latest(itemID); sent && e.State == reply.StateSent && !d.UpdatedAt.After(e.Created) {
		return reply.Draft{}, false
	}
	return d, true
}

// stateLine is the detail's sentence about the item's newest reply,
// wrapped to width and followed by a blank line; "" when there is none.
func (w *wbwWire) stateLine(itemID string, width int) string {
	e, ok := w.latest(itemID)
	if !ok {
		return ""
	}
	return ansi.Wrap(ui.OutboxLine(w.env, e, w.now()), max(width, 10), "") + "\n\n"
}

// hint is a muted line of the detail, wrapped.
func (w *wbwWire) hint(text string, width int) string {
	return w.env.Styles.Muted.Render(safe.Wrap(text, max(width, 10))) + "\n"
}

// mediaHint names the preview keys after a media count; "" when previews
// are off.
func (w *wbwWire) mediaHint() string {
	if !w.previews() {
		return ""
	}
	r := w.env.Keys.Reply
	return w.env.Tr.Get("wbw.media_hint", r.Photo.Help().Key, r.PrevPhoto.Help().Key+" "+r.NextPhoto.Help().Key,
		r.Open.Help().Key, r.Save.Help().Key)
}

// help lists the reply keys a pane wires, for the footer; answering and
// previews are left out when the app turned them off.
func (w *wbwWire) help(actions []key.Binding, media bool) []key.Binding {
	var out []key.Binding
	if w.replies() {
		out = append(out, actions...)
	}
	if media && w.previews() {
		r := w.env.Keys.Reply
		out = append(out, r.Photo, r.NextPhoto, r.Open, r.Save)
	}
	return out
}

// shortHelp is the footer while an action is open.
func (w *wbwWire) shortHelp() ([]key.Binding, bool) {
	a := w.act
	if a == nil {
		return nil, false
	}
	k := w.env.Keys
	switch {
	case a.confirm != nil:
		return []key.Binding{k.Confirm.Yes, k.Confirm.No}, true
	case a.picker != nil, a.attach != nil, a.form != nil:
		return (&wbMenu{}).help(w.env.Tr)[:2], true
	}
	out := []key.Binding{k.Editor.Send, k.Editor.Leave, k.Editor.External}
	if w.env.Replies.Templates != nil {
		out = append(out, k.Editor.Templates)
	}
	if a.kind == reply.KindChatMessage {
		out = append(out, k.Editor.Attach)
	}
	return out, true
}

// notice puts a sentence in the status bar.
func wbwNotice(text string) tea.Cmd {
	return func() tea.Msg { return ui.NoticeMsg{Text: text} }
}

// wbwHuman is an error as the sentence the user should read: validation
// errors carry it in Message, without the API's framing.
func wbwHuman(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) && ae.Kind == api.KindValidation && ae.Message != "" {
		return ae.Message
	}
	return ui.ErrorText(err, i18n.T{}) // internals stay in --debug
}

// wbwEdit describes an editor to open.
type wbwEdit struct {
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

// draftKey names the item's one draft.
func (w *wbwWire) draftKey(itemID string) reply.DraftKey { return w.env.Replies.Key(w.pane, itemID) }

// openEditor puts an editor in front, restoring the item's draft when it
// was written for the same kind of reply.
func (w *wbwWire) openEditor(s wbwEdit) {
	text, files := s.initial, []string(nil)
	if d, ok := w.draft(s.itemID); ok && (d.Action == "" || d.Action == string(s.kind)) {
		text, files = d.Text, d.Files
	}
	a := &wbwAct{kind: s.kind, itemID: s.itemID, build: s.build, vars: s.vars, rating: s.rating, ask: s.ask, files: files}
	a.spec = ui.EditorSpec{
		Title: s.title, Min: s.min, Max: s.max, Len: s.length, Initial: text, Note: s.note,
		Check: func(text string) error {
			// a.files changes with the attachment dialog: read it when
			// checking, not when opening.
			if err := reply.Validate(a.build(text, a.files)); err != nil {
				return errors.New(wbwHuman(err))
			}
			return nil
		},
	}
	a.editor = ui.NewEditor(w.env, w.pane, a.spec)
	w.act = a
	if s.picker {
		w.openPicker(a)
	}
}

func (w *wbwWire) openPicker(a *wbwAct) {
	if w.env.Replies.Templates == nil {
		return
	}
	a.picker = ui.NewTemplatePicker(w.env, w.env.Replies.Templates.Applicable(w.pane, a.rating))
}

// ask puts a confirmation in front of an act with no editor.
func (w *wbwWire) ask(itemID, question string, onYes func() tea.Cmd) {
	w.act = &wbwAct{itemID: itemID, confirm: ui.NewConfirm(w.env, question), onYes: onYes}
}

// enqueueAsk confirms, then queues entry (a return request).
func (w *wbwWire) enqueueAsk(entry reply.Entry, question string) {
	w.act = &wbwAct{kind: entry.Kind, itemID: entry.ItemID, entry: entry, confirm: ui.NewConfirm(w.env, question)}
}

// touch saves the draft as it stands.
func (w *wbwWire) touch(a *wbwAct) tea.Cmd {
	// UpdatedAt is on the outbox's clock (the wall clock), so a draft and
	// the reply queued from it compare.
	d := reply.Draft{Text: a.editor.Value(), Files: a.files, Action: string(a.kind), UpdatedAt: time.Now()}
	if d.Text == "" && len(d.Files) == 0 {
		d.Action = "" // nothing left: the draft is dropped, not kept as a kind
	}
	return w.env.Replies.Touch(w.draftKey(a.itemID), d, w.now())
}

// enqueue hands the act's entry to the outbox and closes the act.
func (w *wbwWire) enqueue(a *wbwAct) tea.Cmd {
	w.held, w.act = a, nil
	return w.env.Replies.Enqueue(a.entry)
}

// key feeds a key or paste to the open act.
func (w *wbwWire) key(msg tea.Msg) tea.Cmd {
	a := w.act
	switch {
	case a.confirm != nil:
		answered, yes := a.confirm.Update(msg)
		switch {
		case !answered:
			return nil
		case !yes:
			a.confirm = nil // back to the editor or form, if any
			if a.editor == nil && a.form == nil {
				w.act = nil
			}
			return nil
		case a.onYes != nil:
			// a pin is a direct call, not an outbox reply: the app holds
			// it for the undo window like one
			w.act = nil
			hold := ui.HoldMsg{What: w.env.Tr.Get("undo.pin"), Run: a.onYes}
			return func() tea.Msg { return hold }
		}
		return w.enqueue(a)
	case a.picker != nil:
		return w.pickerKey(a, msg)
	case a.attach != nil:
		done, files, cmd := a.attach.Update(msg)
		if done {
			a.attach = nil
			a.files = files
			return tea.Batch(cmd, w.touch(a))
		}
		return cmd
	case a.form != nil:
		res, cmd := a.form.Update(msg)
		switch res {
		case ui.FormCanceled:
			w.act = nil
		case ui.FormApplied:
			form := a.form
			a.form = nil
			return tea.Batch(cmd, a.onForm(form))
		}
		return cmd
	}
	return w.editorKey(a, msg)
}

// editorKey runs the editor: ctrl+t the templates, ctrl+o the attachments
// (chats), ctrl+s the confirmation or the outbox, esc closes keeping the
// draft.
func (w *wbwWire) editorKey(a *wbwAct, msg tea.Msg) tea.Cmd {
	k := w.env.Keys.Editor
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Templates):
			w.openPicker(a)
			return nil
		case key.Matches(km, k.Attach) && a.kind == reply.KindChatMessage:
			a.attach = newWBWAttach(w.env, a.files, func(files []string) error {
				return reply.Validate(reply.Entry{Kind: a.kind, ItemID: a.itemID, Files: files})
			})
			return nil
		}
	}
	res, changed, cmd := a.editor.Update(msg)
	switch res {
	case ui.EditorLeave:
		w.act = nil
		return cmd
	case ui.EditorSend:
		a.entry = a.build(strings.TrimSpace(a.editor.Value()), a.files)
		if a.ask != "" {
			a.confirm = ui.NewConfirm(w.env, a.ask)
			return cmd
		}
		return tea.Batch(cmd, w.enqueue(a))
	}
	if changed {
		return tea.Batch(cmd, w.touch(a))
	}
	return cmd
}

// pickerKey inserts the chosen template filled with the item's values; a
// template that needs a value the item lacks inserts nothing and says
// which, in the editor.
func (w *wbwWire) pickerKey(a *wbwAct, msg tea.Msg) tea.Cmd {
	text, picked, cmd, err := pickTemplate(&a.picker, msg, a.vars, a.editor.Value())
	switch {
	case err != nil:
		a.editor.SetError(err.Error())
		return nil
	case picked:
		a.spec.Initial, a.spec.Note = text, ""
		a.editor = ui.NewEditor(w.env, w.pane, a.spec)
		return w.touch(a)
	}
	return cmd
}

// forward gives the open editor what is not the pane's own: $EDITOR's
// result arrives as a message routed to the pane.
func (w *wbwWire) forward(msg tea.Msg) tea.Cmd {
	a := w.act
	if a == nil || a.editor == nil {
		return nil
	}
	if _, ok := msg.(ui.Routed); !ok {
		return nil
	}
	_, changed, cmd := a.editor.Update(msg)
	if changed {
		return tea.Batch(cmd, w.touch(a))
	}
	return cmd
}

// outbox takes the outbox's word on an entry of the pane. A refusal of
// the entry just queued reopens its editor with the reason; sent reports
// that the item must be read again to show the reply.
func (w *wbwWire) outbox(msg ui.OutboxMsg) (sent bool, cmd tea.Cmd) {
	h := w.held
	mine := h != nil && h.itemID == msg.Entry.ItemID && h.kind == msg.Entry.Kind
	if mine {
		w.held = nil
	}
	if msg.Err != nil {
		if mine && w.act == nil && h.editor != nil {
			h.confirm = nil
			h.editor.SetError(wbwHuman(msg.Err))
			w.act = h
			return false, nil
		}
		return false, func() tea.Msg { return ui.NoticeMsg{Err: msg.Err} }
	}
	return msg.Entry.State == reply.StateSent, nil
}

// busy reports, as a notice, a reply of the item that the outbox still
// has to deliver: a second one would be refused as a duplicate.
func (w *wbwWire) busy(itemID string) (tea.Cmd, bool) {
	e, ok := w.latest(itemID)
	if !ok || !wbwOnItsWay(e) {
		return nil, false
	}
	return wbwNotice(w.env.Tr.Get("wbw.on_its_way", w.env.Tr.Label("kind", string(e.Kind)))), true
}

// failed is the item's newest reply when it failed.
func (w *wbwWire) failed(itemID string) (reply.Entry, bool) {
	e, ok := w.latest(itemID)
	if !ok || e.State != reply.StateFailed {
		return reply.Entry{}, false
	}
	return e, true
}

// photoKey handles the preview keys in normal mode: p [ ] o s, and esc
// while the preview is shown (it closes the preview rather than leaving
// the detail). size is the detail column the preview renders into.
func (w *wbwWire) photoKey(k tea.KeyPressMsg, size func() (int, int)) (tea.Cmd, bool) {
	if !w.previews() {
		return nil, false
	}
	if w.photos.On() && key.Matches(k, w.env.Keys.List.Back) {
		w.photos.Close()
		return nil, true
	}
	cmd, ok := w.photos.Keys(k)
	if !ok {
		return nil, false
	}
	// a preview just switched on renders at the column's size
	return tea.Batch(cmd, w.photos.Resize(size())), true
}

// setMedia hands the preview the selected item's media; the same item
// only updates the list (a chat's conversation grows).
func (w *wbwWire) setMedia(itemKey string, media []ui.Media) tea.Cmd {
	w.photoItem = itemKey
	return w.photos.SetItem(itemKey, media)
}

// after brings the detail column up to date with what is in front and
// re-renders a preview whose column changed size.
func (w *wbwWire) after(setAside func(func(int, int) string), detailSize func() (int, int)) tea.Cmd {
	switch {
	case w.act != nil:
		setAside(w.actView)
	case w.photos.On():
		setAside(w.photos.View)
	default:
		setAside(nil)
	}
	if w.resized {
		w.resized = false
		return w.photos.Resize(detailSize())
	}
	return nil
}

// actView draws the open act in the detail column.
func (w *wbwWire) actView(width, h int) string {
	a := w.act
	if a == nil {
		return ""
	}
	switch {
	case a.confirm != nil:
		return a.confirm.View(width)
	case a.picker != nil:
		return a.picker.View(width, h)
	case a.attach != nil:
		return a.attach.View(width, h)
	case a.form != nil:
		return a.form.View(width)
	}
	files := wbwFilesView(w.env, a.files, width)
	n := 0
	if files != "" {
		n = strings.Count(files, "\n") + 1
	}
	out := a.editor.View(width, max(h-n, 5))
	if files != "" {
		out += "\n" + files
	}
	return out
}

// wbwVar is a template value: one inert line.
func wbwVar(s string) string { return safe.Line(s) }

// wbwCDN downloads one linked file (feedback photos and videos, chat
// images); FetchURL never sends the token to those hosts, and the photo
// layer bounds size and time.
func wbwCDN(t *api.Transport, u string) func(ctx context.Context) ([]byte, string, error) {
	return func(ctx context.Context) ([]byte, string, error) {
		resp, err := t.FetchURL(ctx, u, 0)
		if err != nil {
			return nil, "", err
		}
		return resp.Body, resp.ContentType(), nil
	}
}

// AnswersWithText (ui.TextAnswerer): the answer key of these panes opens a
// text editor, so a letter typed on the list starts the answer with it.
func (p *questionsPane) AnswersWithText() bool { return p.wire.replies() }
func (p *feedbacksPane) AnswersWithText() bool { return p.wire.replies() }
func (p *chatsPane) AnswersWithText() bool     { return p.wire.replies() }
