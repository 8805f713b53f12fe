package wb_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// limitCounter counts the statuses the client really received, under the
// transport's retries.
type limitCounter struct {
	next     http.RoundTripper
	total    atomic.Int32
	tooMany  atomic.Int32
	retryHdr atomic.Value // last X-Ratelimit-Retry seen on a 429
}

func (l *limitCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := l.next.RoundTrip(r)
	if err == nil {
		l.total.Add(1)
		if resp.StatusCode == http.StatusTooManyRequests {
			l.tooMany.Add(1)
			l.retryHdr.Store(resp.Header.Get("X-Ratelimit-Retry"))
		}
	}
	return resp, err
}

// scaled divides a documented limit's times by f, keeping its burst, so a
// burst test takes seconds instead of minutes.
func scaled(l api.Limit, f time.Duration) api.Limit {
	return api.Limit{Per: l.Per / f, Burst: l.Burst, Window: l.Window / f, Max: l.Max}
}

// limitBurst fires 100 calls as fast as allowed at a sandbox enforcing lim for group,
// through a client keeping one request of the burst in reserve and a 5%
// longer interval, and wants no 429 on the wire. The margin absorbs
// jitter: the first requests open connections and are slower than later
// ones on warm connections, so with equal buckets a request that left on
// time can reach the server a fraction of a token too early.
func limitBurst(t *testing.T, group api.Group, lim api.Limit, call func(context.Context, *wb.Client) error) {
	t.Helper()
	counter := &limitCounter{}
	client := lim
	client.Burst = lim.Burst - 1
	client.Per = lim.Per * 105 / 100
	h := contract.Start(t, sandbox.Options{Limits: map[api.Group]api.Limit{group: lim}}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{group: client}
		counter.next = c.HTTPClient.Transport
		c.HTTPClient = &http.Client{Transport: counter}
	})
	c := wb.New(h.Transport)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	// Four workers, as the UI's panes would share a group; 100 goroutines
	// at once only add scheduling jitter on a loaded machine.
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	jobs := make(chan struct{}, 100)
	for range 100 {
		jobs <- struct{}{}
	}
	close(jobs)
	for range 4 {
		wg.Go(func() {
			for range jobs {
				if err := call(ctx, c); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("call failed: %v", err)
	}
	if n := counter.tooMany.Load(); n != 0 {
		t.Errorf("%d of %d requests drew 429", n, counter.total.Load())
	}
	if got := counter.total.Load(); got != 100 {
		t.Errorf("%d requests on the wire, want 100", got)
	}
	// 100 calls with burst B must take at least (100-B) intervals: the
	// client really spaced them.
	if min := time.Duration(100-client.Burst) * client.Per; time.Since(start) < min*9/10 {
		t.Errorf("burst finished in %v, faster than the limit allows (%v)", time.Since(start), min)
	}
}

// limitRetry lets an unthrottled client hit a sandbox allowing one request
// per interval: the second call draws a 429 whose X-Ratelimit-Retry the
// transport must wait out (through the injected Sleep) and then retry.
func limitRetry(t *testing.T, group api.Group, call func(context.Context, *wb.Client) error) {
	t.Helper()
	counter := &limitCounter{}
	var mu sync.Mutex
	var waits []time.Duration
	h := contract.Start(t, sandbox.Options{Limits: map[api.Group]api.Limit{group: {Per: 200 * time.Millisecond, Burst: 1}}}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{group: {}} // the client does not throttle itself
		counter.next = c.HTTPClient.Transport
		c.HTTPClient = &http.Client{Transport: counter}
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			waits = append(waits, d)
			mu.Unlock()
			// Sleep just long enough for the sandbox's bucket to refill,
			// not the whole second the header asks for.
			select {
			case <-time.After(min(d, 250*time.Millisecond)):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	c := wb.New(h.Transport)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := range 2 {
		if err := call(ctx, c); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	if n := counter.tooMany.Load(); n != 1 {
		t.Fatalf("%d 429s, want exactly 1", n)
	}
	if hdr, _ := counter.retryHdr.Load().(string); hdr != "1" {
		t.Errorf("X-Ratelimit-Retry = %q, want 1", hdr)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(waits) != 1 || waits[0] <= 900*time.Millisecond || waits[0] > time.Second {
		t.Errorf("waits = %v, want one of about the 1 s the server asked for", waits)
	}
	if got := counter.total.Load(); got != 3 {
		t.Errorf("%d requests on the wire, want 3 (ok, 429, retried ok)", got)
	}
}

func chatPoll(ctx context.Context, c *wb.Client) error {
	// A cursor in the future: an empty page, cheap to validate.
	_, err := c.Events(ctx, time.Now().Add(24*time.Hour).UnixMilli())
	return err
}

func TestChatBurstStaysUnderLimit(t *testing.T) {
	t.Parallel()
	// 1 s interval / 25 = 40 ms: 91 spaced calls after the burst, ~3.8 s.
	limitBurst(t, api.GroupWBChat, scaled(api.Limits[api.GroupWBChat], 25), chatPoll)
}

func TestChat429IsWaitedOut(t *testing.T) {
	t.Parallel()
	limitRetry(t, api.GroupWBChat, chatPoll)
}
