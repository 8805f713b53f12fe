package ym

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// startAt runs a contract-checked sandbox whose clock and the client's both
// read now.
func startAt(t *testing.T, now time.Time) (*contract.Harness, *Client) {
	t.Helper()
	h := contract.Start(t, sandbox.Options{Now: func() time.Time { return now }}, nil)
	c := New(h.Transport, sandbox.CampaignID)
	c.now = func() time.Time { return now }
	return h, c
}

// redate moves the order behind r to created and fails the test if the
// sandbox refuses.
func redate(t *testing.T, h *contract.Harness, r models.YMReturn, created time.Time) {
	t.Helper()
	if !h.Sandbox.SetOrderCreated(r.OrderID, created) {
		t.Fatalf("cannot date order %d at %v (return created %v)", r.OrderID, created, r.CreationDate)
	}
}

// After getOrder's shutdown an order 200 days older than its return and
// one placed the same day as its return are both found through
// getBusinessOrders in 30-day windows going back from the return.
func TestOrdersOfAnyAgeWithoutGetOrder(t *testing.T) {
	now := GetOrderShutdown.AddDate(0, 0, 20)
	h, c := startAt(t, now)
	ctx := context.Background()
	all := allReturns(t, c)
	old := all[len(all)/2]
	same := findReturn(t, all, "a return created after 01:00 Moscow time", func(r models.YMReturn) bool {
		return r.ID != old.ID && r.CreationDate.Sub(dayStart(r.CreationDate.Time)) > time.Hour
	})
	redate(t, h, old, old.CreationDate.Add(-200*24*time.Hour))
	redate(t, h, same, dayStart(same.CreationDate.Time).Add(time.Minute))

	calls := func() (business, legacy int) {
		seen := h.Validator.Seen()
		return seen["getBusinessOrders"], seen["getOrder"]
	}
	b0, _ := calls()
	o, err := c.OrderBefore(ctx, old.OrderID, old.CreationDate.Time)
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != old.OrderID || o.Source != models.YMOrderFromBusinessOrders || o.CreatedAt.After(old.CreationDate.Add(-199*24*time.Hour)) {
		t.Errorf("200-day-old order: %+v", o)
	}
	// Day D-200 lies in the 7th window back from D+1: [D-209, D-179).
	if b, legacy := calls(); b-b0 != 7 || legacy != 0 {
		t.Errorf("the 200-day-old order took %d getBusinessOrders and %d getOrder; want 7 and none", b-b0, legacy)
	}

	b0, _ = calls()
	o, err = c.OrderBefore(ctx, same.OrderID, same.CreationDate.Time)
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != same.OrderID || o.Source != models.YMOrderFromBusinessOrders || daysBetween(o.CreatedAt.Time, same.CreationDate.Time) != 0 {
		t.Errorf("same-day order: %+v (return created %v)", o, same.CreationDate)
	}
	if b, legacy := calls(); b-b0 != 1 || legacy != 0 {
		t.Errorf("the same-day order took %d getBusinessOrders and %d getOrder; want 1 and none", b-b0, legacy)
	}

	// Together with recent ones, in as few windows as overlap allows.
	refs := []OrderRef{{old.OrderID, old.CreationDate.Time}, {same.OrderID, same.CreationDate.Time}}
	for _, r := range all[:20] {
		refs = append(refs, OrderRef{r.OrderID, r.CreationDate.Time})
	}
	got, err := c.OrdersBefore(ctx, refs)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range refs {
		if got[ref.ID].ID != ref.ID {
			t.Errorf("order %d missing from the batch", ref.ID)
		}
	}

	// An order that does not exist costs a bounded number of windows and
	// never calls the switched-off getOrder.
	b0, _ = calls()
	_, err = c.Order(ctx, 1)
	wantKind(t, err, api.KindNotFound)
	_, err = c.GetOrder(ctx, old.OrderID)
	wantKind(t, err, api.KindValidation)
	if b, legacy := calls(); b-b0 != MaxOrderWindows || legacy != 0 {
		t.Errorf("a missing order took %d getBusinessOrders and %d getOrder; want %d and none", b-b0, legacy, MaxOrderWindows)
	}
}

// Before its shutdown getOrder still finds what the windows do not reach;
// from the shutdown date on it is never called.
func TestGetOrderFallbackEndsAtShutdown(t *testing.T) {
	now := GetOrderShutdown.AddDate(0, -4, 0)
	h, c := startAt(t, now)
	ctx := context.Background()
	all := allReturns(t, c)
	r := all[3]
	redate(t, h, r, r.CreationDate.AddDate(0, 0, -(MaxOrderWindows*MaxOrderWindowDays+10)))
	o, err := c.OrderBefore(ctx, r.OrderID, r.CreationDate.Time)
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != r.OrderID || o.Source != models.YMOrderFromLegacyOrder {
		t.Errorf("order beyond the windows before the shutdown: %+v", o)
	}
	if seen := h.Validator.Seen(); seen["getOrder"] != 1 {
		t.Errorf("calls %v; want one getOrder", seen)
	}

	c.now = func() time.Time { return GetOrderShutdown }
	_, err = c.OrderBefore(ctx, r.OrderID, r.CreationDate.Time)
	wantKind(t, err, api.KindNotFound)
	c.businessID = 999999 // the account method refused
	_, err = c.OrderBefore(ctx, all[4].OrderID, all[4].CreationDate.Time)
	wantKind(t, err, api.KindForbidden)
	if seen := h.Validator.Seen(); seen["getOrder"] != 1 {
		t.Errorf("calls %v; getOrder was called after its shutdown", seen)
	}
}
