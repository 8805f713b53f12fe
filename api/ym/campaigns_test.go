package ym

import (
	"context"
	"slices"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestGetCampaignsPaging(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	var ids []int64
	token := ""
	for pages := 1; ; pages++ {
		page, err := c.GetCampaigns(ctx, CampaignsQuery{Limit: 1, PageToken: token})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Campaigns) != 1 {
			t.Fatalf("page %d has %d campaigns, want 1", pages, len(page.Campaigns))
		}
		ids = append(ids, page.Campaigns[0].ID)
		if token = page.Paging.NextPageToken; token == "" {
			break
		}
		if pages > 10 {
			t.Fatal("paging does not end")
		}
	}
	all, err := c.Campaigns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(ids) || len(all) < 2 {
		t.Fatalf("Campaigns gave %d, paging by one gave %v", len(all), ids)
	}
	for i, camp := range all {
		if camp.ID != ids[i] {
			t.Errorf("campaign %d: %d vs %d", i, camp.ID, ids[i])
		}
		if camp.BusinessID() != sandbox.BusinessID || camp.Domain == "" || camp.PlacementType == "" {
			t.Errorf("campaign %+v lacks business, name or placement", camp)
		}
	}
	if !all[0].APIUsable() || !slices.ContainsFunc(all, func(c models.YMCampaign) bool { return !c.APIUsable() }) {
		t.Errorf("want the demo campaign usable and a disabled one listed: %+v", all)
	}
}

func TestBusinessIDResolvedOnce(t *testing.T) {
	h, c := start(t)
	ctx := context.Background()
	for range 3 {
		id, err := c.BusinessID(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if id != sandbox.BusinessID {
			t.Fatalf("business %d, want %d", id, sandbox.BusinessID)
		}
	}
	if n := h.Validator.Seen()["getCampaigns"]; n != 1 {
		t.Errorf("getCampaigns called %d times, want 1 (cached)", n)
	}
	camp, err := c.Campaign(ctx)
	if err != nil || camp.ID != sandbox.CampaignID || camp.PlacementType != models.YMPlacementFBS {
		t.Errorf("Campaign: %+v %v", camp, err)
	}
}

func TestCampaignNotVisible(t *testing.T) {
	h, _ := start(t)
	c := New(h.Transport, 424242)
	_, err := c.BusinessID(context.Background())
	e := wantKind(t, err, api.KindForbidden)
	if e.Message == "" {
		t.Error("the error does not say which campaign")
	}
	// A campaign listed but with its API switched off is refused by the
	// service itself.
	c = New(h.Transport, sandbox.CampaignID+1)
	_, err = c.GetReturns(context.Background(), ReturnsQuery{})
	wantKind(t, err, api.KindForbidden)
}
