package ym

import (
	"context"
	"slices"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

func premoderated(r models.YMReturn) bool {
	return r.RefundStatus == models.YMRefundPremoderationDecisionWaiting
}

func dbsWaiting(r models.YMReturn) bool { return r.RefundStatus == models.YMRefundWaitingForDecision }

func decideAll(r models.YMReturn, d models.YMItemDecision) []models.YMItemDecision {
	var out []models.YMItemDecision
	for _, id := range itemIDs(r) {
		d.ReturnItemID = id
		out = append(out, d)
	}
	return out
}

func TestAvailableDecisionsFollowState(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	tests := []struct {
		name  string
		r     models.YMReturn
		want  []models.YMDecisionType
		empty bool
	}{
		{"premoderation", findReturn(t, all, "premoderated return", premoderated),
			[]models.YMDecisionType{models.YMDecisionRefundMoney, models.YMDecisionDeclineRefund, models.YMDecisionPartialMoneyRefund}, false},
		{"DBS", findReturn(t, all, "DBS return", dbsWaiting),
			[]models.YMDecisionType{models.YMDecisionRefundMoney, models.YMDecisionRepair, models.YMDecisionReplace, models.YMDecisionOther}, false},
		{"refunded", findReturn(t, all, "refunded return", func(r models.YMReturn) bool { return r.RefundStatus == models.YMRefunded }), nil, true},
		{"non-purchase", findReturn(t, all, "non-purchase", func(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeUnredeemed }), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			av, err := c.GetReturnAvailableDecisions(ctx, tt.r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.empty != (len(av) == 0) {
				t.Fatalf("available %+v, want empty=%v", av, tt.empty)
			}
			for _, d := range tt.want {
				if _, ok := av.Find(d); !ok {
					t.Errorf("%s not offered: %+v", d, av)
				}
			}
			for _, d := range av {
				declining := d.DecisionType == models.YMDecisionDeclineRefund
				if declining != (len(d.DecisionReasonTypes) > 0) {
					t.Errorf("%s with reasons %v", d.DecisionType, d.DecisionReasonTypes)
				}
				partial := d.DecisionType == models.YMDecisionPartialMoneyRefund
				if b := d.PartialCompensationBounds; partial != (b != nil) || b != nil && (b.MinAmount.Value <= 0 || b.MaxAmount.Value < b.MinAmount.Value) {
					t.Errorf("%s with bounds %+v", d.DecisionType, b)
				}
			}
		})
	}
	_, err := c.GetReturnAvailableDecisions(ctx, 1)
	wantKind(t, err, api.KindNotFound)
	_, err = c.GetReturnAvailableDecisions(ctx, 0)
	wantKind(t, err, api.KindValidation)
}

func TestSubmitReturnDecisionChangesTheReturn(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	waiting := 0
	for _, r := range all {
		if r.AwaitsDecision() {
			waiting++
		}
	}
	r := findReturn(t, all, "premoderated return", premoderated)
	av, err := c.GetReturnAvailableDecisions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	decisions := decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionRefundMoney, Comment: "Возвращаем деньги"})
	for _, d := range decisions {
		if err := av.Check(d); err != nil {
			t.Fatalf("Check refuses an offered decision: %v", err)
		}
	}
	if err := c.SubmitReturnDecision(ctx, r.OrderID, r.ID, decisions); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetReturn(ctx, r.OrderID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RefundStatus != models.YMRefundPremoderationDecisionMade || got.AwaitsDecision() {
		t.Errorf("after the decision the status is %s", got.RefundStatus)
	}
	if !got.UpdateDate.After(r.UpdateDate.Time) && !got.UpdateDate.Equal(r.UpdateDate.Time) {
		t.Errorf("updateDate went back: %v → %v", r.UpdateDate, got.UpdateDate)
	}
	for _, it := range got.Items {
		for _, d := range it.Decisions {
			if d.DecisionType != models.YMDecisionRefundMoney || !d.Decided() || d.Amount == nil || d.Amount.Value <= 0 {
				t.Errorf("item %d decision not recorded: %+v", it.ItemID(), d)
			}
		}
	}
	// The list shows it too, and it no longer waits.
	after, err := c.AllReturns(ctx, ReturnsQuery{Statuses: models.YMWaitingStatuses, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != waiting-1 || slices.ContainsFunc(after, func(x models.YMReturn) bool { return x.ID == r.ID }) {
		t.Errorf("%d waiting after deciding one of %d", len(after), waiting)
	}
	av, err = c.GetReturnAvailableDecisions(ctx, r.ID)
	if err != nil || len(av) != 0 {
		t.Errorf("still offered after deciding: %+v %v", av, err)
	}
	err = c.SubmitReturnDecision(ctx, r.OrderID, r.ID, decisions)
	wantKind(t, err, api.KindValidation)
}

func TestSubmitReturnDecisionRules(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	r := findReturn(t, all, "premoderated return", premoderated)
	av, err := c.GetReturnAvailableDecisions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	partial, _ := av.Find(models.YMDecisionPartialMoneyRefund)
	b := partial.PartialCompensationBounds
	decline, _ := av.Find(models.YMDecisionDeclineRefund)
	id := itemIDs(r)[0]
	tests := []struct {
		name      string
		decisions []models.YMItemDecision
		kind      api.Kind
	}{
		// Refused by the client before sending.
		{"no decisions", nil, api.KindValidation},
		{"unknown decision", decideAll(r, models.YMItemDecision{DecisionType: "MAYBE"}), api.KindValidation},
		{"UNKNOWN cannot be sent", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionUnknown}), api.KindValidation},
		{"partial without a sum", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionPartialMoneyRefund}), api.KindValidation},
		{"sum with a full refund", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionRefundMoney, Compensation: &models.YMAmount{Value: 10}}), api.KindValidation},
		{"reason without declining", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionRefundMoney, DecisionReasonType: models.YMDeclineMechanicalDamage}), api.KindValidation},
		{"item twice", []models.YMItemDecision{{ReturnItemID: id, DecisionType: models.YMDecisionRefundMoney}, {ReturnItemID: id, DecisionType: models.YMDecisionRefundMoney}}, api.KindValidation},
		{"zero item", []models.YMItemDecision{{DecisionType: models.YMDecisionRefundMoney}}, api.KindValidation},
		// Refused by the service.
		{"partial above the bound", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionPartialMoneyRefund, Compensation: &models.YMAmount{Value: b.MaxAmount.Value + 100}}), api.KindValidation},
		{"declining without a reason", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionDeclineRefund, Comment: "Нет"}), api.KindValidation},
		{"decision not offered", decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionRepair}), api.KindValidation},
		{"foreign item", []models.YMItemDecision{{ReturnItemID: 99, DecisionType: models.YMDecisionRefundMoney}}, api.KindValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.SubmitReturnDecision(ctx, r.OrderID, r.ID, tt.decisions)
			wantKind(t, err, tt.kind)
			for _, d := range tt.decisions {
				if d.ReturnItemID == id && d.DecisionType == models.YMDecisionPartialMoneyRefund && d.Compensation != nil {
					if av.Check(d) == nil {
						t.Error("Check allows a sum the service refuses")
					}
				}
			}
		})
	}
	got, err := c.GetReturn(ctx, r.OrderID, r.ID)
	if err != nil || !got.AwaitsDecision() {
		t.Fatalf("a refused decision changed the return: %s %v", got.RefundStatus, err)
	}
	// A partial refund inside the bounds and a reasoned refusal are taken.
	ok := decideAll(r, models.YMItemDecision{DecisionType: models.YMDecisionPartialMoneyRefund, Compensation: &models.YMAmount{Value: b.MaxAmount.Value}})
	if len(r.Items) > 1 {
		ok[1] = models.YMItemDecision{ReturnItemID: ok[1].ReturnItemID, DecisionType: models.YMDecisionDeclineRefund,
			DecisionReasonType: decline.DecisionReasonTypes[0], Comment: "Дефект не подтвердился"}
	}
	if err := c.SubmitReturnDecision(ctx, r.OrderID, r.ID, ok); err != nil {
		t.Fatal(err)
	}
	got, _ = c.GetReturn(ctx, r.OrderID, r.ID)
	d := got.Items[0].Decisions[0]
	if d.DecisionType != models.YMDecisionPartialMoneyRefund || d.Amount == nil || d.Amount.Value != b.MaxAmount.Value {
		t.Errorf("partial refund recorded as %+v", d)
	}
}

