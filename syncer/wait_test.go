package syncer

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestBackgroundSyncWaitsForBudgetInline: a background call whose group
// runs low waits inside itself for the bucket to refill (instead of
// returning Deferred and being called again a second later, which kept
// the first sync far below the documented rate), sends at the refill
// rate, and still leaves the reserve to the user's requests.
func TestBackgroundSyncWaitsForBudgetInline(t *testing.T) {
	lim := fastLimits()
	per := 200 * time.Millisecond
	lim[api.GroupWBReturns] = api.Limit{Per: per, Burst: 3, Window: 3 * per, Max: 3}
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	// One claim per page makes a sweep many requests long.
	sy := e.syncer(st, SyncOptions{Limits: lim, Reserve: 2, MaxRequests: 6, MaxCallTime: time.Minute})
	e.cnt.start()
	began := time.Now()
	done := make(chan Result, 1)
	go func() {
		r, err := sy.Sync(ctx, store.PaneClaims, Background)
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	time.Sleep(per / 2)
	// The user's request goes through at once: the reserve is there.
	t0 := time.Now()
	if _, err := e.wb.Claims(ctx, wb.ClaimsQuery{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d > per {
		t.Fatalf("the user's request waited %v behind background sync", d)
	}
	r := <-done
	if r.Deferred || r.Requests < 2 {
		t.Fatalf("the background call gave up instead of waiting: %+v", r)
	}
	// Burst 3 less the reserve of 2 is one at once; the rest came at
	// the refill rate, not a second apart.
	if d := time.Since(began); d > time.Duration(r.Requests+2)*per+time.Second {
		t.Fatalf("%d requests took %v at one per %v", r.Requests, d, per)
	}
	if e.cnt.status(429) != 0 {
		t.Fatal("drew a 429")
	}
}
