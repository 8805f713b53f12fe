package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// firstWrite tells when the program has drawn its first frame.
type firstWrite struct {
	once  sync.Once
	drawn chan struct{}
}

func (w *firstWrite) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.drawn) })
	return len(p), nil
}

// TestDemoLeavesNoDatabase runs `sellerinbox --demo --scale 2` twice as
// the command does, ending it the way a signal does once it has drawn:
// while it runs, its database is in a directory of its own under
// demo-runs/; after the exit nothing of it is left (a scaled demo would
// otherwise leave a large file that every later demo opens, with the
// last run's outbox in it).
func TestDemoLeavesNoDatabase(t *testing.T) {
	h := newHarness(t, sandboxOptionsForTUI())
	runs := filepath.Join(os.Getenv("XDG_DATA_HOME"), "sellerinbox", "demo-runs")
	for i := range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		out := &firstWrite{drawn: make(chan struct{})}
		seen := make(chan []os.DirEntry, 1)
		go func() {
			defer cancel()
			select {
			case <-out.drawn:
			case <-time.After(30 * time.Second):
			}
			entries, _ := os.ReadDir(runs)
			seen <- entries
		}()
		env := h.env("")
		env.Stdout = out
		if code := runTUI(ctx, []string{"--demo", "--scale", "2"}, env); code != 0 {
			t.Fatalf("run %d: exit %d; stderr %s", i, code, h.stderr.String())
		}
		during := <-seen
		if len(during) != 1 || !strings.HasPrefix(during[0].Name(), strconv.Itoa(os.Getpid())+"-") {
			t.Fatalf("run %d: not one database of its own under %s while running: %v", i, runs, during)
		}
		if entries, err := os.ReadDir(runs); err != nil || len(entries) != 0 {
			t.Errorf("run %d: left behind %v (%v)", i, entries, err)
		}
	}
}
