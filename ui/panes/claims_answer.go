package panes

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The `a` flow of a claim: choose one of the claim's actions by its name,
// write the comment in the editor when the action takes one, confirm,
// queue. The outbox reloads the claim before sending, as its actions may
// have changed since.

// claimFieldAction is the form's one field; the draft keeps its value.
const claimFieldAction = "action"

// claimAnswer is the open flow on one claim. At most one of form, editor
// and confirm is in front (picker over the editor); the others keep their
// state for going back.
type claimAnswer struct {
	c       models.Claim
	form    *ui.Form
	action  models.ClaimAction
	editor  *ui.Editor
	picker  *ui.TemplatePicker
	confirm *ui.Confirm
	entry   reply.Entry
	text    string // the comment, kept while the form is in front
	note    string // why the last try failed
}

func (a *claimAnswer) draftKey(r *ui.Replies) reply.DraftKey { return r.Key(ui.PaneClaims, a.c.ID) }

// startAnswer opens the flow on an active claim that offers actions.
func (p *claimsPane) startAnswer(it claimItem) tea.Cmd {
	env := p.Env()
	tr := env.Tr
	r := env.Replies
	if r == nil {
		return nil
	}
	if !it.active || !it.c.Answerable() {
		return rcNotice(tr.Get("claims.answer.nothing"))
	}
	a := &claimAnswer{c: it.c}
	if e, ok := rcLatest(env, ui.PaneClaims, it.c.ID); ok {
		if rcOnItsWay(e) {
			return rcNotice(tr.Get("claims.answer.on_its_way"))
		}
		if e.State == reply.StateFailed {
			a.note, a.action, a.text = e.LastError, models.ClaimAction(e.Action), e.Text
		}
	}
	if dr, ok := r.Draft(a.draftKey(r)); ok {
		a.action, a.text = models.ClaimAction(dr.Action), dr.Text
	}
	choices := make([]ui.Choice, len(it.c.Actions))
	for i, act := range it.c.Actions {
		choices[i] = ui.Choice{Label: tr.Label("wb.claim_action", string(act)), Value: string(act)}
	}
	a.form = ui.NewForm(env, tr.Get("claims.answer.title", claimName(it.c, tr)),
		&ui.Field{ID: claimFieldAction, Label: tr.Get("claims.answer.action"), Choices: choices})
	a.form.SetValue(claimFieldAction, string(a.action))
	a.action = models.ClaimAction(a.form.Value(claimFieldAction))
	p.answer = a
	return nil
}

// claimName is the product's name for titles, sanitized.
func claimName(c models.Claim, tr i18n.T) string {
	if n := safe.Line(c.ImtName); n != "" {
		return n
	}
	return tr.Get("claims.no_product")
}

// claimEntry is the outbox entry for an action and comment.
func claimEntry(c models.Claim, action models.ClaimAction, comment string) reply.Entry {
	return reply.Entry{Kind: reply.KindClaimAnswer, ItemID: c.ID, Action: string(action), Text: comment, ClaimActions: c.Actions}
}

// touch saves the draft as it stands.
func (p *claimsPane) touch(a *claimAnswer) tea.Cmd {
	env := p.Env()
	r := env.Replies
	return r.Touch(a.draftKey(r), reply.Draft{Text: a.text, Action: string(a.action)}, rcNow(env))
}

// openEditor puts the comment editor in front.
func (p *claimsPane) openEditor(a *claimAnswer, note string) {
	env := p.Env()
	tr := env.Tr
	spec := ui.EditorSpec{
		Title:   tr.Get("claims.answer.comment_title", tr.Label("wb.claim_action", string(a.action))),
		Max:     models.ClaimCommentMax,
		Initial: a.text,
		Note:    note,
		Check: func(text string) error {
			if err := reply.Validate(claimEntry(a.c, a.action, text)); err != nil {
				return errors.New(rcHuman(err))
			}
			return nil
		},
	}
	if a.action.NeedsComment() {
		spec.Min = models.ClaimCommentMin
	} else if note == "" {
		spec.Note = tr.Get("claims.answer.comment_optional", models.ClaimCommentMin, models.ClaimCommentMax)
	}
	a.editor = ui.NewEditor(env, ui.PaneClaims, spec)
}

// ask puts the confirmation in front, naming the action and the comment.
func (p *claimsPane) ask(a *claimAnswer) {
	tr := p.Env().Tr
	q := tr.Get("claims.answer.q", claimName(a.c, tr), tr.Label("wb.claim_action", string(a.action)))
	if a.entry.Text != "" {
		q += " " + tr.Get("claims.answer.q_comment", safe.Truncate(a.entry.Text, 80))
	}
	a.confirm = ui.NewConfirm(p.Env(), q+" "+tr.Get("claims.answer.final"))
}

// answerKey feeds a key or paste to the open flow.
func (p *claimsPane) answerKey(msg tea.Msg) tea.Cmd {
	a := p.answer
	env := p.Env()
	switch {
	case a.confirm != nil:
		answered, yes := a.confirm.Update(msg)
		switch {
		case !answered:
			return nil
		case !yes:
			a.confirm = nil // back to the editor or the form
			return nil
		}
		p.held, p.answer = a, nil
		return env.Replies.Enqueue(a.entry)
	case a.picker != nil:
		return p.pickerKey(a, msg)
	case a.editor != nil:
		return p.editorKey(a, msg)
	}
	if typed(msg) {
		return p.typedOnForm(a, msg)
	}
	res, cmd := a.form.Update(msg)
	action := models.ClaimAction(a.form.Value(claimFieldAction))
	switch res {
	case ui.FormCanceled:
		p.answer = nil // the draft stays for next time
		return nil
	case ui.FormApplied:
		a.action = action
		var touch tea.Cmd
		if !action.TakesComment() {
			a.text = ""
		}
		touch = p.touch(a)
		if action.TakesComment() {
			p.openEditor(a, a.note)
			return touch
		}
		a.entry = claimEntry(a.c, action, "")
		if err := reply.Validate(a.entry); err != nil {
			a.note = rcHuman(err)
			return touch
		}
		p.ask(a)
		return touch
	}
	if action != a.action {
		a.action = action
		return tea.Batch(cmd, p.touch(a))
	}
	return cmd
}

