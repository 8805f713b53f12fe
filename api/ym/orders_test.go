package ym

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

func TestOrderViaBusinessOrders(t *testing.T) {
	h, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	r := all[0]
	o, err := c.Order(ctx, r.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	if seen := h.Validator.Seen(); seen["getBusinessOrders"] != 1 || seen["getOrder"] != 0 {
		t.Errorf("calls: %v; want getBusinessOrders only", seen)
	}
	if o.ID != r.OrderID || o.Source != models.YMOrderFromBusinessOrders || o.CampaignID != c.CampaignID() {
		t.Errorf("order %+v", o)
	}
	if o.CreatedAt.IsZero() || !o.CreatedAt.Before(r.CreationDate.Time) {
		t.Errorf("order created %v, return created %v", o.CreatedAt, r.CreationDate)
	}
	for _, it := range r.Items {
		oi, ok := o.Item(it.ShopSku)
		if !ok || oi.Name == "" || oi.Count < int(it.Count) || oi.Total == nil || oi.Total.Value <= 0 {
			t.Errorf("returned %s not in the order: %+v", it.ShopSku, o.Items)
		}
	}
	if o.Delivery.Type == "" || o.Delivery.ServiceName == "" || o.Delivery.Region == "" || o.Delivery.From.IsZero() {
		t.Errorf("delivery %+v", o.Delivery)
	}

	// The deprecated method describes the same order in its own formats.
	legacy, err := c.GetOrder(ctx, r.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	lo := legacy.Order()
	if !lo.CreatedAt.Equal(o.CreatedAt.Time) || lo.Status != o.Status || len(lo.Items) != len(o.Items) || lo.Delivery.Region != o.Delivery.Region {
		t.Errorf("getOrder %+v\ndiffers from getBusinessOrders %+v", lo, o)
	}
	if !lo.Delivery.From.Equal(o.Delivery.From.Time) {
		t.Errorf("delivery date %v (DD-MM-YYYY) vs %v (ISO)", lo.Delivery.From, o.Delivery.From)
	}
	if lo.BuyerType == models.YMBuyerPerson && lo.BuyerName == "" {
		t.Error("getOrder gave no buyer name")
	}

	_, err = c.GetOrder(ctx, 1)
	wantKind(t, err, api.KindNotFound)
	_, err = c.Order(ctx, 1)
	wantKind(t, err, api.KindNotFound)
	_, err = c.Order(ctx, -1)
	wantKind(t, err, api.KindValidation)
}

func TestOrdersBatchesAndPages(t *testing.T) {
	h, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	var ids []int64
	for _, r := range all[:60] {
		ids = append(ids, r.OrderID)
	}
	got, err := c.Orders(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ids) {
		t.Fatalf("%d orders for %d IDs", len(got), len(ids))
	}
	for _, id := range ids {
		if got[id].ID != id || got[id].Source != models.YMOrderFromBusinessOrders {
			t.Errorf("order %d: %+v", id, got[id])
		}
	}
	if seen := h.Validator.Seen(); seen["getBusinessOrders"] != 2 || seen["getOrder"] != 0 {
		t.Errorf("60 orders took %v; want 2 getBusinessOrders", seen)
	}

	// Paging through the last 30 days.
	var paged []int64
	q := BusinessOrdersQuery{Limit: 20}
	for {
		page, err := c.GetBusinessOrders(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Orders {
			if time.Since(o.CreationDate.Time) > 31*24*time.Hour {
				t.Errorf("order %d from %v is older than 30 days", o.OrderID, o.CreationDate)
			}
			paged = append(paged, o.OrderID)
		}
		if q.PageToken = page.Paging.NextPageToken; q.PageToken == "" {
			break
		}
	}
	if len(paged) < 21 {
		t.Fatalf("only %d recent orders; paging untested", len(paged))
	}
	for i := 1; i < len(paged); i++ {
		if paged[i] >= paged[i-1] {
			t.Fatalf("orders out of order or repeated at %d: %d, %d", i, paged[i-1], paged[i])
		}
	}
	page, err := c.GetBusinessOrders(ctx, BusinessOrdersQuery{Statuses: []models.YMOrderStatus{models.YMOrderStatusCancelled}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range page.Orders {
		if o.Status != models.YMOrderStatusCancelled {
			t.Errorf("status filter let %s through", o.Status)
		}
	}

	tooMany := make([]int64, MaxBusinessOrderIDs+1)
	for i := range tooMany {
		tooMany[i] = int64(i + 1)
	}
	for _, q := range []BusinessOrdersQuery{{Limit: 51}, {OrderIDs: tooMany}, {OrderIDs: []int64{0}}, {Statuses: []models.YMOrderStatus{"LOST"}}} {
		_, err := c.GetBusinessOrders(ctx, q)
		wantKind(t, err, api.KindValidation)
	}
}

// When the account method is refused (here: a business the key has no
// rights to), orders come from the deprecated getOrder.
func TestOrderFallsBackToGetOrder(t *testing.T) {
	h, c := start(t)
	ctx := context.Background()
	r := allReturns(t, c)[5]
	c.businessID = 999999
	o, err := c.Order(ctx, r.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != r.OrderID || o.Source != models.YMOrderFromLegacyOrder || len(o.Items) == 0 || o.CreatedAt.IsZero() {
		t.Errorf("fallback order %+v", o)
	}
	if seen := h.Validator.Seen(); seen["getBusinessOrders"] != 1 || seen["getOrder"] != 1 {
		t.Errorf("calls %v; want one refused getBusinessOrders and one getOrder", seen)
	}
	if !refusedMethod(&api.Error{Kind: api.KindValidation, Status: 405}) || refusedMethod(&api.Error{Kind: api.KindValidation, Status: 400}) {
		t.Error("refusedMethod: 405 means unsupported, 400 means a bad request")
	}
}
