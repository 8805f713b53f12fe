package syncer

import (
	"cmp"
	"context"
	"net/http"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// BenchmarkFirstSync runs the first sync of every pane against an
// in-process sandbox that enforces the documented limits (a 429 or 420
// fails the run), scheduled as ui/live.go schedules it while the user is
// idle: Background priority, the next call 50 ms after a call that
// stopped at its bound, max(RetryAfter, 1 s) after a deferred one.
//
// For every rate-limit group that needed more than its burst it reports
// limit-frac/<group>: the requests sent as a fraction of the most the
// documented limit allows until the group finished or the run ended (the
// burst plus one per interval); the target is ≥ 0.8. items/s counts every item stored. The run lasts
// SELLERINBOX_BENCH_SYNC_SECONDS (default 40) over a Scale
// SELLERINBOX_BENCH_SYNC_SCALE (default 40) sandbox, every request
// delayed by SELLERINBOX_BENCH_SYNC_LATENCY_MS (default 150, about what a
// marketplace's API takes to answer; a loopback sandbox answers in a
// millisecond and would hide what waiting costs between requests).
func BenchmarkFirstSync(b *testing.B) {
	dur := time.Duration(envInt("SELLERINBOX_BENCH_SYNC_SECONDS", 40)) * time.Second
	scale := envInt("SELLERINBOX_BENCH_SYNC_SCALE", 40)
	latency := time.Duration(envInt("SELLERINBOX_BENCH_SYNC_LATENCY_MS", 150)) * time.Millisecond
	for b.Loop() {
		run, err := sandbox.New(sandbox.Options{Scale: scale}).Start("127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		cnt := newCounter()
		cnt.base = delayed{http.DefaultTransport, latency}
		cnt.start()
		cfg := run.Config()
		cfg.HTTPClient = &http.Client{Transport: cnt, Timeout: time.Minute}
		tr, err := api.NewTransport(cfg)
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(context.Background(), b.TempDir()+"/bench.db", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		sy := NewSyncer(st, wb.New(tr), ym.New(tr, sandbox.CampaignID), SyncOptions{})
		// Questions and feedbacks come in pages of up to 10,000 and 5,000:
		// this sandbox would need a handful. Pages ten times smaller make
		// it as many requests as an account with 100k feedbacks needs.
		sy.fq = fqBounds{questionsWindow: wb.MaxQuestionsWindow / 10, feedbacksTake: wb.MaxFeedbacksTake / 10, feedbacksSkip: wb.MaxFeedbacksSkip}
		stats := idleFirstSync(b, sy, dur)

		items := 0
		for _, s := range stats {
			items += s.items
		}
		b.ReportMetric(float64(items)/dur.Seconds(), "items/s")
		groups := map[api.Group]*groupStat{}
		for p, s := range stats {
			g := paneGroup(p)
			gs := groups[g]
			if gs == nil {
				gs = &groupStat{busy: true}
				groups[g] = gs
			}
			gs.requests += s.requests
			gs.busy = gs.busy && s.busy
			gs.took = max(gs.took, s.took)
		}
		for g, gs := range groups {
			lim := api.Limits[g]
			most := float64(lim.Burst) + gs.took.Seconds()/lim.Per.Seconds()
			// A group that finished within its burst was bound by its
			// work, not by the limit.
			if gs.busy || gs.requests > lim.Burst {
				b.ReportMetric(float64(gs.requests)/most, "limit-frac/"+string(g))
			}
			b.Logf("%s: %d requests in %v (the limit allows %.0f), still syncing: %v", g, gs.requests, gs.took.Round(time.Millisecond), most, gs.busy)
		}
		b.Logf("the sandbox saw %d requests", cnt.count(""))
		for _, code := range []int{http.StatusTooManyRequests, 420} {
			if n := cnt.status(code); n != 0 {
				b.Fatalf("the sandbox answered %d %d times: the client exceeded a documented limit", code, n)
			}
		}
		st.Close()
		run.Close()
	}
}

// delayed adds network latency to every request.
type delayed struct {
	base  http.RoundTripper
	delay time.Duration
}

func (d delayed) RoundTrip(r *http.Request) (*http.Response, error) {
	select {
	case <-r.Context().Done():
		return nil, r.Context().Err()
	case <-time.After(d.delay):
	}
	return d.base.RoundTrip(r)
}

type paneStat struct {
	requests, items int
	busy            bool          // still had work when the run ended
	took            time.Duration // until it finished, or the whole run
}

type groupStat struct {
	requests int
	busy     bool
	took     time.Duration // the group's longest pane
}

func paneGroup(p store.Pane) api.Group {
	switch p {
	case store.PaneChats:
		return api.GroupWBChat
	case store.PaneClaims:
		return api.GroupWBReturns
	case store.PaneReturns:
		return api.GroupYMReturns
	}
	return api.GroupWBFeedbacks
}

// idleFirstSync syncs every pane for d the way ui/live.go does.
func idleFirstSync(b *testing.B, sy *Syncer, d time.Duration) map[store.Pane]*paneStat {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	began := time.Now()
	var mu sync.Mutex
	stats := map[store.Pane]*paneStat{}
	var wg sync.WaitGroup
	for _, p := range store.Panes {
		s := &paneStat{busy: true, took: d}
		stats[p] = s
		wg.Go(func() {
			for {
				r, err := sy.Sync(ctx, p, Background)
				mu.Lock()
				s.requests += r.Requests
				s.items += r.Changes.Added
				mu.Unlock()
				if ctx.Err() != nil {
					return
				}
				if err != nil {
					b.Errorf("sync %s: %v", p, err)
					return
				}
				if !r.More {
					s.busy, s.took = false, time.Since(began)
					return
				}
				wait := 50 * time.Millisecond
				if r.Deferred {
					wait = max(r.RetryAfter, time.Second)
				}
				select {
				case <-ctx.Done():
					return
				case <-time.After(wait):
				}
			}
		})
	}
	wg.Wait()
	return stats
}

func envInt(name string, def int) int {
	n, err := strconv.Atoi(os.Getenv(name))
	return cmp.Or(max(n, 0)*boolInt(err == nil), def)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
