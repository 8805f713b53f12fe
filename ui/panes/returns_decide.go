package panes

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The `a` flow of a return: fetch what Yandex Market offers, choose in a
// form, confirm, queue. The spec's available decisions are per return and
// its decisions per item: one decision goes to every item, or, for a
// return of several items, the form is filled once per item.

// retDecisionsMsg delivers the decisions offered for a return.
type retDecisionsMsg struct {
	ReturnID int64
	Seq      uint64
	Avail    models.YMAvailableDecisions
	Err      error
}

func (retDecisionsMsg) TargetPane() ui.PaneID { return ui.PaneReturns }

// Form field IDs; the draft stores their values under the same names.
const (
	retFieldDecision = "decision"
	retFieldReason   = "reason"
	retFieldAmount   = "amount"
	retFieldComment  = "comment"
	// retFieldItems chooses one decision for every item (retItemsAll) or
	// one per item (retItemsEach); only returns of several items have it.
	retFieldItems = "items"
	retItemsAll   = "all"
	retItemsEach  = "each"
)

// retCommentMax bounds the comment field: the spec sets no limit, and a
// few sentences are what a decision needs.
const retCommentMax = 1000

// retDecide is a return's part of its action: the decisions offered and
// the form's fields laid out for the one chosen.
type retDecide struct {
	r     models.YMReturn
	seq   uint64
	avail models.YMAvailableDecisions
	form  *ui.Form
	// fields holds every field in form order; the form shows the ones the
	// chosen decision takes (a reason to decline, a partial sum).
	fields []*ui.Field
	// reasons are every refusal reason offered, with labels; the reason
	// field lists those of the chosen decision.
	reasons []ui.Choice
	shown   string      // the decision the visible fields were laid out for
	draft   reply.Draft // the form as last saved
	tr      i18n.T      // the labels laid out with the decision

	// items are the return's positions that take a decision, with their
	// labels; deciding item by item, cur is the one the form is for and
	// done the decisions made on those before it.
	items  []int64
	labels []string
	cur    int
	done   []models.YMItemDecision
}

// startDecide opens the flow on a return awaiting a decision.
func (p *returnsPane) startDecide(it retItem) tea.Cmd {
	env := p.Env()
	tr := env.Tr
	if env.Replies == nil {
		return nil
	}
	if !it.waiting {
		return notice(tr.Get("returns.decide.nothing", it.r.ID))
	}
	a := &action{kind: reply.KindReturnDecision, itemID: it.id, loading: true,
		title: tr.Get("returns.decide.title", it.r.ID), wait: tr.Get("returns.decide.loading", env.Keys.Form.Cancel.Help().Key)}
	if e, ok := p.acts.latest(it.id); ok {
		if onItsWay(e) {
			return notice(tr.Get("returns.decide.on_its_way", it.r.ID))
		}
		if e.State == reply.StateFailed {
			a.note = e.LastError
		}
	}
	p.decideSeq++
	p.decision = &retDecide{r: it.r, seq: p.decideSeq, tr: tr}
	p.acts.open = a
	ctx, c, seq, id := env.Ctx, p.client, p.decideSeq, it.r.ID
	return func() tea.Msg {
		avail, err := c.GetReturnAvailableDecisions(ctx, id)
		return retDecisionsMsg{ReturnID: id, Seq: seq, Avail: avail, Err: err}
	}
}

