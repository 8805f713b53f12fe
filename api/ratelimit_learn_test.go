package api

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func limitOf(t *testing.T, tr *Transport, g Group) GroupLimit {
	t.Helper()
	for _, gl := range tr.LimitsInForce() {
		if gl.Group == g {
			return gl
		}
	}
	t.Fatalf("group %s not in LimitsInForce", g)
	return GroupLimit{}
}

// The headers lower a group's bucket, never raise it above the table.
func TestLimitsLearnedFromHeaders(t *testing.T) {
	var hdr http.Header
	handler := func(w http.ResponseWriter, r *http.Request) {
		for k, v := range hdr {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}
	tr, _ := newTestTransport(t, handler, nil)
	callOn := func(tr *Transport, svc Service, g Group, h http.Header) {
		t.Helper()
		hdr = h
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := tr.Do(ctx, Request{Op: "t", Service: svc, Method: "GET", Path: "/x", Group: g, Idempotent: true}); err != nil {
			t.Fatal(err)
		}
	}
	call := func(svc Service, g Group, h http.Header) { t.Helper(); callOn(tr, svc, g, h) }

	// A standard WB token: the documented burst, nothing learned.
	call(ServiceWBFeedbacks, GroupWBFeedbacks, http.Header{"X-Ratelimit-Limit": {"6"}, "X-Ratelimit-Remaining": {"5"}})
	if gl := limitOf(t, tr, GroupWBFeedbacks); gl.Learned || gl.InForce != Limits[GroupWBFeedbacks] || gl.Remaining != 5 {
		t.Errorf("standard token: %+v", gl)
	}
	// A higher limit than documented is not believed.
	call(ServiceWBChat, GroupWBChat, http.Header{"X-Ratelimit-Limit": {"100"}, "X-Ratelimit-Remaining": {"99"}, "X-Ratelimit-Reset": {"1"}})
	if gl := limitOf(t, tr, GroupWBChat); gl.Learned || gl.InForce != Limits[GroupWBChat] {
		t.Errorf("a limit above the table was taken: %+v", gl)
	}
	// A basic token: burst 1, the burst whole again in 12 minutes.
	call(ServiceWBReturns, GroupWBReturns, http.Header{"X-Ratelimit-Limit": {"1"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"720"}})
	gl := limitOf(t, tr, GroupWBReturns)
	if !gl.Learned || gl.InForce.Burst != 1 || gl.InForce.Per < 12*time.Minute || gl.Documented != Limits[GroupWBReturns] || gl.Remaining != 0 {
		t.Errorf("basic token: %+v", gl)
	}
	// YM: a lower hourly quota than the spec's.
	call(ServiceYM, GroupYMReturns, http.Header{"X-Ratelimit-Resource-Limit": {"100"}, "X-Ratelimit-Resource-Remaining": {"40"}})
	gl = limitOf(t, tr, GroupYMReturns)
	if !gl.Learned || gl.InForce.Max != 100 || gl.InForce.Per != 36*time.Second || gl.Remaining != 40 {
		t.Errorf("YM quota: %+v", gl)
	}
	if got := tr.lim.bucket(GroupYMReturns).Tokens(); got >= 41 {
		t.Errorf("the local bucket holds %.0f requests; the server said 40 are left", got)
	}
	// A restart restores what was learned, clamped to the table.
	saved := tr.LimitsInForce()
	tr2, _ := newTestTransport(t, handler, nil)
	saved = append(saved, GroupLimit{Group: GroupWBChat, Learned: true, InForce: Limit{Per: time.Millisecond, Burst: 99, Window: time.Second, Max: 99}})
	tr2.RestoreLimits(saved)
	if gl := limitOf(t, tr2, GroupYMReturns); !gl.Learned || gl.InForce.Max != 100 {
		t.Errorf("restored YM quota: %+v", gl)
	}
	if gl := limitOf(t, tr2, GroupWBReturns); !gl.Learned || gl.InForce.Burst != 1 || gl.InForce.Per < 12*time.Minute {
		t.Errorf("restored basic limit: %+v", gl)
	}
	if gl := limitOf(t, tr2, GroupWBChat); gl.Learned || gl.InForce != Limits[GroupWBChat] {
		t.Errorf("a restored limit above the table was taken: %+v", gl)
	}
	// The server announcing the full quota again (a new token) restores the table.
	call(ServiceYM, GroupYMReturns, http.Header{"X-Ratelimit-Resource-Limit": {"5000"}, "X-Ratelimit-Resource-Remaining": {"4000"}})
	if gl := limitOf(t, tr, GroupYMReturns); gl.Learned || gl.InForce != Limits[GroupYMReturns] {
		t.Errorf("the full quota did not restore the table: %+v", gl)
	}
	// The restored basic limit still lets the first request out at once.
	callOn(tr2, ServiceWBReturns, GroupWBReturns, http.Header{"X-Ratelimit-Limit": {"10"}, "X-Ratelimit-Remaining": {"9"}})
	if gl := limitOf(t, tr2, GroupWBReturns); gl.Learned || gl.InForce != Limits[GroupWBReturns] {
		t.Errorf("a standard burst did not restore the table: %+v", gl)
	}
	if s := Limits[GroupWBFeedbacks].String(); s != "3 per 1 s, burst 6" {
		t.Errorf("limit text %q", s)
	}
}
