package store

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// emptyPages answers the next n reads of one list with an empty 200, the
// way a server having a bad moment did; everything else passes through.
type emptyPages struct {
	base http.RoundTripper

	mu    sync.Mutex
	match func(*http.Request) bool
	body  string
	left  int
}

func (e *emptyPages) arm(n int, match func(*http.Request) bool, body string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.left, e.match, e.body = n, match, body
}

func (e *emptyPages) served() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.left
}

func (e *emptyPages) RoundTrip(r *http.Request) (*http.Response, error) {
	e.mu.Lock()
	if e.left > 0 && r.Method == http.MethodGet && e.match(r) {
		e.left--
		body := e.body
		e.mu.Unlock()
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(body)),
			ContentLength: int64(len(body)), Request: r}, nil
	}
	e.mu.Unlock()
	return e.base.RoundTrip(r)
}

func activeClaims(r *http.Request) bool {
	return r.URL.Path == "/api/v1/claims" && r.URL.Query().Get("is_archive") == "false"
}

func unansweredQuestions(r *http.Request) bool {
	return r.URL.Path == "/api/v1/questions" && r.URL.Query().Get("isAnswered") == "false"
}

const (
	emptyClaims    = `{"claims":[],"total":0}`
	emptyQuestions = `{"data":{"countUnanswered":0,"countArchive":0,"questions":[]},"error":false,"errorText":"","additionalErrors":null}`
)

func awaiting(t *testing.T, st *Store, k Kind) int {
	t.Helper()
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c[k].NeedsAction
}

// TestOneEmptyPageResolvesNothing: one empty 200 from the active claims
// list, or from the unanswered questions, used to mark every awaiting item
// done. A sweep that would resolve that many reads the list again first.
func TestOneEmptyPageResolvesNothing(t *testing.T) {
	for _, c := range []struct {
		pane  Pane
		kind  Kind
		match func(*http.Request) bool
		body  string
	}{
		{PaneClaims, KindClaim, activeClaims, emptyClaims},
		{PaneQuestions, KindQuestion, unansweredQuestions, emptyQuestions},
	} {
		t.Run(string(c.pane), func(t *testing.T) {
			lim := fastLimits()
			e := newEnv(t, sandbox.Options{Limits: lim}, lim)
			for range 6 {
				e.sb.AddClaim()
			}
			flaky := &emptyPages{base: e.cnt.base}
			e.cnt.base = flaky
			st := openTemp(t)
			sy := e.syncer(st, SyncOptions{Limits: lim, ReconcileEvery: time.Nanosecond})
			syncAll(t, sy, c.pane)
			before := awaiting(t, st, c.kind)
			if before <= unseenFew {
				t.Fatalf("only %d %s await: the test needs more", before, c.kind)
			}

			flaky.arm(1, c.match, c.body)
			syncAll(t, sy, c.pane)
			if flaky.served() != 0 {
				t.Fatal("the empty page was never served")
			}
			if got := awaiting(t, st, c.kind); got != before {
				t.Fatalf("after one empty page %d %s await, want %d", got, c.kind, before)
			}
		})
	}
}

// TestResolvedBySyncComesBack: when the lists really were empty on two
// reads, the items are resolved; once the server shows them again, a
// later sync (after a restart) brings them back.
func TestResolvedBySyncComesBack(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	for range 6 {
		e.sb.AddClaim()
	}
	flaky := &emptyPages{base: e.cnt.base}
	e.cnt.base = flaky
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim})
	syncAll(t, sy, PaneClaims)
	before := awaiting(t, st, KindClaim)

	flaky.arm(2, activeClaims, emptyClaims) // the sweep and its second read
	syncAll(t, sy, PaneClaims)
	if got := awaiting(t, st, KindClaim); got != 0 {
		t.Fatalf("the list was empty on both reads, yet %d claims still await", got)
	}

	st = reopen(t, st)
	sy = e.syncer(st, SyncOptions{Limits: lim})
	syncAll(t, sy, PaneClaims)
	if got := awaiting(t, st, KindClaim); got != before {
		t.Fatalf("after the server recovered %d claims await, want %d back", got, before)
	}
}
