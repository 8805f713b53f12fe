package sandbox

import (
	"fmt"
	"testing"
	"time"
)

// getBusinessOrders applies its documented 30-day creation window to order
// IDs too: an older order is found only by a window that holds it.
func TestYMBusinessOrdersWindowAppliesToOrderIDs(t *testing.T) {
	s := New(Options{NoLimits: true, Now: func() time.Time { return ymTestNow }})
	r := s.ym.returns[len(s.ym.returns)-1]
	if !s.SetOrderCreated(r.orderID, r.created.AddDate(0, 0, -200)) {
		t.Fatal("cannot re-date the order")
	}
	count := func(body string) int {
		t.Helper()
		status, out := ymDo(t, s, "POST", "/v1/businesses/2000/orders", body)
		if status != 200 {
			t.Fatalf("%s: %d %v", body, status, out)
		}
		return len(out["orders"].([]any))
	}
	day := func(t time.Time) string { return t.In(ymMoscow).Format(ymDayISO) }
	if n := count(fmt.Sprintf(`{"orderIds": [%d]}`, r.orderID)); n != 0 {
		t.Errorf("an order 200 days old came back without dates: the default window is the last 30 days")
	}
	at := r.ordered
	window := fmt.Sprintf(`{"orderIds": [%d], "dates": {"creationDateFrom": %q, "creationDateTo": %q}}`,
		r.orderID, day(at.AddDate(0, 0, -10)), day(at.AddDate(0, 0, 20)))
	if n := count(window); n != 1 {
		t.Errorf("a 30-day window holding the order gave %d orders", n)
	}
	endDay := fmt.Sprintf(`{"orderIds": [%d], "dates": {"creationDateFrom": %q, "creationDateTo": %q}}`,
		r.orderID, day(at.AddDate(0, 0, -29)), day(at))
	if n := count(endDay); n != 0 {
		t.Errorf("the window's end day is excluded, yet the order of that day came back")
	}
	over := fmt.Sprintf(`{"orderIds": [%d], "dates": {"creationDateFrom": %q, "creationDateTo": %q}}`,
		r.orderID, day(at.AddDate(0, 0, -10)), day(at.AddDate(0, 0, 21)))
	if status, _ := ymDo(t, s, "POST", "/v1/businesses/2000/orders", over); status != 400 {
		t.Errorf("a 31-day window: %d, want 400", status)
	}
}
