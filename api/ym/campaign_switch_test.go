package ym

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// The sandbox's business has two shops with API access and returns of
// their own: a client of one campaign, switched with ForCampaign, reads
// the other's returns and orders over the same transport, and a return is
// found only through its own campaign (all checked against the spec).
func TestTwoCampaignsWithReturnsOfTheirOwn(t *testing.T) {
	h, c := start(t)
	ctx := context.Background()
	camps, err := c.Campaigns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	usable := map[int64]bool{}
	for _, camp := range camps {
		if camp.APIUsable() {
			usable[camp.ID] = true
			if camp.BusinessID() != sandbox.BusinessID {
				t.Errorf("campaign %d belongs to business %d", camp.ID, camp.BusinessID())
			}
		}
	}
	if !usable[sandbox.CampaignID] || !usable[sandbox.SecondCampaignID] {
		t.Fatalf("usable campaigns %v, want %d and %d", usable, sandbox.CampaignID, sandbox.SecondCampaignID)
	}

	other := c.ForCampaign(sandbox.SecondCampaignID)
	if other.CampaignID() != sandbox.SecondCampaignID || other.Transport() != h.Transport {
		t.Fatal("ForCampaign does not address the other campaign over the same transport")
	}
	mine, theirs := allReturns(t, c), allReturns(t, other)
	ids := map[int64]bool{}
	for _, r := range mine {
		ids[r.ID] = true
	}
	for _, r := range theirs {
		if ids[r.ID] {
			t.Fatalf("return %d is listed by both campaigns", r.ID)
		}
	}
	if len(theirs) >= len(mine) {
		t.Errorf("the second shop has %d returns, the first %d: expected a smaller second shop", len(theirs), len(mine))
	}
	r := theirs[0]
	if _, err := other.GetReturn(ctx, r.OrderID, r.ID); err != nil {
		t.Fatalf("the return through its own campaign: %v", err)
	}
	_, err = c.GetReturn(ctx, r.OrderID, r.ID)
	wantKind(t, err, api.KindNotFound)

	orders, err := other.Orders(ctx, []int64{r.OrderID})
	if err != nil {
		t.Fatal(err)
	}
	if o := orders[r.OrderID]; o.CampaignID != sandbox.SecondCampaignID {
		t.Fatalf("the order of the second shop names campaign %d", o.CampaignID)
	}
}
