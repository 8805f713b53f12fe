package panes

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Pinning a feedback to its card (`*`). Pins are not outbox kinds: they
// cost a paid allowance and are undone by unpinning, so they run as the
// pane's own commands, each after a confirmation, and report the result
// with the allowance left. `*` first reads whether the feedback is pinned
// and the allowances, then offers pin or unpin. Those reads are the
// action's own, made afresh for each `*` and not stored: an allowance is
// paid for and a colleague may change a pin at any time (see "Action-side
// reads" in package syncer).

// feedbackPinInfo is what is known about a feedback's pin.
type feedbackPinInfo struct {
	limits models.PinLimits
	pin    *models.Pin // the pin in force; nil when not pinned
}

// feedbacksPinOp is what a pin command did.
type feedbacksPinOp int

const (
	pinLookup feedbacksPinOp = iota
	pinPinned
	pinUnpinned
)

// feedbacksPinMsg is a pin command's result.
type feedbacksPinMsg struct {
	seq  uint64
	id   string
	op   feedbacksPinOp
	info feedbackPinInfo
	err  error
}

func (feedbacksPinMsg) TargetPane() ui.PaneID { return ui.PaneFeedbacks }

// pinPages bounds the pins read to find one feedback's: a card has a few.
const pinPages = 20

// pinState reads the allowances and the feedback's pin in force, among
// the pins of its product.
func pinState(ctx context.Context, c *wb.Client, id string, nmID int64) (feedbackPinInfo, error) {
	var info feedbackPinInfo
	lim, err := c.PinsLimits(ctx)
	if err != nil {
		return info, err
	}
	info.limits = lim
	var next int64
	for range pinPages {
		page, err := c.Pins(ctx, wb.PinsFilter{State: models.Pinned, NmID: nmID}, next, 0)
		if err != nil {
			return info, err
		}
		for _, pn := range page.Pins {
			if pn.FeedbackID == id && pn.State == models.Pinned {
				pin := pn
				info.pin = &pin
				return info, nil
			}
		}
		if page.Next == 0 || page.Next == next || len(page.Pins) == 0 {
			break
		}
		next = page.Next
	}
	return info, nil
}

// pinLookup starts `*` on a feedback.
func (p *feedbacksPane) pinLookup(r *feedbackRow) tea.Cmd {
	seq, client, ctx := p.pinSeq.Next(), p.client, p.env.Ctx
	id, nm := r.f.ID, r.f.ProductDetails.NmID
	return func() tea.Msg {
		info, err := pinState(ctx, client, id, nm)
		return feedbacksPinMsg{seq: seq, id: id, op: pinLookup, info: info, err: err}
	}
}

// pinArrived records a result; a lookup goes on to the pin form or the
// unpin question, a change is reported with the allowance left.
func (p *feedbacksPane) pinArrived(msg feedbacksPinMsg) tea.Cmd {
	if !p.pinSeq.Current(msg.seq) {
		return nil
	}
	tr := p.env.Tr
	if msg.err != nil {
		return func() tea.Msg { return ui.NoticeMsg{Err: msg.err} }
	}
	p.pins[msg.id] = msg.info
	p.RefreshDetail()
	switch msg.op {
	case pinPinned:
		return notice(tr.Get("wbf.pin.done", msg.info.pin.PinID, p.limitsText(msg.info.limits)))
	case pinUnpinned:
		return notice(tr.Get("wbf.unpin.done", p.limitsText(msg.info.limits)))
	}
	if p.acts.open != nil {
		return nil // the user went on to something else meanwhile
	}
	name := p.feedbackName(msg.id)
	if pn := msg.info.pin; pn != nil {
		pinID := pn.PinID
		p.acts.ask(msg.id, tr.Get("wbf.unpin.ask", name, p.pinWhere(*pn)), func() tea.Cmd { return p.unpin(msg.id, pinID) })
		return nil
	}
	var choices []ui.Choice
	for _, m := range []models.PinMethod{models.PinBySubscription, models.PinByTariff} {
		if l := pinLimitOf(msg.info.limits, m); l != nil && (l.Unlimited || l.Remaining > 0) {
			choices = append(choices, ui.Choice{Label: p.limitText(m, *l), Value: string(m)})
		}
	}
	if len(choices) == 0 {
		return notice(tr.Get("wbf.pin.none_left", p.limitsText(msg.info.limits)))
	}
	form := ui.NewForm(p.env, tr.Get("wbf.pin.title", name),
		&ui.Field{ID: "method", Label: tr.Get("wbf.pin.method"), Choices: choices},
		&ui.Field{ID: "on", Label: tr.Get("wbf.pin.on"), Choices: []ui.Choice{
			{Label: tr.Get("wbf.pin.on.nm"), Value: string(models.PinOnNM)},
			{Label: tr.Get("wbf.pin.on.imt"), Value: string(models.PinOnIMT)},
		}})
	id := msg.id
	p.acts.open = &action{itemID: id, form: form, onForm: func(a *action) tea.Cmd {
		f := a.form
		method, on := models.PinMethod(f.Value("method")), models.PinOn(f.Value("on"))
		pin := models.Pin{PinMethod: method, PinOn: on}
		p.acts.ask(id, tr.Get("wbf.pin.ask", name, p.pinWhere(pin)), func() tea.Cmd { return p.pin(id, method, on) })
		return nil
	}}
	return nil
}

