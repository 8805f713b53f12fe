package panes

import (
	"strconv"

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

// claimAnswer is a claim's part of its action: the action chosen and the
// comment kept while the form is in front.
type claimAnswer struct {
	c      models.Claim
	action models.ClaimAction
	text   string
}

// startAnswer opens the flow on an active claim that offers actions.
func (p *claimsPane) startAnswer(it claimItem) tea.Cmd {
	env := p.Env()
	tr := env.Tr
	r := env.Replies
	if r == nil {
		return nil
	}
	if !it.active || !it.c.Answerable() {
		return notice(tr.Get("claims.answer.nothing"))
	}
	c := &claimAnswer{c: it.c}
	a := &action{kind: reply.KindClaimAnswer, itemID: it.c.ID, vars: claimVars(it.c),
		build: func(text string, _ []string) reply.Entry { return claimEntry(it.c, c.action, text) }}
	if e, ok := p.acts.latest(it.c.ID); ok {
		if onItsWay(e) {
			return notice(tr.Get("claims.answer.on_its_way"))
		}
		if e.State == reply.StateFailed {
			a.note, c.action, c.text = e.LastError, models.ClaimAction(e.Action), e.Text
		}
	}
	if dr, ok := r.Draft(p.acts.draftKey(it.c.ID)); ok {
		c.action, c.text = models.ClaimAction(dr.Action), dr.Text
	}
	choices := make([]ui.Choice, len(it.c.Actions))
	for i, act := range it.c.Actions {
		choices[i] = ui.Choice{Label: tr.Label("wb.claim_action", string(act)), Value: string(act)}
	}
	title := tr.Get("claims.answer.title", claimName(it.c, tr))
	a.form = ui.NewForm(env, title,
		&ui.Field{ID: claimFieldAction, Label: tr.Get("claims.answer.action"), Choices: choices})
	a.form.SetValue(claimFieldAction, string(c.action))
	c.action = models.ClaimAction(a.form.Value(claimFieldAction))
	a.draft = func(a *action) reply.Draft {
		if a.editor != nil {
			c.text = a.editor.Value()
		}
		return reply.Draft{Text: c.text, Action: string(c.action)}
	}
	a.ask = func(e reply.Entry) string { return p.question(c, e) }
	a.head = func(w int) string {
		// one dialog: the chosen action, and under it the comment field
		st := env.Styles
		return st.DetailTitle.Render(safe.Truncate(title, w)) + "\n" +
			st.DetailLabel.Render(safe.Truncate(tr.Get("claims.answer.action")+": "+tr.Label("wb.claim_action", string(c.action)), w)) + "\n\n"
	}
	a.onForm = func(a *action) tea.Cmd { return p.chosen(a, c) }
	a.onFormEdit = func(a *action) tea.Cmd {
		if action := models.ClaimAction(a.form.Value(claimFieldAction)); action != c.action {
			c.action = action
			return p.acts.touch(a)
		}
		return nil
	}
	a.onFormKey = func(a *action, msg tea.Msg) (tea.Cmd, bool) {
		if !typed(msg) {
			return nil, false
		}
		return p.typedOnForm(a, c, msg), true
	}
	p.acts.open = a
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

// chosen goes on from the applied form: to the comment editor when the
// action takes one, else to the confirmation.
func (p *claimsPane) chosen(a *action, c *claimAnswer) tea.Cmd {
	c.action = models.ClaimAction(a.form.Value(claimFieldAction))
	if !c.action.TakesComment() {
		c.text = ""
	}
	touch := p.acts.touch(a)
	if c.action.TakesComment() {
		p.openEditor(a, c, a.note)
		return touch
	}
	a.entry = claimEntry(c.c, c.action, "")
	if err := reply.Validate(a.entry); err != nil {
		a.note = humanError(err)
		return touch
	}
	p.acts.confirmEntry(a, p.question(c, a.entry))
	return touch
}

// openEditor puts the comment editor in front.
func (p *claimsPane) openEditor(a *action, c *claimAnswer, note string) {
	tr := p.Env().Tr
	spec := ui.EditorSpec{
		Title:   tr.Get("claims.answer.comment_title", tr.Label("wb.claim_action", string(c.action))),
		Max:     models.ClaimCommentMax,
		Initial: c.text,
		Note:    note,
	}
	a.hint = ""
	if c.action.NeedsComment() {
		spec.Min = models.ClaimCommentMin
	} else {
		a.hint = tr.Get("claims.answer.comment_optional", models.ClaimCommentMin, models.ClaimCommentMax)
		if note == "" {
			spec.Note = a.hint
		}
	}
	p.acts.setEditor(a, spec)
}

// question is the confirmation, naming the action and the comment.
func (p *claimsPane) question(c *claimAnswer, e reply.Entry) string {
	tr := p.Env().Tr
	q := tr.Get("claims.answer.q", claimName(c.c, tr), tr.Label("wb.claim_action", string(c.action)))
	if e.Text != "" {
		q += " " + tr.Get("claims.answer.q_comment", safe.Truncate(e.Text, 80))
	}
	return q + " " + tr.Get("claims.answer.final")
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
func (p *claimsPane) typedOnForm(a *action, c *claimAnswer, msg tea.Msg) tea.Cmd {
	tr := p.Env().Tr
	action := models.ClaimAction(a.form.Value(claimFieldAction))
	if !action.TakesComment() {
		a.note = tr.Get("claims.answer.no_comment", tr.Label("wb.claim_action", string(action)))
		return nil
	}
	c.action, a.note = action, ""
	p.openEditor(a, c, "")
	return p.acts.editorKey(a, msg)
}

// claimVars are the template placeholders a claim can fill.
func claimVars(c models.Claim) map[string]string {
	v := map[string]string{"product": safe.Line(c.ImtName), "return": c.ID, "date": moscowDay(c.Dt)}
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
	return p.acts.settled(msg, p.RefreshDetail, p.reloadAll)
}