// typed reports text typed or pasted (not a choice key: ←/→ and h/l
// change the action, and nothing else does).
func typed(msg tea.Msg) bool {
	switch m := msg.(type) {
	case tea.PasteMsg:
		return true
	case tea.KeyPressMsg:
		s := m.String()
		return m.Text != "" && m.Mod&^tea.ModShift == 0 && s != "h" && s != "l"
	}
	return false
}

// typedOnForm takes words typed in the action dialog as the comment: for
// an action that takes one they open the comment field with them in it;
// otherwise they are dropped with a note, so they can never move the
// choice.
func (p *claimsPane) typedOnForm(a *claimAnswer, msg tea.Msg) tea.Cmd {
	tr := p.Env().Tr
	action := models.ClaimAction(a.form.Value(claimFieldAction))
	if !action.TakesComment() {
		a.note = tr.Get("claims.answer.no_comment", tr.Label("wb.claim_action", string(action)))
		return nil
	}
	a.action, a.note = action, ""
	p.openEditor(a, "")
	return p.editorKey(a, msg)
}

// editorKey runs the comment editor: ctrl+t opens the templates, ctrl+s
// goes on to the confirmation, esc closes the flow keeping the draft.
func (p *claimsPane) editorKey(a *claimAnswer, msg tea.Msg) tea.Cmd {
	env := p.Env()
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, env.Keys.Editor.Templates) && env.Replies.Templates != nil {
		a.picker = ui.NewTemplatePicker(env, env.Replies.Templates.Applicable(reply.PaneClaims, 0))
		return nil
	}
	res, changed, cmd := a.editor.Update(msg)
	switch res {
	case ui.EditorLeave:
		p.answer = nil
		return nil
	case ui.EditorSend:
		a.entry = claimEntry(a.c, a.action, strings.TrimSpace(a.editor.Value()))
		p.ask(a)
		return nil
	}
	if changed {
		a.text = a.editor.Value()
		return tea.Batch(cmd, p.touch(a))
	}
	return cmd
}

// pickerKey inserts the chosen template, filled with the claim's values;
// a template that needs a value the claim lacks inserts nothing and says
// which.
func (p *claimsPane) pickerKey(a *claimAnswer, msg tea.Msg) tea.Cmd {
	text, picked, cmd, err := pickTemplate(&a.picker, msg, claimVars(a.c), a.editor.Value())
	switch {
	case err != nil:
		a.editor.SetError(err.Error())
		return nil
	case picked:
		a.text = strings.TrimSpace(text)
		p.openEditor(a, "")
		return p.touch(a)
	}
	return cmd
}

// claimVars are the template placeholders a claim can fill.
func claimVars(c models.Claim) map[string]string {
	v := map[string]string{"product": safe.Line(c.ImtName), "return": c.ID, "date": rcDate(c.Dt)}
	if c.NmID != 0 {
		v["nmid"] = strconv.FormatInt(c.NmID, 10)
	}
	return v
}

// answerOutbox takes the outbox's word on an answer: a refusal reopens the
// flow with the reason, a state change redraws the claim, and a delivered
// answer reloads the list (the claim leaves the active ones).
func (p *claimsPane) answerOutbox(msg ui.OutboxMsg) tea.Cmd {
	if msg.Entry.Kind != reply.KindClaimAnswer {
		return nil
	}
	h := p.held
	mine := h != nil && h.c.ID == msg.Entry.ItemID
	if msg.Err != nil {
		if mine && p.answer == nil {
			p.held, p.answer = nil, h
			h.confirm = nil
			if h.editor != nil {
				h.editor.SetError(rcHuman(msg.Err))
			} else {
				h.note = rcHuman(msg.Err)
			}
			return nil
		}
		return func() tea.Msg { return ui.NoticeMsg{Err: msg.Err} }
	}
	if mine {
		p.held = nil
	}
	p.RefreshDetail()
	if msg.Entry.State == reply.StateSent {
		return p.reloadAll()
	}
	return nil
}

// answerView draws the flow in the detail column.
func (p *claimsPane) answerView(w, h int) string {
	a := p.answer
	if a == nil {
		return ""
	}
	st := p.Env().Styles
	switch {
	case a.confirm != nil:
		return a.confirm.View(w)
	case a.picker != nil:
		return a.picker.View(w, h)
	case a.editor != nil:
		// one dialog: the chosen action, and under it the comment field
		tr := p.Env().Tr
		head := st.DetailTitle.Render(safe.Truncate(a.form.Title, w)) + "\n" +
			st.DetailLabel.Render(safe.Truncate(tr.Get("claims.answer.action")+": "+tr.Label("wb.claim_action", string(a.action)), w)) + "\n\n"
		return head + a.editor.View(w, max(h-3, 4))
	}
	var b strings.Builder
	if a.note != "" {
		b.WriteString(st.ErrorBox.Render(safe.Wrap(a.note, max(w, 10))) + "\n")
	}
	b.WriteString(a.form.View(w))
	return b.String()
}
