package store_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
)

// Benchmarks run against ~100k items synced from a Scale 70 sandbox (21k
// returns, 21k questions, 13k listed feedbacks, 10k chats with 30k+ events,
// 14k claims). The database is built once per `go test` run and cached in
// a temporary directory.
//
// Targets: BenchmarkColdStart ≤ 100 ms (the UI's first frame adds ~1 ms
// of rendering, measured by the ui package's benchmarks), BenchmarkSearch
// ≤ 20 ms, resident memory with 100k items ≤ 150 MB (reported as rss-MB).

const benchScale = 90

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
	benchNow  time.Time
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchDB returns the path of the seeded database.
func benchDB(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "sellerinbox-bench-")
		if benchErr != nil {
			return
		}
		st, err := store.Open(context.Background(), filepath.Join(benchDir, "bench.db"), store.Options{})
		if err != nil {
			benchErr = err
			return
		}
		defer st.Close()
		began := time.Now()
		if benchErr = seed(b, st); benchErr != nil {
			return
		}
		benchNow = time.Now()
		c, _ := st.Counts(context.Background())
		total := 0
		for _, v := range c {
			total += v.Total
		}
		b.Logf("seeded %d items (%+v) in %v", total, c, time.Since(began).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return filepath.Join(benchDir, "bench.db")
}

func rssMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func heapMB() float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}

// BenchmarkColdStart opens the store and reads what the inbox's first
// frame needs: every pane's counts and the 50 most urgent items.
func BenchmarkColdStart(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Counts(ctx); err != nil {
			b.Fatal(err)
		}
		rows, err := st.Inbox(ctx, benchNow, 50)
		if err != nil || len(rows) != 50 {
			b.Fatalf("inbox: %d rows, %v", len(rows), err)
		}
		st.Close()
	}
	// This process also holds the sandbox that seeded the database, so the
	// memory of the app's cold start is measured in a fresh process.
	rss, err := probeRSS(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(rss, "rss-MB")
}

const probeEnv = "SELLERINBOX_STORE_PROBE"

// probeRSS runs TestColdStartMemoryProbe in a child process on path and
// returns its resident memory after a cold start and a search.
func probeRSS(path string) (float64, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestColdStartMemoryProbe$", "-test.v")
	cmd.Env = append(os.Environ(), probeEnv+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("memory probe: %v\n%s", err, out)
	}
	_, rest, ok := strings.Cut(string(out), "rss-MB=")
	if !ok {
		return 0, fmt.Errorf("memory probe printed no rss-MB:\n%s", out)
	}
	return strconv.ParseFloat(strings.Fields(rest)[0], 64)
}

// TestColdStartMemoryProbe is the child of probeRSS; it does nothing in a
// normal test run.
func TestColdStartMemoryProbe(t *testing.T) {
	path := os.Getenv(probeEnv)
	if path == "" {
		t.Skip("run by BenchmarkColdStart")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Inbox(ctx, time.Now(), 50); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Search(ctx, "здравствуйте", 50); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("rss-MB=%.1f heap-MB=%.1f\n", rssMB(), heapMB())
}

// BenchmarkSearch runs one two-word query over every stored text.
func BenchmarkSearch(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hits, err := st.Search(ctx, searchQuery, 50)
		if err != nil || len(hits) == 0 {
			b.Fatalf("%d hits, %v", len(hits), err)
		}
	}
}

// searchQuery is a typical two-word query, prefixes as typed. Override it
// with SELLERINBOX_BENCH_QUERY (a word in every other greeting,
// "здравствуйте", is the worst case).
var searchQuery = cmp.Or(os.Getenv("SELLERINBOX_BENCH_QUERY"), "срок годн")

// BenchmarkSyncPage stores one page of 5000 new feedbacks (the largest
// page the API gives) in a fresh database.
func BenchmarkSyncPage(b *testing.B) {
	wbc, _ := sandboxClients(b, sandbox.Options{Scale: 40, NoLimits: true})
	page, err := wbc.Feedbacks(context.Background(), wb.FeedbacksQuery{IsAnswered: true, Take: wb.MaxFeedbacksTake})
	if err != nil || len(page.Feedbacks) != wb.MaxFeedbacksTake {
		b.Fatalf("%d feedbacks, %v", len(page.Feedbacks), err)
	}
	ctx := context.Background()
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		st, err := store.Open(ctx, filepath.Join(dir, strconv.Itoa(i)+".db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		ch, err := st.PutFeedbacks(ctx, page.Feedbacks)
		if err != nil || ch.Added != len(page.Feedbacks) {
			b.Fatalf("%+v %v", ch, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(page.Feedbacks)), "items/op")
}

// fastLimits shrink every group's interval on the client's side: the
// seeding sandbox runs without limits.
func fastLimits() map[api.Group]api.Limit {
	out := map[api.Group]api.Limit{}
	for g := range api.Limits {
		out[g] = api.Limit{Per: time.Millisecond, Burst: 50, Window: time.Second, Max: 1000}
	}
	return out
}

func sandboxClients(b *testing.B, opts sandbox.Options) (*wb.Client, *ym.Client) {
	b.Helper()
	run, err := sandbox.New(opts).Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { run.Close() })
	cfg := run.Config()
	cfg.Limits = fastLimits()
	cfg.MaxAttempts = 1
	tr, err := api.NewTransport(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return wb.New(tr), ym.New(tr, sandbox.CampaignID)
}

// seed fills st from a sandbox through the syncer, as the app does.
func seed(b *testing.B, st *store.Store) error {
	wbc, ymc := sandboxClients(b, sandbox.Options{Scale: benchScale, NoLimits: true})
	sy := syncer.NewSyncer(st, wbc, ymc, syncer.SyncOptions{Limits: fastLimits(), MaxRequests: 1000})
	for _, p := range store.Panes {
		for {
			r, err := sy.Sync(context.Background(), p, syncer.Foreground)
			if err != nil {
				return fmt.Errorf("sync %s: %w", p, err)
			}
			if !r.More {
				break
			}
		}
	}
	return nil
}
