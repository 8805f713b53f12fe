package services

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// TestPostgresLeadLostStopsTheSyncs: on a PostgreSQL store the server
// ends the connection that holds the leader's lock (a restart, a network
// cut): the leader stops its syncs and leads again only once it holds a
// lock again, and the follower never syncs meanwhile.
func TestPostgresLeadLostStopsTheSyncs(t *testing.T) {
	u := os.Getenv("SELLERINBOX_TEST_POSTGRES")
	if u == "" {
		t.Skip("no PostgreSQL: set SELLERINBOX_TEST_POSTGRES")
	}
	profile := fmt.Sprintf("leadlost%d", time.Now().UnixNano())
	t.Cleanup(func() {
		if conn, err := pgx.Connect(context.Background(), u); err == nil {
			conn.Exec(context.Background(), `DROP SCHEMA `+pgx.Identifier{store.SchemaName(profile)}.Sanitize()+` CASCADE`)
			conn.Close(context.Background())
		}
	})
	open := func() *store.Store {
		st, err := store.OpenPostgres(context.Background(), u, profile, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	cfg := startSandbox(t)
	panes := []ui.PaneID{ui.PaneQuestions}
	services := func(st *store.Store, calls *atomic.Int64) *Services {
		c := cfg
		c.HTTPClient = &http.Client{Transport: countingTransport{calls}}
		return New(Config{Store: st, Syncer: syncer.NewSyncer(st, wb.New(newTransport(t, c)), nil, syncer.SyncOptions{}),
			Panes: panes, Every: time.Hour, StartDelay: -1})
	}
	var leaderCalls, followerCalls atomic.Int64
	var in1, in2 inbox
	leader := services(open(), &leaderCalls)
	leader.Start(t.Context(), in1.send)
	defer leader.Stop()
	in1.wait(t, "the leader's first sync", func(msgs []tea.Msg) bool {
		rs := reports(msgs, ui.PaneQuestions)
		return len(rs) > 0 && !rs[len(rs)-1].More && rs[len(rs)-1].Err == nil
	})
	follower := services(open(), &followerCalls)
	follower.Start(t.Context(), in2.send)
	defer follower.Stop()
	in2.wait(t, "the follower's report", func(msgs []tea.Msg) bool { return len(reports(msgs, ui.PaneQuestions)) > 0 })

	leader.mu.Lock()
	first := leader.held
	leader.mu.Unlock()
	if first == nil {
		t.Fatal("the leader holds no lead")
	}
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	// The only session-level advisory lock of the database is the lead's;
	// its connection is idle between checks.
	if _, err := conn.Exec(context.Background(), `SELECT pg_terminate_backend(l.pid) FROM pg_locks AS l
		JOIN pg_stat_activity AS a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.state = 'idle'`); err != nil {
		t.Fatal(err)
	}
	select {
	case <-first.Lost():
	case <-time.After(20 * time.Second):
		t.Fatal("the leader did not notice that its lock went")
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		leader.mu.Lock()
		held := leader.held
		leader.mu.Unlock()
		follower.mu.Lock()
		fheld := follower.held
		follower.mu.Unlock()
		if held == first {
			if time.Now().After(deadline) {
				t.Fatal("the leader kept syncing under a lock it no longer holds")
			}
			continue
		}
		if held != nil || fheld != nil {
			break // led again, by one of them
		}
		if time.Now().After(deadline) {
			t.Fatal("nobody leads after the loss")
		}
	}
	leader.mu.Lock()
	lheld := leader.held != nil
	leader.mu.Unlock()
	follower.mu.Lock()
	fheld := follower.held != nil
	follower.mu.Unlock()
	if lheld && fheld {
		t.Fatal("both processes lead")
	}
	if lheld && followerCalls.Load() != 0 {
		t.Errorf("the follower sent %d requests while the other process led", followerCalls.Load())
	}
}
