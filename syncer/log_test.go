package syncer

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBackgroundSyncErrorsAreLogged: a sync or poll that fails in the
// background reaches the debug log with its pane and reason.
func TestBackgroundSyncErrorsAreLogged(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	sy := e.syncer(openTemp(t), SyncOptions{Limits: lim, Logger: log})
	e.run.Close() // the server goes away
	if _, err := sy.Sync(context.Background(), store.PaneClaims, Background); err == nil {
		t.Fatal("a sync against a closed server succeeded")
	}
	if _, err := sy.Poll(context.Background(), Background); err == nil {
		t.Fatal("a poll against a closed server succeeded")
	}
	got := buf.String()
	for _, want := range []string{"sync failed", "pane=claims", "poll failed"} {
		if !strings.Contains(got, want) {
			t.Errorf("the debug log lacks %q:\n%s", want, got)
		}
	}
}
