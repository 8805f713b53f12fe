package chaos

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// Knobs, read from the environment so that `go test ./...` runs the
// quick defaults (well under a minute with -race on two cores) and a
// longer run is one variable away:
//
//	SELLERINBOX_CHAOS_SEED     script and sandbox seed (default 1)
//	SELLERINBOX_CHAOS_ACTIONS  random actions after the opening (default 200)
//	SELLERINBOX_CHAOS_LATENCY  the sandbox's maximum random latency per
//	                           request (default 250ms; the full
//	                           3s works but the outbox drain then takes
//	                           minutes, as each attempt may read back first)
//	SELLERINBOX_CHAOS_DELAY    the slow sandbox's fixed delay (default 2s)
func knob[T any](t *testing.T, name string, def T, parse func(string) (T, error)) T {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := parse(s)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s, err)
	}
	t.Logf("%s=%s", name, s)
	return v
}

func atoi(s string) (int, error) { return strconv.Atoi(s) }

func seedKnob(t *testing.T) uint64 {
	return knob(t, "SELLERINBOX_CHAOS_SEED", uint64(1), func(s string) (uint64, error) { return strconv.ParseUint(s, 10, 64) })
}

// TestChaos plays a seeded session of a few hundred actions against a
// sandbox that fails a fifth of its requests, storms 429s, stalls,
// truncates and drops connections (some after acting), lets the outbox
// drain, and then checks the marketplace: every queued reply delivered
// exactly once with the text typed, drafts of sent replies gone and the
// rest kept, and no panic anywhere.
func TestChaos(t *testing.T) {
	seed := seedKnob(t)
	n := knob(t, "SELLERINBOX_CHAOS_ACTIONS", 200, atoi)
	latency := knob(t, "SELLERINBOX_CHAOS_LATENCY", 250*time.Millisecond, time.ParseDuration)

	b := faultyBackend(t, sandbox.Options{Seed: seed, Hostile: true, Limits: limits, Faults: sandbox.Faults{
		ErrorRate: 0.2, MaxLatency: latency, Storm429: 0.1, TruncateRate: 0.05, ResetRate: 0.05, DropAfterWrite: 0.1,
	}})
	defer b.close()
	s := newSession(t, b.url)
	sc := newScripter(s, seed, max(2*latency+100*time.Millisecond, 500*time.Millisecond))
	start := time.Now()
	sc.play(n, true)
	played := time.Since(start)

	// Drain: ticks keep firing until nothing waits to be sent.
	drained := s.d.until(func() bool { return !outboxBusy(s.outbox) }, 40*time.Second)
	drain := time.Since(start) - played
	s.close()
	if !drained {
		t.Errorf("the outbox did not drain in 40 s")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep := check(t, sc, newVerifier(t, ctx, b.url))
	t.Logf("seed %d: opening + %d actions in %v, outbox drained in %v, checked in %v", seed, n,
		played.Round(time.Millisecond), drain.Round(time.Millisecond), (time.Since(start) - played - drain).Round(time.Millisecond))
	t.Logf("actions run %v, time spent %v; item actions skipped (key@pane) %v", sc.ran, sc.spent, sc.skipped)
	t.Logf("replies: %d typed and sent, %d in the outbox, %d read back delivered once (%d with exactly the typed text), %d overtaken by a later reply, %d refused as second answers; drafts: %d left, %d kept, %d stored",
		len(sc.sent), rep.entries, rep.delivered, rep.exactText, rep.overtaken, rep.refused, len(sc.left), rep.keptDrafts, rep.drafts)
	t.Logf("Update: %s", &s.d.update)
	t.Logf("View:   %s", &s.d.view)
	if rep.delivered == 0 {
		t.Errorf("no reply was delivered: the script no longer reaches any answer flow")
	}
	if limit := updateLimit(); s.d.update.worst >= limit {
		t.Errorf("the slowest Update (%s) took %v, over %v", s.d.update.worstOf, s.d.update.worst, limit)
	}
}

// updateLimit is one frame (16 ms), or 200 ms under the race detector,
// which slows everything several times over on two cores.
func updateLimit() time.Duration {
	if raceOn {
		return 200 * time.Millisecond
	}
	return 16 * time.Millisecond
}

// outboxBusy reports entries still to be sent or being sent.
func outboxBusy(ob *reply.Outbox) bool {
	for _, e := range ob.List() {
		if e.State.Pending() || e.State == reply.StateSending {
			return true
		}
	}
	return false
}

// TestUpdateNeverBlocks plays the same kind of session against a sandbox
// whose every answer takes SELLERINBOX_CHAOS_DELAY (2 s): an Update that
// waited on the network, even once, would take that long. Wall time per
// Update is then bounded by a frame (16 ms), or 200 ms under the race
// detector, which slows everything several times over on two cores.
func TestUpdateNeverBlocks(t *testing.T) {
	seed := seedKnob(t)
	delay := knob(t, "SELLERINBOX_CHAOS_DELAY", 2*time.Second, time.ParseDuration)
	b := slowBackend(t, sandbox.Options{Seed: seed, Hostile: true, Limits: limits}, delay)
	defer b.close()
	s := newSession(t, b.url)
	sc := newScripter(s, seed+1, delay+time.Second)
	sc.play(40, false)
	s.close()

	limit := updateLimit()
	t.Logf("%d messages; Update: %s; View: %s", s.d.messages, &s.d.update, &s.d.view)
	if s.d.update.worst >= limit {
		t.Errorf("the slowest Update (%s) took %v, over %v: something in Update waits", s.d.update.worstOf, s.d.update.worst, limit)
	}
}
