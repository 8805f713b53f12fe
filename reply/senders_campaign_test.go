package reply_test

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// A decision queued in one campaign goes to that campaign's shop even when
// the outbox sends it after the app switched to another campaign.
func TestReturnDecisionKeepsItsCampaign(t *testing.T) {
	h := contract.Start(t, sandbox.Options{NoLimits: true}, nil)
	ctx := context.Background()
	now := ym.New(h.Transport, sandbox.CampaignID) // the campaign switched to
	before := now.ForCampaign(sandbox.SecondCampaignID)
	returns, err := before.AllReturns(ctx, ym.ReturnsQuery{Statuses: models.YMWaitingStatuses})
	if err != nil {
		t.Fatal(err)
	}
	var e reply.Entry
	for _, r := range returns {
		av, err := before.GetReturnAvailableDecisions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		pick, ok := av.Find(models.YMDecisionRefundMoney)
		if !ok || len(r.Items) == 0 {
			continue
		}
		var ds []models.YMItemDecision
		for _, it := range r.Items {
			ds = append(ds, models.YMItemDecision{ReturnItemID: it.ItemID(), DecisionType: pick.DecisionType})
		}
		e = reply.Entry{Kind: reply.KindReturnDecision, OrderID: r.OrderID, ReturnID: r.ID, Decisions: ds,
			CampaignID: sandbox.SecondCampaignID}
		break
	}
	if e.ReturnID == 0 {
		t.Fatal("the second campaign has no return awaiting a refund decision")
	}
	s := reply.NewSenders(nil, now)[reply.KindReturnDecision]

	// Without its campaign the entry would go to the current shop, which
	// does not know the return.
	wrong := e
	wrong.CampaignID = 0
	if err := s.Send(ctx, wrong); err == nil {
		t.Fatal("the other shop accepted a decision on a return it does not have")
	} else if ae, ok := api.AsError(err); !ok || ae.Kind != api.KindNotFound {
		t.Fatalf("want not found from the other shop, got %v", err)
	}

	if err := s.Send(ctx, e); err != nil {
		t.Fatalf("send to the entry's own campaign: %v", err)
	}
	if landed, err := s.Landed(ctx, e); err != nil || !landed {
		t.Fatalf("landed %v, %v", landed, err)
	}
}
