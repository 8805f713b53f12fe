package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/internal/sandboxproc"
	_ "modernc.org/sqlite" // the store's driver, to watch the app's database read-only
)

// rssScale is the sandbox's --scale for the memory benchmark: "300 ≈ 100k
// items per pane" (sellerinbox sandbox --help): 90k returns, 90k questions,
// 120k feedbacks, 45k chats (with their events), 60k claims.
const rssScale = 300

// syncQuiet is how long the items per kind and the chat events stored
// must stay unchanged for the first sync to count as finished (the tabs'
// counts stop changing). The longest pause of a first sync seen at this
// scale is ~30 s at its start, while the whole chat list (45k chats, one
// answer) is read and stored and the other panes wait for the writer.
// Cursors are left out: the minutely poll rewrites its own.
const syncQuiet = 60 * time.Second

// BenchmarkBinaryRSSAfterSync runs the built binary (TUI in a 120×40
// pseudo-terminal, live sync on) against `sellerinbox sandbox --scale 300
// --no-limits`, a separate process on loopback, waits until the first sync
// of every pane has finished (syncQuiet), and reports the app's resident
// memory then (MB-rss, VmRSS) and at its peak (MB-hwm, VmHWM), the items
// stored, and the seconds the first sync took. Target (issue 14): ≤ 150 MB
// RSS.
//
// The sandbox runs with --no-limits so that its fixed windows never answer
// 429 and stretch the run; the app still holds every group to the
// documented limits itself (api.Limits, the most the client sends), so
// the sync takes as long as it would against the marketplaces: 16 minutes
// on 2026-12-03, most of it the claims (WB returns group: 20 requests a
// minute) and the chat events feed. Each iteration starts from an empty profile and is a
// whole first sync, so run it with -benchtime 1x (Nx runs N+1: one to
// size, then N) and a -timeout above the default 10 minutes.
func BenchmarkBinaryRSSAfterSync(b *testing.B) {
	needPTY(b)
	bin := builtBinary(b)
	sandbox := sandboxproc.Start(b, bin, 5*time.Minute, "--scale", fmt.Sprint(rssScale), "--no-limits")
	var rss, hwm, secs float64
	var items int
	for i := range b.N {
		home := filepath.Join(scratchDir(b), fmt.Sprintf("home-rss-%d", i))
		log := filepath.Join(home, "debug.log")
		if err := os.MkdirAll(home, 0o700); err != nil {
			b.Fatal(err)
		}
		began := time.Now()
		a := startApp(b, bin, profileEnv(home, sandbox), "", "--debug", log)
		counts, err := waitSynced(b, a, profileDB(home), syncQuiet, 90*time.Minute)
		if err != nil {
			a.quit(b)
			b.Fatal(err)
		}
		took := time.Since(began) - syncQuiet
		mem, err := procStatusMB(a.cmd.Process.Pid, "VmRSS", "VmHWM")
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		a.quit(b)
		b.StartTimer()
		if failed := syncFailures(log); failed != "" {
			b.Logf("sync failures in the debug log (the next poll retries them):\n%s", failed)
		}
		b.Logf("synced %v in %v: VmRSS %.0f MB, VmHWM %.0f MB", counts, took.Round(time.Second), mem["VmRSS"], mem["VmHWM"])
		rss, hwm, secs = max(rss, mem["VmRSS"]), max(hwm, mem["VmHWM"]), secs+took.Seconds()
		items = 0
		for _, n := range counts {
			items += n
		}
	}
	b.ReportMetric(rss, "MB-rss")
	b.ReportMetric(hwm, "MB-hwm")
	b.ReportMetric(float64(items), "items")
	b.ReportMetric(secs/float64(b.N), "s/first-sync")
}

// waitSynced polls the app's database (read-only, as a second reader)
// until the items per kind and the chat events have not changed for
// quiet, and returns the counts; it logs the progress every minute. It
// fails after limit or if the app exits.
func waitSynced(b *testing.B, a *proc, path string, quiet, limit time.Duration) (map[string]int, error) {
	began := time.Now()
	deadline := began.Add(limit)
	var last string
	var counts map[string]int
	since, logged := began, began
	for time.Now().Before(deadline) {
		if time.Since(logged) >= time.Minute {
			logged = time.Now()
			mem, _ := procStatusMB(a.cmd.Process.Pid, "VmRSS", "VmHWM")
			b.Logf("%v: %s, VmRSS %.0f MB, VmHWM %.0f MB", time.Since(began).Round(time.Second), last, mem["VmRSS"], mem["VmHWM"])
		}
		select {
		case <-a.exited:
			return nil, fmt.Errorf("the app exited during the first sync: %v\n%s", a.err, a.screenText())
		case <-time.After(2 * time.Second):
		}
		c, state, err := dbState(path)
		if err != nil {
			since = time.Now() // not created or migrated yet
			continue
		}
		if state != last || len(c) == 0 {
			last, counts, since = state, c, time.Now()
			continue
		}
		if time.Since(since) >= quiet {
			return counts, nil
		}
	}
	return nil, fmt.Errorf("the first sync did not finish within %v (last: %v)", limit, counts)
}

// dbState reads the items per kind and the chat events stored.
func dbState(path string) (map[string]int, string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, "", err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, "", err
	}
	defer db.Close()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT kind, count(*) FROM items GROUP BY kind`)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, "", err
		}
		counts[k] = n
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	var events int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM chat_events`).Scan(&events); err != nil {
		return nil, "", err
	}
	return counts, fmt.Sprintf("items %v, chat events %d", counts, events), nil
}

// syncFailures are the debug log's "sync failed" lines.
func syncFailures(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "sync failed") || strings.Contains(line, "write failed") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