// pin pins the feedback and reads the allowances left.
func (p *feedbacksPane) pin(id string, method models.PinMethod, on models.PinOn) tea.Cmd {
	seq, client, ctx := p.pinSeq.Next(), p.client, p.env.Ctx
	return func() tea.Msg {
		res, err := client.Pin(ctx, []models.PinRequest{{PinMethod: method, PinOn: on, FeedbackID: id}})
		if err != nil {
			return feedbacksPinMsg{seq: seq, id: id, op: pinPinned, err: err}
		}
		info := feedbackPinInfo{pin: &models.Pin{PinID: res[0].PinID, FeedbackID: id, PinMethod: method, PinOn: on, State: models.Pinned}}
		// The pin stands even if the allowances cannot be read now.
		info.limits, _ = client.PinsLimits(ctx)
		return feedbacksPinMsg{seq: seq, id: id, op: pinPinned, info: info}
	}
}

// unpin removes the pin and reads the allowances left.
func (p *feedbacksPane) unpin(id string, pinID int64) tea.Cmd {
	seq, client, ctx := p.pinSeq.Next(), p.client, p.env.Ctx
	return func() tea.Msg {
		if _, err := client.Unpin(ctx, []int64{pinID}); err != nil {
			return feedbacksPinMsg{seq: seq, id: id, op: pinUnpinned, err: err}
		}
		var info feedbackPinInfo
		info.limits, _ = client.PinsLimits(ctx)
		return feedbacksPinMsg{seq: seq, id: id, op: pinUnpinned, info: info}
	}
}

func pinLimitOf(l models.PinLimits, m models.PinMethod) *models.PinLimit {
	if m == models.PinByTariff {
		return l.Tariff
	}
	return l.Subscription
}

// limitText is one allowance: "subscription: 12 of 15 left".
func (p *feedbacksPane) limitText(m models.PinMethod, l models.PinLimit) string {
	tr := p.env.Tr
	name := tr.Get("wbf.pin.method." + string(m))
	if l.Unlimited {
		return tr.Get("wbf.pin.unlimited", name)
	}
	return tr.Get("wbf.pin.left", name, l.Remaining, l.TotalLimit)
}

// limitsText is every allowance the seller has.
func (p *feedbacksPane) limitsText(l models.PinLimits) string {
	var parts []string
	for _, m := range []models.PinMethod{models.PinBySubscription, models.PinByTariff} {
		if lim := pinLimitOf(l, m); lim != nil {
			parts = append(parts, p.limitText(m, *lim))
		}
	}
	if len(parts) == 0 {
		return p.env.Tr.Get("wbf.pin.no_allowance")
	}
	return strings.Join(parts, ", ")
}

// pinWhere is "on the product card, by subscription".
func (p *feedbacksPane) pinWhere(pn models.Pin) string {
	tr := p.env.Tr
	return tr.Get("wbf.pin.where", tr.Get("wbf.pin.on."+string(pn.PinOn)), tr.Get("wbf.pin.method."+string(pn.PinMethod)))
}

// pinLine is the detail's line about the pin.
func (p *feedbacksPane) pinLine(info feedbackPinInfo) string {
	tr := p.env.Tr
	state := tr.Get("wbf.pin.not_pinned")
	if pn := info.pin; pn != nil {
		state = tr.Get("wbf.pin.pinned", p.pinWhere(*pn), strconv.FormatInt(pn.PinID, 10))
	}
	return state + " · " + p.limitsText(info.limits)
}

// feedbackName names a feedback in questions: the buyer and product.
func (p *feedbacksPane) feedbackName(id string) string {
	for _, r := range p.Items() {
		if r.f.ID == id {
			return r.buyer + " — " + r.product
		}
	}
	return id
}
