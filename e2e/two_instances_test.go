package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// writeCounter sits between the apps and the sandbox: it counts every
// write whose body carries one of the marks, and holds it for a while, as
// a slow network would, so that two senders overlap.
type writeCounter struct {
	marks []string
	delay time.Duration

	mu     sync.Mutex
	writes map[string]int
}

func (c *writeCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		mark := ""
		for _, m := range c.marks {
			if bytes.Contains(body, []byte(m)) {
				mark = m
				time.Sleep(c.delay)
			}
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		// A write the server refused (429, a conflict) changed nothing:
		// only accepted ones count.
		if mark != "" && rec.status < 300 {
			c.mu.Lock()
			c.writes[mark]++
			c.mu.Unlock()
		}
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (c *writeCounter) count(m string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writes[m]
}

// TestTwoInstancesSendEachReplyOnce starts two real apps on one profile
// whose outbox holds three queued replies (a chat message, a question
// answer, a feedback answer). Both load them at start and both tick; the
// server sees each written once.
func TestTwoInstancesSendEachReplyOnce(t *testing.T) {
	t.Parallel()
	twoInstancesSendOnce(t, func(ctx context.Context, home, profile string) (*store.Store, error) {
		return store.Open(ctx, filepath.Join(home, ".local", "share", "sellerinbox", profile+".db"), store.Options{})
	}, nil)
}

// TestTwoInstancesOnPostgresSendEachReplyOnce: the same with the store on
// PostgreSQL, as a team on two machines has it: both processes claim the
// queued replies from one outbox table (FOR UPDATE SKIP LOCKED), and the
// server still counts one write of each.
func TestTwoInstancesOnPostgresSendEachReplyOnce(t *testing.T) {
	u := os.Getenv("SELLERINBOX_TEST_POSTGRES")
	if u == "" {
		t.Skip("no PostgreSQL: set SELLERINBOX_TEST_POSTGRES")
	}
	t.Parallel()
	profile := fmt.Sprintf("e2e%d", time.Now().UnixNano())
	t.Cleanup(func() { dropPostgresSchema(t, u, store.SchemaName(profile)) })
	twoInstancesSendOnce(t, func(ctx context.Context, home, _ string) (*store.Store, error) {
		return store.OpenPostgres(ctx, u, profile, store.Options{})
	}, map[string]string{"SELLERINBOX_DATABASE_URL": u, "profile": profile})
}

// twoInstancesSendOnce queues three replies in the store open opens, starts
// two apps on it (with extra in their environment; "profile" names the
// profile instead) and counts the server's writes.
func twoInstancesSendOnce(t *testing.T, open func(ctx context.Context, home, profile string) (*store.Store, error), extra map[string]string) {
	run, err := sandbox.New(sandbox.Options{}).Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	target, _ := url.Parse(run.URL)
	marks := []string{"E2E-once-chat", "E2E-once-question", "E2E-once-feedback"}
	counter := &writeCounter{marks: marks, delay: 700 * time.Millisecond, writes: map[string]int{}}
	proxy := httptest.NewServer(counter.wrap(httputil.NewSingleHostReverseProxy(target)))
	t.Cleanup(proxy.Close)
	env := run.Env()
	for k, v := range env {
		if v == run.URL {
			env[k] = proxy.URL
		}
	}

	// Items to answer, read from the sandbox as the app would.
	ctx := context.Background()
	tr, err := api.NewTransport(api.Config{
		BaseURLs: map[api.Service]string{api.ServiceWBFeedbacks: run.URL, api.ServiceWBChat: run.URL, api.ServiceWBReturns: run.URL, api.ServiceYM: run.URL},
		Tokens: map[api.Service]api.Secret{api.ServiceWBFeedbacks: api.NewSecret(sandbox.WBToken), api.ServiceWBChat: api.NewSecret(sandbox.WBToken),
			api.ServiceWBReturns: api.NewSecret(sandbox.WBToken)},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := wb.New(tr)
	qs, err := c.Questions(ctx, wb.QuestionsQuery{Take: 1})
	if err != nil || len(qs.Questions) == 0 {
		t.Fatalf("questions: %v", err)
	}
	fs, err := c.Feedbacks(ctx, wb.FeedbacksQuery{Take: 1})
	if err != nil || len(fs.Feedbacks) == 0 {
		t.Fatalf("feedbacks: %v", err)
	}
	chats, err := c.Chats(ctx)
	if err != nil || len(chats) == 0 {
		t.Fatalf("chats: %v", err)
	}

	profile := "e2e"
	if p := extra["profile"]; p != "" {
		profile = p
	}
	for k, v := range extra {
		if k != "profile" {
			env[k] = v
		}
	}
	home := t.TempDir()
	st, err := open(ctx, home, profile)
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Backend: st.OutboxBackend()})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []reply.Entry{
		{Profile: profile, Kind: reply.KindChatMessage, ItemID: chats[0].ChatID, ReplySign: chats[0].ReplySign, Text: "Здравствуйте! " + marks[0]},
		{Profile: profile, Kind: reply.KindQuestionAnswer, ItemID: qs.Questions[0].ID, Text: "Да, подойдёт. " + marks[1]},
		{Profile: profile, Kind: reply.KindFeedbackAnswer, ItemID: fs.Feedbacks[0].ID, Text: "Спасибо за отзыв! " + marks[2]},
	} {
		if _, err := ob.Enqueue(e); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	a := startIn(t, home, 120, 40, env, "--profile", profile)
	b := startIn(t, home, 120, 40, env, "--profile", profile)
	for _, tm := range []*term{a, b} {
		tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(i18n.EN, s, paneFlows[1].tab) })
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, m := range marks {
		for counter.count(m) == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("%s was never sent", m)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	// Both apps tick their outbox every second: give the second one time
	// to send again, if it were going to.
	time.Sleep(4 * time.Second)
	for _, m := range marks {
		if n := counter.count(m); n != 1 {
			t.Errorf("the server received %s %d times, want once", m, n)
		}
	}
	for _, tm := range []*term{a, b} {
		if tm.dead() {
			t.Errorf("an app exited:\n%s", tm.screen(false))
		}
	}
	// The apps wrote their audit to the store the test opened: they ran
	// on it, not on a database of their own.
	st, err = open(ctx, home, profile)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs, err := st.Audit(ctx, time.Time{}, time.Now().Add(time.Hour))
	sent := 0
	for _, r := range recs {
		if r.Outcome == reply.StateSent {
			sent++
		}
	}
	if err != nil || sent != len(marks) {
		t.Errorf("the store's audit has %d sent replies (%v), want %d", sent, err, len(marks))
	}
}