func TestDeprecatedSetThenConfirm(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	r := findReturn(t, all, "DBS return", dbsWaiting)
	// Confirming before choosing is refused.
	wantKind(t, c.ConfirmReturnDecision(ctx, r.OrderID, r.ID), api.KindValidation)
	for _, id := range itemIDs(r) {
		err := c.SetReturnDecision(ctx, r.OrderID, r.ID, models.YMSetDecision{ReturnItemID: id, DecisionType: models.YMDecisionRepair, Comment: "Отремонтируем за 14 дней"})
		if err != nil {
			t.Fatal(err)
		}
	}
	mid, err := c.GetReturn(ctx, r.OrderID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mid.RefundStatus != models.YMRefundWaitingForDecision || mid.Items[0].Decisions[0].DecisionType != models.YMDecisionRepair {
		t.Errorf("after setReturnDecision: %s, %+v", mid.RefundStatus, mid.Items[0].Decisions[0])
	}
	if err := c.ConfirmReturnDecision(ctx, r.OrderID, r.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := c.GetReturn(ctx, r.OrderID, r.ID)
	if got.RefundStatus != models.YMRefundDecisionMade {
		t.Errorf("after confirming: %s", got.RefundStatus)
	}
	// The old flow is for DBS returns only.
	fbs := findReturn(t, all, "premoderated return", premoderated)
	err = c.SetReturnDecision(ctx, fbs.OrderID, fbs.ID, models.YMSetDecision{ReturnItemID: itemIDs(fbs)[0], DecisionType: models.YMDecisionRefundMoney})
	wantKind(t, err, api.KindValidation)
	err = c.SetReturnDecision(ctx, fbs.OrderID, fbs.ID, models.YMSetDecision{ReturnItemID: itemIDs(fbs)[0], DecisionType: models.YMDecisionOther, Compensation: &models.YMAmount{Value: 1}})
	wantKind(t, err, api.KindValidation)
}
