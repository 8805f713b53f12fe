package ym

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

func TestGetReturnsPagingIsCompleteAndStable(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	big := allReturns(t, c)
	var small []models.YMReturn
	pages := 0
	q := ReturnsQuery{Limit: 17}
	for {
		page, err := c.GetReturns(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page.Returns) > 17 {
			t.Fatalf("page of %d with limit 17", len(page.Returns))
		}
		small = append(small, page.Returns...)
		if page.NextPageToken == "" {
			break
		}
		q.PageToken = page.NextPageToken
	}
	if want := (len(big) + 16) / 17; pages != want {
		t.Errorf("%d pages of 17 for %d returns, want %d", pages, len(big), want)
	}
	if len(small) != len(big) {
		t.Fatalf("limit 17 gave %d returns, limit 100 gave %d", len(small), len(big))
	}
	seen := map[int64]bool{}
	for i, r := range small {
		if seen[r.ID] {
			t.Fatalf("return %d served twice", r.ID)
		}
		seen[r.ID] = true
		if r.ID != big[i].ID {
			t.Fatalf("position %d: %d vs %d", i, r.ID, big[i].ID)
		}
	}
}

func TestGetReturnsFilters(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	someOrders := []int64{all[3].OrderID, all[10].OrderID, all[42].OrderID}
	mid := all[len(all)/2].UpdateDate.In(models.Moscow)
	from, to := mid.AddDate(0, 0, -3), mid.AddDate(0, 0, 3)
	dayOf := func(r models.YMReturn) string { return r.UpdateDate.In(models.Moscow).Format(time.DateOnly) }
	tests := []struct {
		name  string
		q     ReturnsQuery
		match func(models.YMReturn) bool
	}{
		{"returns only", ReturnsQuery{Type: models.YMReturnTypeReturn},
			func(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeReturn }},
		{"non-purchases only", ReturnsQuery{Type: models.YMReturnTypeUnredeemed},
			func(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeUnredeemed }},
		{"awaiting a decision", ReturnsQuery{Statuses: models.YMWaitingStatuses},
			func(r models.YMReturn) bool { return r.AwaitsDecision() }},
		{"shipment statuses", ReturnsQuery{ShipmentStatuses: []models.YMShipmentStatus{models.YMShipmentInTransit, models.YMShipmentPicked}},
			func(r models.YMReturn) bool {
				return r.ShipmentStatus == models.YMShipmentInTransit || r.ShipmentStatus == models.YMShipmentPicked
			}},
		{"order IDs", ReturnsQuery{OrderIDs: append(someOrders, someOrders[0])},
			func(r models.YMReturn) bool { return slices.Contains(someOrders, r.OrderID) }},
		{"update dates", ReturnsQuery{FromDate: from, ToDate: to},
			func(r models.YMReturn) bool {
				return dayOf(r) >= from.Format(time.DateOnly) && dayOf(r) <= to.Format(time.DateOnly)
			}},
		{"combined", ReturnsQuery{Type: models.YMReturnTypeReturn, Statuses: []models.YMRefundStatus{models.YMRefunded, models.YMRefundPremoderationDecisionWaiting}},
			func(r models.YMReturn) bool {
				return r.ReturnType == models.YMReturnTypeReturn && (r.RefundStatus == models.YMRefunded || r.RefundStatus == models.YMRefundPremoderationDecisionWaiting)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = 30
			got, err := c.AllReturns(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			for _, r := range all {
				if tt.match(r) {
					want = append(want, r.ID)
				}
			}
			if len(want) == 0 {
				t.Fatal("the filter matches nothing in the data set; the test proves nothing")
			}
			var ids []int64
			for _, r := range got {
				ids = append(ids, r.ID)
			}
			if !slices.Equal(ids, want) {
				t.Errorf("got %d returns %v, want %d %v", len(ids), ids, len(want), want)
			}
		})
	}
}

func TestReturnsIteratorStopsEarly(t *testing.T) {
	h, c := start(t)
	n := 0
	for r, err := range c.Returns(context.Background(), ReturnsQuery{Limit: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 {
			t.Fatal("empty return")
		}
		if n++; n == 7 {
			break
		}
	}
	if got := h.Validator.Seen()["getReturns"]; got != 2 {
		t.Errorf("reading 7 returns by 5 took %d requests, want 2", got)
	}
}

func TestGetReturn(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	all := allReturns(t, c)
	for _, want := range []models.YMReturn{
		findReturn(t, all, "return with photos", func(r models.YMReturn) bool { return len(r.Photos()) > 0 }),
		findReturn(t, all, "non-purchase", func(r models.YMReturn) bool { return r.ReturnType == models.YMReturnTypeUnredeemed }),
		findReturn(t, all, "fast return", func(r models.YMReturn) bool { return r.FastReturn }),
	} {
		got, err := c.GetReturn(ctx, want.OrderID, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != want.ID || got.OrderID != want.OrderID || got.RefundStatus != want.RefundStatus ||
			!got.CreationDate.Equal(want.CreationDate.Time) || len(got.Items) != len(want.Items) {
			t.Errorf("getReturn %+v differs from the list's %+v", got, want)
		}
		if got.CreationDate.IsZero() || got.CreationDate.After(got.UpdateDate.Time) {
			t.Errorf("return %d: created %v, updated %v", got.ID, got.CreationDate, got.UpdateDate)
		}
		for _, it := range got.Items {
			if it.ItemID() == 0 || it.ShopSku == "" || it.Count < 1 {
				t.Errorf("return %d: item without ID, SKU or count: %+v", got.ID, it)
			}
		}
		if got.FastReturn && (got.LogisticPickupPoint != nil || got.ShipmentStatus != "") {
			t.Errorf("fast return %d carries logistics: %+v", got.ID, got)
		}
	}

	other := all[1]
	tests := []struct {
		name              string
		orderID, returnID int64
		kind              api.Kind
	}{
		{"unknown return", all[0].OrderID, 1, api.KindNotFound},
		{"return of another order", other.OrderID, all[0].ID, api.KindNotFound},
		{"zero order", 0, all[0].ID, api.KindValidation},
		{"negative return", all[0].OrderID, -5, api.KindValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.GetReturn(ctx, tt.orderID, tt.returnID)
			wantKind(t, err, tt.kind)
		})
	}
}

func TestReturnsQueryValidation(t *testing.T) {
	h, c := start(t)
	tooMany := make([]int64, MaxReturnsOrderIDs+1)
	for i := range tooMany {
		tooMany[i] = int64(i + 1)
	}
	tests := []struct {
		name string
		q    ReturnsQuery
	}{
		{"limit above 100", ReturnsQuery{Limit: 101}},
		{"negative limit", ReturnsQuery{Limit: -1}},
		{"51 order IDs", ReturnsQuery{OrderIDs: tooMany}},
		{"zero order ID", ReturnsQuery{OrderIDs: []int64{5, 0}}},
		{"unknown status", ReturnsQuery{Statuses: []models.YMRefundStatus{"WAITING"}}},
		{"unknown shipment status", ReturnsQuery{ShipmentStatuses: []models.YMShipmentStatus{"SOMEWHERE"}}},
		{"unknown type", ReturnsQuery{Type: "EXCHANGE"}},
		{"dates reversed", ReturnsQuery{FromDate: time.Now(), ToDate: time.Now().AddDate(0, 0, -2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.GetReturns(context.Background(), tt.q)
			e := wantKind(t, err, api.KindValidation)
			if e.Message == "" || e.Op != "getReturns" {
				t.Errorf("validation error without a message or op: %+v", e)
			}
		})
	}
	if n := h.Validator.Seen()["getReturns"]; n != 0 {
		t.Errorf("%d invalid requests reached the service", n)
	}
}

// Array parameters go out as the documentation writes them: one key with
// comma-separated values. The "awaiting decision" block used to send two
// `statuses` keys, which a server may read as only one of them.
func TestGetReturnsSendsArraysCommaSeparated(t *testing.T) {
	var mu sync.Mutex
	var queries []url.Values
	h := contract.Start(t, sandbox.Options{}, func(c *api.Config) {
		next := c.HTTPClient.Transport
		c.HTTPClient = &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
			if strings.HasSuffix(r.URL.Path, "/returns") {
				mu.Lock()
				queries = append(queries, r.URL.Query())
				mu.Unlock()
			}
			return next.RoundTrip(r)
		})}
	})
	c := New(h.Transport, sandbox.CampaignID)
	all := allReturns(t, c)
	ids := []int64{all[1].OrderID, all[2].OrderID}
	queries = nil
	_, err := c.AllReturns(context.Background(), ReturnsQuery{
		Statuses:         models.YMWaitingStatuses,
		ShipmentStatuses: []models.YMShipmentStatus{models.YMShipmentInTransit, models.YMShipmentPicked},
		OrderIDs:         ids,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(queries) == 0 {
		t.Fatal("no getReturns request seen")
	}
	q := queries[0]
	want := map[string]string{
		"statuses":         string(models.YMWaitingStatuses[0]) + "," + string(models.YMWaitingStatuses[1]),
		"shipmentStatuses": string(models.YMShipmentInTransit) + "," + string(models.YMShipmentPicked),
		"orderIds":         fmt.Sprintf("%d,%d", ids[0], ids[1]),
	}
	for k, v := range want {
		if len(q[k]) != 1 || q[k][0] != v {
			t.Errorf("%s went out as %q, want one value %q", k, q[k], v)
		}
	}
}
