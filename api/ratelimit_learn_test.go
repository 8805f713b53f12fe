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
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		for k, v := range hdr {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}, nil)
	call := func(svc Service, g Group, h http.Header) {
		t.Helper()
		hdr = h
		if _, err := tr.Do(context.Background(), Request{Op: "t", Service: svc, Method: "GET", Path: "/x", Group: g, Idempotent: true}); err != nil {
			t.Fatal(err)
		}
	}

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
	call(ServiceYM, GroupYMReturns, http.Header{"X-Ratelimit-Resource-Limit": {"5000"}, "X-Ratelimit-Resource-Remaining": {"4000"}})
	if gl := limitOf(t, tr, GroupYMReturns); gl.InForce.Max != 100 {
		t.Errorf("a learned limit went back up: %+v", gl)
	}
	if s := Limits[GroupWBFeedbacks].String(); s != "3 per 1s, burst 6" {
		t.Errorf("limit text %q", s)
	}
}