// decisionsLoaded opens the form, or says why there is nothing to choose.
func (p *returnsPane) decisionsLoaded(msg retDecisionsMsg) tea.Cmd {
	d, a := p.decision, p.acts.open
	if d == nil || d.seq != msg.Seq || a == nil || !a.loading || a.kind != reply.KindReturnDecision {
		return nil // cancelled, or superseded
	}
	tr := p.Env().Tr
	switch {
	case msg.Err != nil:
		p.acts.open = nil
		return func() tea.Msg { return ui.NoticeMsg{Err: msg.Err} }
	case len(msg.Avail) == 0:
		p.acts.open = nil
		return notice(tr.Get("returns.decide.none_offered", msg.ReturnID))
	}
	a.loading, d.avail = false, msg.Avail
	p.buildDecideForm(d)
	a.form = d.form
	a.foot = func(w int) string {
		x := d.chosen()
		if !x.DecisionType.CommentExpected() {
			return ""
		}
		st := p.Env().Styles
		return "\n" + st.Muted.Render(safe.Wrap(tr.Get("returns.decide.expects", tr.Label("returns.decide.comment_for", string(x.DecisionType))), max(w, 10)))
	}
	a.onForm = func(a *action) tea.Cmd {
		e, ok, err := p.buildDecision(d)
		if err != nil {
			a.note = err.Error()
			return nil
		}
		if !ok {
			a.note = "" // the form goes on to the next item
			return nil
		}
		a.note, a.entry = "", e
		p.acts.confirmEntry(a, p.retQuestion(d, e))
		return nil
	}
	a.onFormEdit = func(a *action) tea.Cmd {
		d.layout()
		if now := d.draftNow(); now.Text != d.draft.Text || now.Action != d.draft.Action {
			d.draft = now
			return p.acts.touch(a)
		}
		return nil
	}
	a.draft = func(*action) reply.Draft { return d.draft }
	return nil
}

// buildDecideForm lays out the form and fills it from the draft, or from
// the failed decision the user is trying again.
func (p *returnsPane) buildDecideForm(d *retDecide) {
	env := p.Env()
	tr := env.Tr
	var choices []ui.Choice
	for _, a := range d.avail {
		choices = append(choices, ui.Choice{Label: tr.Label("ym.decision", string(a.DecisionType)), Value: string(a.DecisionType)})
		for _, r := range a.DecisionReasonTypes {
			d.reasons = append(d.reasons, ui.Choice{Label: tr.Label("ym.decline", string(r)), Value: string(r)})
		}
	}
	amount := &ui.Field{ID: retFieldAmount, Label: tr.Get("returns.decide.amount"), Kind: ui.FieldText,
		Placeholder: tr.Get("returns.decide.amount_hint")}
	amount.Validate = func(s string) error {
		_, err := d.compensation(s, tr)
		return err
	}
	d.items, d.labels = retDecisionItems(d.r)
	d.fields = []*ui.Field{
		{ID: retFieldDecision, Label: tr.Get("returns.decide.decision"), Choices: choices},
		{ID: retFieldReason, Label: tr.Get("returns.decide.reason")},
		amount,
		// after the decision's own fields: its keys (down to the sum) stay
		// as they are for a return of one item
		{ID: retFieldItems, Label: tr.Get("returns.decide.items"), Choices: []ui.Choice{
			{Label: tr.Get("returns.decide.items_all", len(d.items)), Value: retItemsAll},
			{Label: tr.Get("returns.decide.items_each"), Value: retItemsEach}}},
		{ID: retFieldComment, Label: tr.Get("returns.decide.comment"), Kind: ui.FieldText, Wrap: true,
			Placeholder: tr.Get("returns.decide.comment_hint"), MaxLen: retCommentMax,
			Validate: func(s string) error {
				// the spec asks for a comment with these decisions (the cost
				// of shipping back, a repair date, why, a proposal)
				if a := d.chosen(); a.DecisionType.CommentExpected() && s == "" {
					return errors.New(tr.Get("returns.decide.comment_needed", tr.Label("returns.decide.comment_for", string(a.DecisionType))))
				}
				return nil
			}},
	}
	d.form = ui.NewForm(env, tr.Get("returns.decide.title", d.r.ID), d.fields...)
	d.form.TextTo = retFieldComment // words typed on the decision are the comment

	vals := url.Values{}
	if r := env.Replies; r != nil {
		if dr, ok := r.Draft(r.Key(ui.PaneReturns, strconv.FormatInt(d.r.ID, 10))); ok {
			vals, _ = url.ParseQuery(dr.Action)
			vals.Set(retFieldComment, dr.Text)
		} else if e, ok := p.acts.latest(strconv.FormatInt(d.r.ID, 10)); ok && e.State == reply.StateFailed {
			vals = retDecisionValues(e)
		}
	}
	d.form.SetValue(retFieldDecision, vals.Get(retFieldDecision))
	d.layout()
	for _, id := range []string{retFieldItems, retFieldReason, retFieldAmount, retFieldComment} {
		if v := vals.Get(id); v != "" {
			d.form.SetValue(id, v)
		}
	}
	d.draft = d.draftNow()
}

