package services

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// inbox collects what the services send, as a program's Send would.
type inbox struct {
	mu   sync.Mutex
	msgs []tea.Msg
}

func (in *inbox) send(m tea.Msg) {
	in.mu.Lock()
	in.msgs = append(in.msgs, m)
	in.mu.Unlock()
}

// wait returns the messages once cond holds for them, or fails.
func (in *inbox) wait(t *testing.T, what string, cond func([]tea.Msg) bool) []tea.Msg {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		in.mu.Lock()
		msgs := slices.Clone(in.msgs)
		in.mu.Unlock()
		if cond(msgs) {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never came; got %#v", what, msgs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type world struct {
	st     *store.Store
	client *wb.Client
}

func newWorld(t *testing.T) world {
	t.Helper()
	cfg := startSandbox(t)
	tr := newTransport(t, cfg)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return world{st: st, client: wb.New(tr)}
}

func reports(msgs []tea.Msg, pane ui.PaneID) []ui.SyncReportMsg {
	var out []ui.SyncReportMsg
	for _, m := range msgs {
		if r, ok := m.(ui.SyncReportMsg); ok && r.Pane == pane && !r.Poll {
			out = append(out, r)
		}
	}
	return out
}

// TestSyncReportsAndCatchesUp: every pane syncs once at start, each call
// is reported, the pane counts as caught up once a call has nothing more,
// and SyncNow syncs it again.
func TestSyncReportsAndCatchesUp(t *testing.T) {
	w := newWorld(t)
	sy := syncer.NewSyncer(w.st, w.client, nil, syncer.SyncOptions{})
	panes := []ui.PaneID{ui.PaneQuestions, ui.PaneFeedbacks}
	sv := New(Config{Store: w.st, Syncer: sy, Panes: panes, Every: time.Hour, StartDelay: -1})
	var in inbox
	sv.Start(t.Context(), in.send)
	defer sv.Stop()
	in.wait(t, "the first syncs", func(msgs []tea.Msg) bool {
		for _, p := range panes {
			rs := reports(msgs, p)
			if len(rs) == 0 || rs[len(rs)-1].More || rs[len(rs)-1].Err != nil {
				return false
			}
		}
		return true
	})
	if got := sv.CaughtUp(); !slices.Equal(got, panes) {
		t.Errorf("caught up %v, want %v", got, panes)
	}
	n, err := w.st.Count(t.Context(), store.PaneQuery{Kind: store.KindQuestion})
	if err != nil || n == 0 {
		t.Fatalf("the sync stored %d questions (%v)", n, err)
	}
	before := len(reports(in.wait(t, "", func([]tea.Msg) bool { return true }), ui.PaneQuestions))
	sv.SyncNow(ui.SyncNowMsg{Pane: ui.PaneQuestions})
	in.wait(t, "the asked sync", func(msgs []tea.Msg) bool { return len(reports(msgs, ui.PaneQuestions)) > before })
}

// TestDeliveredAnswerResolvesAndSyncs: the outbox loop sends a due
// answer, takes its item out of "needs action" in the store at once (so
// it leaves every inbox), tells the inboxes, syncs the item's pane so
// the marketplace's copy replaces the stored one, and reports the
// attempt. (Until the sync, a decided return would read as awaiting a
// decision and offer `a` again.)
func TestDeliveredAnswerResolvesAndSyncs(t *testing.T) {
	w := newWorld(t)
	ctx := t.Context()
	sy := syncer.NewSyncer(w.st, w.client, nil, syncer.SyncOptions{})
	for {
		res, err := sy.Sync(ctx, store.PaneQuestions, syncer.Foreground)
		if err != nil {
			t.Fatal(err)
		}
		if !res.More {
			break
		}
	}
	q := store.PaneQuery{Kind: store.KindQuestion, Filter: store.Filter{Status: store.StatusNeedsAction}}
	rows, waiting, _, err := w.st.Window(ctx, q, store.Start(), 0, 0)
	if err != nil || len(rows) == 0 {
		t.Fatalf("no question awaits an answer: %v", err)
	}
	id := rows[0].ID
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ob.SetSenders("default", reply.NewSenders(w.client, nil))
	changed := make(chan struct{}, 1)
	sv := New(Config{Store: w.st, Syncer: sy, Panes: []ui.PaneID{ui.PaneQuestions}, Every: time.Hour,
		Outbox: ob, Changed: changed, StartDelay: time.Hour})
	var in inbox
	sv.Start(ctx, in.send)
	defer sv.Stop()
	if _, err := ob.Enqueue(reply.Entry{Profile: "default", Agent: "anna", Kind: reply.KindQuestionAnswer, ItemID: id,
		Text: "Здравствуйте! Да, размер M подойдёт."}); err != nil {
		t.Fatal(err)
	}
	changed <- struct{}{}
	msgs := in.wait(t, "the delivery and the sync after it", func(msgs []tea.Msg) bool {
		return len(reports(msgs, ui.PaneQuestions)) > 0 && slices.ContainsFunc(msgs, func(m tea.Msg) bool {
			s, ok := m.(ui.OutboxSettledMsg)
			return ok && s.Entry.State == reply.StateSent
		})
	})
	storeChanged := slices.ContainsFunc(msgs, func(m tea.Msg) bool {
		c, ok := m.(ui.StoreChangedMsg)
		return ok && slices.Equal(c.Panes, []ui.PaneID{ui.PaneQuestions})
	})
	if !storeChanged {
		t.Errorf("the inboxes were not told the store changed: %#v", msgs)
	}
	if n, err := w.st.Count(ctx, q); err != nil || n != waiting-1 {
		t.Errorf("%d questions await an answer after one was answered, want %d (%v)", n, waiting-1, err)
	}
	if rec, ok, err := w.st.AnsweredBy(ctx, store.PaneQuestions, id); err != nil || !ok || rec.Agent != "anna" {
		t.Errorf("the audit has %+v %v %v, want anna's answer", rec, ok, err)
	}
}

// TestNothingRunsBeforeStartOrAfterStop: asks made before Start wait
// for it, and Stop ends the loops (a Stop without Start is harmless).
func TestNothingRunsBeforeStartOrAfterStop(t *testing.T) {
	w := newWorld(t)
	sy := syncer.NewSyncer(w.st, w.client, nil, syncer.SyncOptions{})
	New(Config{Store: w.st, Syncer: sy, Panes: []ui.PaneID{ui.PaneQuestions}}).Stop()
	sv := New(Config{Store: w.st, Syncer: sy, Panes: []ui.PaneID{ui.PaneQuestions}, Every: time.Hour, StartDelay: time.Hour})
	sv.SyncNow(ui.SyncNowMsg{Pane: ui.PaneQuestions})
	sv.SyncNow(ui.SyncNowMsg{Pane: ui.PaneQuestions}) // the same ask: never blocks
	var in inbox
	sv.Start(t.Context(), in.send)
	sv.Stop()
	in.mu.Lock()
	n := len(in.msgs)
	in.mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.msgs) != n {
		t.Errorf("%d messages after Stop", len(in.msgs)-n)
	}
}

