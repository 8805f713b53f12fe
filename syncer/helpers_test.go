package syncer

import (
	"context"
	"github.com/sellerinbox/sellerinbox/store"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// counter is an http.RoundTripper that counts what reaches the server.
type counter struct {
	mu       sync.Mutex
	base     http.RoundTripper
	on       bool
	requests []*http.Request
	statuses map[int]int
}

func newCounter() *counter {
	return &counter{base: http.DefaultTransport, statuses: map[int]int{}}
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.on {
		c.requests = append(c.requests, r)
		if err == nil {
			c.statuses[resp.StatusCode]++
		}
	}
	return resp, err
}

func (c *counter) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.on, c.requests, c.statuses = true, nil, map[int]int{}
}

// count returns how many requests went to path (every path when "").
func (c *counter) count(path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, r := range c.requests {
		if path == "" || r.URL.Path == path {
			n++
		}
	}
	return n
}

func (c *counter) last(path string) *http.Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.requests) - 1; i >= 0; i-- {
		if c.requests[i].URL.Path == path {
			return c.requests[i]
		}
	}
	return nil
}

func (c *counter) status(code int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.statuses[code]
}

// fastLimits shrink every group's interval on both sides, so sync tests do
// not wait out the real per-minute budgets while still obeying limits.
func fastLimits() map[api.Group]api.Limit {
	out := map[api.Group]api.Limit{}
	for g := range api.Limits {
		out[g] = api.Limit{Per: time.Millisecond, Burst: 50, Window: time.Second, Max: 1000}
	}
	return out
}

type env struct {
	sb  *sandbox.Server
	run *sandbox.Running
	cnt *counter
	wb  *wb.Client
	ym  *ym.Client
	cfg api.Config
}

func newEnv(t testing.TB, opts sandbox.Options, cfgLimits map[api.Group]api.Limit) *env {
	t.Helper()
	sb := sandbox.New(opts)
	run, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	e := &env{sb: sb, run: run, cnt: newCounter()}
	e.cfg = run.Config()
	e.cfg.HTTPClient = &http.Client{Transport: e.cnt, Timeout: 60 * time.Second}
	e.cfg.Limits = cfgLimits
	e.cfg.MaxAttempts = 1
	tr, err := api.NewTransport(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.wb, e.ym = wb.New(tr), ym.New(tr, sandbox.CampaignID)
	return e
}

func (e *env) syncer(st *store.Store, o SyncOptions) *Syncer { return NewSyncer(st, e.wb, e.ym, o) }

// syncAll calls Sync until the pane reports no more work.
func syncAll(t testing.TB, sy *Syncer, pane store.Pane) Result {
	t.Helper()
	var total Result
	for i := 0; ; i++ {
		r, err := sy.Sync(context.Background(), pane, Foreground)
		if err != nil {
			t.Fatalf("sync %s: %v", pane, err)
		}
		total.Requests += r.Requests
		total.Changes = total.Changes.Add(r.Changes)
		if !r.More {
			return total
		}
		if i > 10_000 {
			t.Fatalf("sync %s never finishes", pane)
		}
	}
}

func reopen(t testing.TB, st *store.Store) *store.Store {
	t.Helper()
	path := st.Path()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openAt(t testing.TB, dir string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(dir, "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openTemp(t testing.TB) *store.Store {
	t.Helper()
	return openAt(t, t.TempDir())
}