// retDecisionValues are a queued decision's choices, to fill the form
// when the user tries a failed one again.
func retDecisionValues(e reply.Entry) url.Values {
	v := url.Values{}
	if len(e.Decisions) == 0 {
		return v
	}
	first := e.Decisions[0]
	v.Set(retFieldDecision, string(first.DecisionType))
	v.Set(retFieldReason, string(first.DecisionReasonType))
	if c := first.Compensation; c != nil {
		v.Set(retFieldAmount, strconv.FormatFloat(c.Value, 'f', 2, 64))
	}
	v.Set(retFieldComment, first.Comment)
	return v
}

// chosen is the decision selected in the form.
func (d *retDecide) chosen() models.YMAvailableDecision {
	f := d.fields[0]
	if f.Selected < 0 || f.Selected >= len(f.Choices) {
		return models.YMAvailableDecision{}
	}
	a, _ := d.avail.Find(models.YMDecisionType(f.Choices[f.Selected].Value))
	return a
}

// layout shows the fields the chosen decision takes. The decision is the
// first field and has the focus whenever it changes, so the focus index
// stays on it.
func (d *retDecide) layout() {
	a := d.chosen()
	if string(a.DecisionType) == d.shown && d.shown != "" {
		return
	}
	d.shown = string(a.DecisionType)
	visible := []*ui.Field{d.fields[0]}
	for _, f := range d.fields[1:] {
		switch f.ID {
		case retFieldItems:
			// asked once, before the first item is decided
			if len(d.items) < 2 || len(d.done) > 0 {
				continue
			}
		case retFieldReason:
			if len(a.DecisionReasonTypes) == 0 {
				continue
			}
			// only the reasons this decision offers
			f.Choices = f.Choices[:0:0]
			for _, r := range a.DecisionReasonTypes {
				f.Choices = append(f.Choices, ui.Choice{Label: d.reasonLabel(r), Value: string(r)})
			}
			f.Selected = min(f.Selected, len(f.Choices)-1)
		case retFieldAmount:
			b := a.PartialCompensationBounds
			if b == nil {
				continue
			}
			// the most Market allows is shown before anything is typed,
			// not only in the refusal of a sum above it
			f.Label = d.tr.Get("returns.decide.amount_max", money(b.MaxAmount.Value, string(b.MaxAmount.CurrencyID), d.tr))
		}
		visible = append(visible, f)
	}
	d.form.Fields = visible
}

func (d *retDecide) reasonLabel(r models.YMDeclineReason) string {
	for _, c := range d.reasons {
		if c.Value == string(r) {
			return c.Label
		}
	}
	return string(r)
}

// compensation reads the partial refund typed into the form and checks it
// against the bounds Yandex Market gave.
func (d *retDecide) compensation(s string, tr i18n.T) (*models.YMAmount, error) {
	b := d.chosen().PartialCompensationBounds
	if b == nil {
		return nil, nil
	}
	v, err := parseMoney(s)
	if err != nil {
		return nil, errors.New(tr.Get("returns.decide.bad_number"))
	}
	cur := b.MaxAmount.CurrencyID
	if cur == "" {
		cur = models.YMRouble
	}
	amt := &models.YMAmount{Value: v, CurrencyID: cur}
	if v < b.MinAmount.Value || v > b.MaxAmount.Value {
		return nil, errors.New(tr.Get("returns.decide.bad_amount", money(b.MinAmount.Value, string(b.MinAmount.CurrencyID), tr),
			money(b.MaxAmount.Value, string(b.MaxAmount.CurrencyID), tr)))
	}
	return amt, nil
}

