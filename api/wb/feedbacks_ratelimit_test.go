package wb

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

// statusCounter counts responses with a given status below the validator.
type statusCounter struct {
	next   http.RoundTripper
	status int
	n      atomic.Int32
}

func (s *statusCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(r)
	if err == nil && resp.StatusCode == s.status {
		s.n.Add(1)
	}
	return resp, err
}

// sleeps records what the transport asked to wait; real, when set, also
// waits (capped), for tests whose server bucket must actually refill.
type sleeps struct {
	mu   sync.Mutex
	d    []time.Duration
	real time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	if s.real > 0 {
		t := time.NewTimer(min(d, s.real))
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// feedbacksGroupCalls cycles through cheap calls of the one bucket that
// questions, feedbacks and pins share.
func feedbacksGroupCalls(c *Client) []func(context.Context) error {
	return []func(context.Context) error{
		func(ctx context.Context) error { _, err := c.QuestionsCountUnanswered(ctx); return err },
		func(ctx context.Context) error { _, err := c.FeedbacksCountUnanswered(ctx); return err },
		func(ctx context.Context) error { _, err := c.NewFeedbacksQuestions(ctx); return err },
		func(ctx context.Context) error { _, err := c.PinsLimits(ctx); return err },
		func(ctx context.Context) error {
			_, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: false, Take: 1})
			return err
		},
	}
}

// A client that obeys the documented bucket (3/s, burst 6) never draws a
// 429 from a server that enforces it. Time is scaled down six times on
// both sides (burst 6, interval 333/6 ms) to keep the test near 5 s.
//
// The client runs the same rate with one token less of burst. The server
// meters arrivals, not departures: when request i travels faster than the
// first one did (the first also dials and warms the validator), the
// server's bucket trails the client's by (delay0-delayi)/interval tokens,
// and with identical buckets a paced request lands a fraction of a token
// early. One token of headroom absorbs up to a full interval of jitter.
func TestBurstOf100StaysWithinTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("paced by the rate limit (~5 s)")
	}
	real := api.Limits[api.GroupWBFeedbacks]
	server := api.Limit{Per: real.Per / 6, Burst: real.Burst, Window: real.Window / 6, Max: real.Max}
	client := server
	client.Burst = server.Burst - 1
	var tooMany *statusCounter
	h := contract.Start(t, sandbox.Options{Limits: map[api.Group]api.Limit{api.GroupWBFeedbacks: server}}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBFeedbacks: client}
		tooMany = &statusCounter{next: c.HTTPClient.Transport, status: http.StatusTooManyRequests}
		c.HTTPClient = &http.Client{Transport: tooMany}
	})
	c := New(h.Transport)
	calls := feedbacksGroupCalls(c)
	ctx := ctxT(t)
	start := time.Now()
	for i := range 100 {
		if err := calls[i%len(calls)](ctx); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	took := time.Since(start)
	if n := tooMany.n.Load(); n != 0 {
		t.Errorf("%d responses were 429", n)
	}
	if min := time.Duration(100-client.Burst) * client.Per * 9 / 10; took < min {
		t.Errorf("100 calls took %s: the client is not pacing (want ≥ %s)", took, min)
	}
	var budget api.Budget
	for _, b := range h.Transport.Budgets() {
		if b.Group == api.GroupWBFeedbacks {
			budget = b
		}
	}
	if budget.Limit != server.Burst || budget.Remaining < 0 {
		t.Errorf("budget from the server's headers: %+v", budget)
	}
}

// A 429 storm (X-Ratelimit-Retry: 3) is waited out and retried: the
// injected Sleep records the waits instead of sleeping. Fault draws come
// from the seeded sandbox, so the storm is the same every run.
func TestStorm429IsWaitedOutAndRetried(t *testing.T) {
	rec := &sleeps{}
	var tooMany *statusCounter
	h := contract.Start(t, sandbox.Options{NoLimits: true, Faults: sandbox.Faults{Storm429: 0.5}}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBFeedbacks: {}}
		c.Sleep = rec.sleep
		c.MaxAttempts = 20
		tooMany = &statusCounter{next: c.HTTPClient.Transport, status: http.StatusTooManyRequests}
		c.HTTPClient = &http.Client{Transport: tooMany}
	})
	c := New(h.Transport)
	calls := feedbacksGroupCalls(c)
	for i := range 10 {
		if err := calls[i%len(calls)](ctxT(t)); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	n := tooMany.n.Load()
	if n == 0 {
		t.Fatal("the storm drew no 429; pick another seed")
	}
	waits := rec.all()
	if len(waits) < int(n) {
		t.Fatalf("%d 429s but %d waits: %v", n, len(waits), waits)
	}
	for _, d := range waits {
		if d < 2*time.Second || d > 3*time.Second {
			t.Errorf("waited %s, the server asked for 3 s", d)
		}
	}
}

// An exhausted server bucket answers 429 with X-Ratelimit-Retry; the
// transport waits that long (really, here, so the bucket refills) and the
// retry succeeds. The client has no limit of its own to provoke it.
func TestExhaustedBucketIsWaitedOut(t *testing.T) {
	rec := &sleeps{real: 2 * time.Second}
	var tooMany *statusCounter
	h := contract.Start(t, sandbox.Options{Limits: map[api.Group]api.Limit{api.GroupWBFeedbacks: {Per: 400 * time.Millisecond, Burst: 1}}},
		func(c *api.Config) {
			c.Limits = map[api.Group]api.Limit{api.GroupWBFeedbacks: {}}
			c.Sleep = rec.sleep
			tooMany = &statusCounter{next: c.HTTPClient.Transport, status: http.StatusTooManyRequests}
			c.HTTPClient = &http.Client{Transport: tooMany}
		})
	c := New(h.Transport)
	for i := range 2 {
		if _, err := c.FeedbacksCountUnanswered(ctxT(t)); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if n := tooMany.n.Load(); n != 1 {
		t.Errorf("%d 429s, want the one of the second call", n)
	}
	waits := rec.all()
	if len(waits) != 1 || waits[0] < 900*time.Millisecond || waits[0] > time.Second {
		t.Errorf("waits %v, want one of ~1 s (X-Ratelimit-Retry: 1)", waits)
	}
}
