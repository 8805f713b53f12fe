package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// TestPresenceAcrossProcesses: two serve processes on one store (two
// teamPresence, each with its own connection to it) see each other's
// holds within a couple of seconds, and a stopped process's holds go
// with it. On SQLite (two processes of one jump host) and, when
// SELLERINBOX_TEST_POSTGRES names a server, on PostgreSQL (two hosts).
func TestPresenceAcrossProcesses(t *testing.T) {
	type backend struct {
		name string
		open func(t *testing.T) (a, b *store.Store)
	}
	backends := []backend{{"sqlite", func(t *testing.T) (*store.Store, *store.Store) {
		path := filepath.Join(t.TempDir(), "team.db")
		return openStore(t, func() (*store.Store, error) { return store.Open(context.Background(), path, store.Options{}) })
	}}}
	if u := os.Getenv("SELLERINBOX_TEST_POSTGRES"); u != "" {
		backends = append(backends, backend{"postgres", func(t *testing.T) (*store.Store, *store.Store) {
			profile := "presence" + strconv.FormatInt(time.Now().UnixNano(), 36)
			t.Cleanup(func() {
				conn, err := pgx.Connect(context.Background(), u)
				if err == nil {
					conn.Exec(context.Background(), `DROP SCHEMA `+pgx.Identifier{store.SchemaName(profile)}.Sanitize()+` CASCADE`)
					conn.Close(context.Background())
				}
			})
			return openStore(t, func() (*store.Store, error) {
				return store.OpenPostgres(context.Background(), u, profile, store.Options{})
			})
		}})
	}
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			stA, stB := be.open(t)
			changedB := make(chan struct{}, 16)
			a := newTeamPresence(nil)
			b := newTeamPresence(func(m tea.Msg) {
				if _, ok := m.(ui.PresenceChangedMsg); ok {
					changedB <- struct{}{}
				}
			})
			stopA := a.share(context.Background(), stA)
			stopB := b.share(context.Background(), stB)
			defer stopB()
			seen := func(want string) {
				t.Helper()
				deadline := time.After(5 * time.Second)
				for {
					h, ok := b.Holder(ui.PaneQuestions, "q1", "ivan")
					if (want == "" && !ok) || (ok && h.Agent == want) {
						return
					}
					select {
					case <-changedB:
					case <-deadline:
						t.Fatalf("the other process sees %q holding q1, want %q", h.Agent, want)
					}
				}
			}
			a.Hold("anna", ui.PaneQuestions, "q1")
			seen("anna")
			a.Hold("anna", ui.PaneQuestions, "q2")
			seen("")
			a.Hold("anna", ui.PaneQuestions, "q1")
			seen("anna")
			stopA() // the process ends: its holds go
			seen("")
		})
	}
}

func openStore(t *testing.T, open func() (*store.Store, error)) (a, b *store.Store) {
	t.Helper()
	var err error
	if a, err = open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if b, err = open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}