// draftNow is the form as a draft: the comment as text, the choices as a
// query string in Action.
func (d *retDecide) draftNow() reply.Draft {
	v := url.Values{}
	for _, id := range []string{retFieldDecision, retFieldItems, retFieldReason, retFieldAmount} {
		if s := d.form.Value(id); s != "" {
			v.Set(id, s)
		}
	}
	return reply.Draft{Text: d.form.Value(retFieldComment), Action: v.Encode()}
}

// retDecisionItems are the return's positions that take a decision
// (each once), with a label for the form: "2 of 3: SKU".
func retDecisionItems(r models.YMReturn) (ids []int64, labels []string) {
	seen := map[int64]bool{}
	for _, it := range r.Items {
		id := it.ItemID()
		if id <= 0 || seen[id] {
			continue
		}
		seen[id] = true
		ids = append(ids, id)
		labels = append(labels, safe.Line(it.ShopSku))
	}
	return ids, labels
}

// decisionFromForm is the decision the form holds, checked against what
// Market offers.
func (p *returnsPane) decisionFromForm(d *retDecide) (models.YMItemDecision, error) {
	tr := p.Env().Tr
	a := d.chosen()
	x := models.YMItemDecision{DecisionType: a.DecisionType, Comment: d.form.Value(retFieldComment)}
	if len(a.DecisionReasonTypes) > 0 {
		x.DecisionReasonType = models.YMDeclineReason(d.form.Value(retFieldReason))
	}
	comp, err := d.compensation(d.form.Value(retFieldAmount), tr)
	if err != nil {
		return x, err
	}
	x.Compensation = comp
	return x, d.avail.Check(x)
}

// eachItem reports that the form is filled once per item.
func (d *retDecide) eachItem() bool {
	return len(d.items) > 1 && (len(d.done) > 0 || d.form.Value(retFieldItems) == retItemsEach)
}

// nextItem clears the form for the next item, keeping the decision
// chosen, and names the item in the title.
func (d *retDecide) nextItem(tr i18n.T) {
	d.form.Title = tr.Get("returns.decide.title_item", d.r.ID, d.cur+1, len(d.items), d.labels[d.cur])
	for _, id := range []string{retFieldReason, retFieldAmount, retFieldComment} {
		d.form.SetValue(id, "")
	}
	d.shown = "" // lay the fields out again: the items choice is gone
	d.layout()
	d.form.FocusField(retFieldDecision)
}

// build turns the applied form into the outbox entry, with the user's
// sentence when something does not fit. Deciding item by item, it
// records the decision on the current item and returns ok false until the
// last one is decided.
func (p *returnsPane) buildDecision(d *retDecide) (e reply.Entry, ok bool, err error) {
	tr := p.Env().Tr
	x, err := p.decisionFromForm(d)
	if err != nil {
		return reply.Entry{}, false, err
	}
	if len(d.items) == 0 {
		return reply.Entry{}, false, errors.New(tr.Get("returns.decide.no_items", d.r.ID))
	}
	var decisions []models.YMItemDecision
	if d.eachItem() {
		x.ReturnItemID = d.items[d.cur]
		d.done = append(d.done, x)
		d.cur++
		if d.cur < len(d.items) {
			d.nextItem(tr)
			return reply.Entry{}, false, nil
		}
		decisions = d.done
	} else {
		for _, id := range d.items {
			y := x
			y.ReturnItemID = id
			decisions = append(decisions, y)
		}
	}
	e = reply.Entry{Kind: reply.KindReturnDecision, ItemID: strconv.FormatInt(d.r.ID, 10),
		OrderID: d.r.OrderID, ReturnID: d.r.ID, Decisions: decisions}
	if err := reply.Validate(e); err != nil {
		return reply.Entry{}, false, errors.New(humanError(err))
	}
	return e, true, nil
}

