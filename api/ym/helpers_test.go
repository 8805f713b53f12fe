package ym

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// start runs a contract-checked sandbox and a client of the demo campaign.
func start(t *testing.T) (*contract.Harness, *Client) {
	t.Helper()
	h := contract.Start(t, sandbox.Options{}, nil)
	return h, New(h.Transport, sandbox.CampaignID)
}

// allReturns reads the whole demo data set.
func allReturns(t *testing.T, c *Client) []models.YMReturn {
	t.Helper()
	all, err := c.AllReturns(context.Background(), ReturnsQuery{Limit: MaxReturnsLimit})
	if err != nil {
		t.Fatalf("AllReturns: %v", err)
	}
	if len(all) == 0 {
		t.Fatal("the sandbox has no returns")
	}
	return all
}

// findReturn picks the first return satisfying ok.
func findReturn(t *testing.T, all []models.YMReturn, what string, ok func(models.YMReturn) bool) models.YMReturn {
	t.Helper()
	for _, r := range all {
		if ok(r) {
			return r
		}
	}
	t.Fatalf("the sandbox has no %s", what)
	return models.YMReturn{}
}

// wantKind fails unless err is an *api.Error of kind k.
func wantKind(t *testing.T, err error, k api.Kind) *api.Error {
	t.Helper()
	e, ok := api.AsError(err)
	if !ok {
		t.Fatalf("want *api.Error of kind %s, got %T %v", k, err, err)
	}
	if e.Kind != k {
		t.Fatalf("want kind %s, got %s: %v", k, e.Kind, err)
	}
	return e
}

func itemIDs(r models.YMReturn) []int64 {
	var ids []int64
	for _, it := range r.Items {
		ids = append(ids, it.ItemID())
	}
	return ids
}
