package app

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// A switch of campaign (or profile) in the demo reopens the session; with
// the process's DemoSandboxes the sandbox stays, so a decision made before
// the switch is still made when the user comes back, and each demo
// profile keeps a sandbox of its own.
func TestDemoSandboxOutlivesASwitch(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	demos := &DemoSandboxes{}
	defer demos.Close()
	open := func(o Options) *Session {
		t.Helper()
		o.Demo, o.Demos = true, demos
		s, err := Open(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open(Options{})
	c := s.YM()
	returns, err := c.AllReturns(ctx, ym.ReturnsQuery{Statuses: models.YMWaitingStatuses})
	if err != nil {
		t.Fatal(err)
	}
	var decided models.YMReturn
	for _, r := range returns {
		av, err := c.GetReturnAvailableDecisions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		pick, ok := av.Find(models.YMDecisionRefundMoney)
		if !ok {
			continue
		}
		var ds []models.YMItemDecision
		for _, it := range r.Items {
			ds = append(ds, models.YMItemDecision{ReturnItemID: it.ItemID(), DecisionType: pick.DecisionType})
		}
		if err := c.SubmitReturnDecision(ctx, r.OrderID, r.ID, ds); err != nil {
			t.Fatal(err)
		}
		decided = r
		break
	}
	if decided.ID == 0 {
		t.Fatal("no demo return to decide")
	}
	s.Close()

	other := open(Options{Campaign: sandbox.SecondCampaignID})
	if other.YM().CampaignID() != sandbox.SecondCampaignID {
		t.Fatalf("campaign %d", other.YM().CampaignID())
	}
	other.Close()
	second := open(Options{Profile: "demo-2"})
	if second.Profile() != "demo-2" || second.StoreNote() == s.StoreNote() {
		t.Fatalf("demo-2 shares the first demo profile's sandbox: %s", second.StoreNote())
	}
	second.Close()

	back := open(Options{})
	defer back.Close()
	if back.StoreNote() != s.StoreNote() {
		t.Fatalf("a new sandbox after the switch: %s, was %s", back.StoreNote(), s.StoreNote())
	}
	r, err := back.YM().GetReturn(ctx, decided.OrderID, decided.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.AwaitsDecision() {
		t.Fatalf("return %d awaits a decision again after switching back", r.ID)
	}
}