// retQuestion is the confirmation, naming what leaves the seller's hands.
func (p *returnsPane) retQuestion(d *retDecide, e reply.Entry) string {
	tr := p.Env().Tr
	first := e.Decisions[0]
	if d.eachItem() {
		return p.retItemsQuestion(d, e) + " " + tr.Get("returns.decide.final")
	}
	label := tr.Label("ym.decision", string(first.DecisionType))
	var q string
	switch first.DecisionType {
	case models.YMDecisionRefundMoney, models.YMDecisionFastRefundMoney, models.YMDecisionRefundMoneyIncludingShipment:
		if tot, ok := d.r.Total(); ok {
			q = tr.Get("returns.decide.q_refund", money(tot.Value, string(tot.CurrencyID), tr), d.r.ID, label)
		} else {
			q = tr.Get("returns.decide.q_other", d.r.ID, label)
		}
	case models.YMDecisionPartialMoneyRefund:
		sum := money(first.Compensation.Value, string(first.Compensation.CurrencyID), tr)
		if n := len(e.Decisions); n > 1 {
			q = tr.Get("returns.decide.q_partial_each", sum, n, d.r.ID)
		} else {
			q = tr.Get("returns.decide.q_partial", sum, d.r.ID)
		}
	case models.YMDecisionDeclineRefund:
		q = tr.Get("returns.decide.q_decline", d.r.ID, tr.Label("ym.decline", string(first.DecisionReasonType)))
	default:
		q = tr.Get("returns.decide.q_other", d.r.ID, label)
	}
	return q + " " + tr.Get("returns.decide.final")
}

// decideOutbox takes the outbox's word on a decision: a refusal reopens
// the form with the reason, a state change redraws the return, and a
// delivered decision reloads the list (the return no longer waits).
func (p *returnsPane) decideOutbox(msg ui.OutboxMsg) tea.Cmd {
	if msg.Entry.Kind != reply.KindReturnDecision {
		return nil
	}
	return p.acts.settled(msg, p.RefreshDetail, p.reloadAll)
}

// parseMoney reads a sum as people type it: "1 234,50", "1234.5",
// "350 ₽".
func parseMoney(s string) (float64, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ',' || r == '.':
			b.WriteByte('.')
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '₽':
		default:
			return 0, strconv.ErrSyntax
		}
	}
	t := b.String()
	if t == "" || strings.Count(t, ".") > 1 || strings.HasPrefix(t, ".") {
		return 0, strconv.ErrSyntax
	}
	if i := strings.IndexByte(t, '.'); i >= 0 && len(t)-i-1 > 2 {
		return 0, strconv.ErrSyntax // kopecks have two digits
	}
	return strconv.ParseFloat(t, 64)
}

// mine is the comment of the decision on the return this app delivered;
// "" when there is none.
func (p *returnsPane) mine(id string) string {
	e, ok := p.acts.latest(id)
	if !ok || e.State != reply.StateSent || len(e.Decisions) == 0 {
		return ""
	}
	return e.Decisions[0].Comment
}

// retItemsQuestion names the decision on every item.
func (p *returnsPane) retItemsQuestion(d *retDecide, e reply.Entry) string {
	tr := p.Env().Tr
	parts := make([]string, 0, len(e.Decisions))
	for i, x := range e.Decisions {
		what := tr.Label("ym.decision", string(x.DecisionType))
		switch {
		case x.Compensation != nil:
			what += " " + money(x.Compensation.Value, string(x.Compensation.CurrencyID), tr)
		case x.DecisionReasonType != "":
			what += " (" + tr.Label("ym.decline", string(x.DecisionReasonType)) + ")"
		}
		label := ""
		if i < len(d.labels) {
			label = d.labels[i]
		}
		parts = append(parts, tr.Get("returns.decide.q_item", i+1, label, what))
	}
	return tr.Get("returns.decide.q_items", d.r.ID, strings.Join(parts, "; "))
}