// TestOneProcessSyncs: two processes on one profile's database (two
// stores on one file here) do not both sync: the second follows, told of
// the first one's writes, and takes over the sync when the first ends.
func TestOneProcessSyncs(t *testing.T) {
	cfg := startSandbox(t)
	tr := newTransport(t, cfg)
	path := filepath.Join(t.TempDir(), "p.db")
	open := func() *store.Store {
		st, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	panes := []ui.PaneID{ui.PaneQuestions}
	services := func(st *store.Store, c *wb.Client) *Services {
		return New(Config{Store: st, Syncer: syncer.NewSyncer(st, c, nil, syncer.SyncOptions{}), Panes: panes,
			Every: time.Hour, StartDelay: -1})
	}
	first, second := open(), open()
	var in1, in2 inbox
	leader := services(first, wb.New(tr))
	leader.Start(t.Context(), in1.send)
	in1.wait(t, "the leader's first sync", func(msgs []tea.Msg) bool {
		rs := reports(msgs, ui.PaneQuestions)
		return len(rs) > 0 && !rs[len(rs)-1].More && rs[len(rs)-1].Err == nil
	})
	// the follower's client counts apart: it must send nothing
	var followerCalls atomic.Int64
	cfg2 := cfg
	cfg2.HTTPClient = &http.Client{Transport: countingTransport{&followerCalls}}
	tr2 := newTransport(t, cfg2)
	follower := services(second, wb.New(tr2))
	follower.Start(t.Context(), in2.send)
	defer follower.Stop()
	in2.wait(t, "the follower's report", func(msgs []tea.Msg) bool { return len(reports(msgs, ui.PaneQuestions)) > 0 })
	// the leader writes (an assignment here); the follower hears of it
	before := len(reports(in2.wait(t, "", func([]tea.Msg) bool { return true }), ui.PaneQuestions))
	if err := first.Assign(t.Context(), store.PaneQuestions, "q", "anna", "anna", time.Now()); err != nil {
		t.Fatal(err)
	}
	in2.wait(t, "the leader's write reported to the follower", func(msgs []tea.Msg) bool {
		return len(reports(msgs, ui.PaneQuestions)) > before
	})
	if n := followerCalls.Load(); n != 0 {
		t.Fatalf("the follower sent %d requests while the other process synced", n)
	}
	leader.Stop() // the first process ends
	follower.SyncNow(ui.SyncNowMsg{Pane: ui.PaneQuestions})
	waitCalls := time.Now().Add(20 * time.Second)
	for followerCalls.Load() == 0 {
		if time.Now().After(waitCalls) {
			t.Fatal("the follower did not take over the sync once the leader ended")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// countingTransport counts the requests a client sends.
type countingTransport struct{ n *atomic.Int64 }

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

// startSandbox runs the sandbox without limits for the test and returns
// the client configuration that reaches it.
func startSandbox(t *testing.T) api.Config {
	t.Helper()
	run, err := sandbox.New(sandbox.Options{NoLimits: true}).Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run.Config()
}

func newTransport(t *testing.T, cfg api.Config) *api.Transport {
	t.Helper()
	tr, err := api.NewTransport(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
