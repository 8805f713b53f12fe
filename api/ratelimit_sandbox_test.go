package api_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// startCounting429 runs a contract-checked sandbox and counts the 429s the
// transport receives.
func startCounting429(t *testing.T, opts sandbox.Options) (*contract.Harness, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	h := contract.Start(t, opts, func(c *api.Config) {
		next := c.HTTPClient.Transport
		c.HTTPClient = &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if err == nil && resp.StatusCode == http.StatusTooManyRequests {
				n.Add(1)
			}
			return resp, err
		})}
	})
	return h, &n
}

func countUnanswered(ctx context.Context, tr *api.Transport) error {
	_, err := tr.Do(ctx, api.Request{Op: "GET /api/v1/questions/count-unanswered", Service: api.ServiceWBFeedbacks,
		Method: http.MethodGet, Path: "/api/v1/questions/count-unanswered", Group: api.GroupWBFeedbacks, Idempotent: true})
	return err
}

// A basic WB token is held to far lower limits than the table. The client
// learns them from X-Ratelimit-Limit and the first 429's reset, and a burst
// of requests then goes through without further 429s; the table's burst
// of 6 would have sent them all at once into 429s.
func TestBasicTokenLimitsAreLearned(t *testing.T) {
	// The documented basic row (5 per hour, one every 12 minutes, burst 1)
	// scaled down 720 times so that the test takes seconds.
	scaled := api.Limit{Per: time.Second, Burst: 1, Window: 5 * time.Second, Max: 5}
	h, n429 := startCounting429(t, sandbox.Options{WBToken: sandbox.TokenBasic,
		Limits: map[api.Group]api.Limit{api.GroupWBFeedbacks: scaled}})
	ctx := context.Background()
	if err := countUnanswered(ctx, h.Transport); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := countUnanswered(ctx, h.Transport); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := n429.Load(); n > 1 {
		t.Errorf("%d answers were 429; once the limit is learned there should be at most the first", n)
	}
	for _, gl := range h.Transport.LimitsInForce() {
		if gl.Group != api.GroupWBFeedbacks {
			continue
		}
		if !gl.Learned || gl.InForce.Burst != 1 || gl.InForce.Per < time.Second || gl.Documented != api.Limits[api.GroupWBFeedbacks] {
			t.Errorf("limits of %s: %+v", gl.Group, gl)
		}
	}
}

// The same burst against a standard token draws no 429 and learns nothing:
// the table holds.
func TestStandardTokenKeepsTheTable(t *testing.T) {
	h, n429 := startCounting429(t, sandbox.Options{})
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if err := countUnanswered(ctx, h.Transport); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := n429.Load(); n != 0 {
		t.Errorf("%d answers were 429 with a standard token", n)
	}
	for _, gl := range h.Transport.LimitsInForce() {
		if gl.Learned {
			t.Errorf("learned %s from a standard token: %+v", gl.Group, gl)
		}
	}
}
