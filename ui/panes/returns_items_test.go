package panes

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestReturnsDecideItemByItem: a return of several items can be decided
// item by item, as the API allows: the form comes back for each item
// with its SKU in the title, the confirmation names every item's
// decision, and the sandbox (which takes a decision per item) records a
// different decision on each.
func TestReturnsDecideItemByItem(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	probe := rcReturns(t, d, i18n.EN, 160, 48)
	var it retItem
	var avail models.YMAvailableDecisions
	for _, x := range probe.Items() {
		if !x.waiting {
			break
		}
		if ids, _ := retDecisionItems(x.r); len(ids) < 2 {
			continue
		}
		a, err := d.YM.GetReturnAvailableDecisions(context.Background(), x.r.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, refund := a.Find(models.YMDecisionRefundMoney)
		_, decline := a.Find(models.YMDecisionDeclineRefund)
		if refund && decline {
			it, avail = x, a
			break
		}
	}
	if it.r.ID == 0 {
		t.Fatal("the sandbox has no return of several items offering both a refund and a refusal")
	}
	ids, labels := retDecisionItems(it.r)
	p := newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
	rcSized(p, 160, 48)
	rcSelectID(t, p, it.r.ID)
	rcDrive(p, rcKey("a"))
	form := func() *ui.Form { return p.acts.open.form }
	if p.acts.open == nil || p.acts.open.form == nil {
		t.Fatalf("no decision form:\n%s", rcLines(p.View()))
	}
	// the first item: a refund, and item by item
	rcChoose(t, p, form, retFieldDecision, string(models.YMDecisionRefundMoney))
	rcDrive(p, rcKey("down")) // a refund takes no reason or sum: the items choice is next
	rcChoose(t, p, form, retFieldItems, retItemsEach)
	rcDrive(p, rcKey("enter"))
	if v := p.View(); p.Mode() != ui.ModeEdit || !strings.Contains(v, "item 2 of") || !strings.Contains(v, labels[1]) {
		t.Fatalf("the form did not go on to the second item:\n%s", rcLines(v))
	}
	// the other items: declined with a reason
	for range len(ids) - 1 {
		rcChoose(t, p, form, retFieldDecision, string(models.YMDecisionDeclineRefund))
		rcDrive(p, rcKeys("down", "right", "Следы использования")...)
		rcDrive(p, rcKey("enter"))
	}
	v := p.View()
	if p.Mode() != ui.ModeConfirm || !strings.Contains(v, labels[0]+": Refund") || !strings.Contains(v, labels[1]+": Decline") {
		t.Fatalf("the confirmation does not name each item's decision:\n%s", rcLines(v))
	}
	rcDrive(p, rcKey("y"))
	e, ok := w.replies.Latest(ui.PaneReturns, it.id)
	if !ok || len(e.Decisions) != len(ids) || e.Decisions[0].DecisionType != models.YMDecisionRefundMoney ||
		e.Decisions[1].DecisionType != models.YMDecisionDeclineRefund || e.Decisions[1].ReturnItemID != ids[1] {
		t.Fatalf("entry %+v", e)
	}
	if got := w.deliver(t, p); len(got) != 1 || got[0].State != reply.StateSent {
		t.Fatalf("delivery %+v", got)
	}
	back, err := d.YM.GetReturn(context.Background(), it.r.OrderID, it.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	types := map[models.YMDecisionType]int{}
	for _, item := range back.Items {
		for _, dc := range item.Decisions {
			types[dc.DecisionType]++
		}
	}
	if types[models.YMDecisionRefundMoney] != 1 || types[models.YMDecisionDeclineRefund] != len(ids)-1 {
		t.Errorf("the sandbox recorded %v", types)
	}
	_ = avail
}

// TestReturnsItemByItemGolden: the form of a return's second item and the
// confirmation of the decisions on each item, in both languages at 80×24
// and 120×40.
func TestReturnsItemByItemGolden(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		probe := rcReturns(t, d, lang, 160, 48)
		var id int64
		for _, x := range probe.Items() {
			if ids, _ := retDecisionItems(x.r); x.waiting && len(ids) == 2 {
				id = x.r.ID
				break
			}
		}
		if id == 0 {
			t.Fatal("no return of two items awaits a decision")
		}
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			p := newReturnsPane(w.env(lang), d).(*returnsPane)
			rcSized(p, size[0], size[1])
			rcSelectID(t, p, id)
			rcDrive(p, rcKey("a"))
			form := func() *ui.Form { return p.acts.open.form }
			if p.acts.open == nil || form() == nil {
				t.Fatalf("%s %v: no form", lang, size)
			}
			rcChoose(t, p, form, retFieldDecision, string(models.YMDecisionRefundMoney))
			rcDrive(p, rcKey("down"))
			rcChoose(t, p, form, retFieldItems, retItemsEach)
			rcDrive(p, rcKey("enter"))
			t.Run(fmt.Sprintf("%s_%dx%d_item2", lang, size[0], size[1]), func(t *testing.T) { golden.RequireEqual(t, p.View()) })
			rcDrive(p, rcKey("enter"))
			t.Run(fmt.Sprintf("%s_%dx%d_confirm", lang, size[0], size[1]), func(t *testing.T) { golden.RequireEqual(t, p.View()) })
		}
	}
}
