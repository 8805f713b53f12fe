package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// TestCorruptDatabaseSaysWhatToDo: a damaged file gives a sentence naming
// it, what it holds and how to start again, not a driver code.
func TestCorruptDatabaseSaysWhatToDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "main.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("not a database, a broken disk block "), 300), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path, Options{})
	var bad *ErrCorrupt
	if !errors.As(err, &bad) {
		t.Fatalf("Open of a broken file: %v, want ErrCorrupt", err)
	}
	msg := err.Error()
	for _, want := range []string{path, "drafts", "outbox", "move it aside", path + ".broken", "lost"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
}

// TestLongWriteMakesOthersWait: one writer holds the database longer than
// busy_timeout (a 200,000-item page); another sync of the same process and
// one of another process (a second Store on the file) each write a page
// meanwhile. Both wait, neither fails with SQLITE_BUSY, nothing is lost.
func TestLongWriteMakesOthersWait(t *testing.T) {
	if testing.Short() {
		t.Skip("holds the database for 6 s")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	a, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	holding := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		err := a.write(ctx, func(tx *sql.Tx) error {
			close(holding)
			time.Sleep(6 * time.Second) // past busy_timeout (5 s)
			_, err := tx.ExecContext(ctx, `INSERT INTO cursors(name, value, updated) VALUES ('long', 'page', 0)`)
			return err
		})
		if err != nil {
			t.Errorf("the long write: %v", err)
		}
	}()
	<-holding
	page := func(prefix string) []models.Claim {
		var cs []models.Claim
		for i := range 50 {
			cs = append(cs, models.Claim{ID: fmt.Sprintf("%s-%d", prefix, i), Actions: []models.ClaimAction{models.ClaimApprove1}})
		}
		return cs
	}
	for _, w := range []struct {
		name string
		st   *Store
	}{{"same process", a}, {"other process", b}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.st.PutClaims(ctx, page(w.name), false); err != nil {
				t.Errorf("a page written by the %s during the long write: %v", w.name, err)
			}
		}()
	}
	wg.Wait()
	c, err := a.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c[KindClaim].Total != 100 {
		t.Fatalf("%d claims stored, want both pages (100)", c[KindClaim].Total)
	}
}

// TestFailedWriteIsLogged: a write that fails reaches the debug log, even
// when its caller (a background sync) only keeps the error briefly.
func TestFailedWriteIsLogged(t *testing.T) {
	var buf syncBuffer
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), Options{
		Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.PutClaims(context.Background(), []models.Claim{{ID: "c1"}}, false); err == nil {
		t.Fatal("a write to a closed database succeeded")
	}
	if log := buf.String(); !strings.Contains(log, "write failed") || !strings.Contains(log, "closed") {
		t.Fatalf("the debug log lacks the failed write:\n%s", log)
	}
}

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

// TestPageWriteHoldsOneCopy writes a page of 10,000 claims with 1 KB of
// buyer text each and samples the live heap as items are encoded: beyond
// the page itself (the models the client decoded) the write holds about
// one item at a time, not the page's JSON and search text at once.
func TestPageWriteHoldsOneCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 items")
	}
	n := 10_000
	if raceEnabled {
		n = 2_500 // still ~5 MB of encoded records, past the bound below
	}
	comment := strings.Repeat("Товар пришёл с дефектом. ", 40) // ~1 KB
	claims := make([]models.Claim, n)
	for i := range claims {
		claims[i] = models.Claim{ID: fmt.Sprintf("claim-%06d", i), UserComment: comment, Actions: []models.ClaimAction{models.ClaimApprove1}}
	}
	s := openTemp(t)
	ctx := context.Background()
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	base := live()
	var peak uint64
	i := 0
	encode := func(c models.Claim) (record, error) {
		if i++; i%(n/8) == 0 {
			peak = max(peak, live())
		}
		return claimRecord(c, false)
	}
	if _, err := putFrom(ctx, s, claims, encode, 0, nil); err != nil {
		t.Fatal(err)
	}
	runtime.KeepAlive(claims)
	// The page's encoded records would be n × (1 KB JSON + 1 KB search
	// text): 20 MB for 10,000; a streaming write holds a few items.
	if grew := int64(peak) - int64(base); grew > 2<<20 {
		t.Fatalf("the live heap grew by %d MB while writing the page", grew>>20)
	}
	if c, _ := s.Counts(ctx); c[KindClaim].Total != n {
		t.Fatalf("%d stored", c[KindClaim].Total)
	}
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
	if _, err := sy.Sync(context.Background(), PaneClaims, Background); err == nil {
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
