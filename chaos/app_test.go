package chaos

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

// The window every session runs in.
const winW, winH = 120, 40

const profile = "chaos"

// maxAttempts lets the outbox outlast the fault rate (about 45% of
// requests fail): giving up is not what the chaos run is about.
const maxAttempts = 40

// backend is a sandbox reachable over loopback.
type backend struct {
	url   string
	close func()
}

// faultyBackend starts the sandbox with its own fault injection.
func faultyBackend(t *testing.T, opts sandbox.Options) backend {
	t.Helper()
	run, err := sandbox.New(opts).Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return backend{url: run.URL, close: func() { _ = run.Close() }}
}

// slowBackend answers every request delay late (and never fails): an
// Update that waited on the network would take at least that long.
func slowBackend(t *testing.T, opts sandbox.Options, delay time.Duration) backend {
	t.Helper()
	h := sandbox.New(opts).Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		h.ServeHTTP(w, r)
	}))
	return backend{url: srv.URL, close: srv.Close}
}

// limits are the documented rate limits with the two slowest WB buckets
// (claims: one request per 3 s; chat: one per second) ten times faster,
// in the sandbox and the client alike: faults are under test here, and a
// claim answer's read-backs would otherwise queue for minutes.
var limits = func() map[api.Group]api.Limit {
	m := map[api.Group]api.Limit{}
	for _, g := range []api.Group{api.GroupWBReturns, api.GroupWBChat} {
		l := api.Limits[g]
		l.Per, l.Window = l.Per/10, l.Window/10
		m[g] = l
	}
	return m
}()

// tune sets a transport over its own connection pool (closed at the end,
// so no keep-alive reader outlives the test), with waits cut short so that
// retries take seconds, not minutes.
func tune(t *testing.T, attempts int) func(*api.Config) {
	t.Helper()
	pool := &http.Transport{MaxIdleConnsPerHost: 8}
	t.Cleanup(pool.CloseIdleConnections)
	return func(c *api.Config) {
		c.HTTPClient = &http.Client{Transport: pool, Timeout: 20 * time.Second}
		c.MaxAttempts = attempts
		c.Limits = limits
		c.MaxWait = 200 * time.Millisecond
		c.Sleep = shortSleep
		c.UserAgent = "sellerinbox/chaos"
	}
}

// transport is an api.Transport tuned as the app's is, with the demo
// tokens, for the checks that read the marketplace afterwards.
func transport(t *testing.T, url string, attempts int, onBudget func(api.Budget)) *api.Transport {
	t.Helper()
	urls := map[api.Service]string{}
	for _, s := range api.Services {
		urls[s] = url
	}
	wbTok, ymTok := api.NewSecret(sandbox.WBToken), api.NewSecret(sandbox.YMToken)
	c := api.Config{
		BaseURLs: urls,
		Tokens: map[api.Service]api.Secret{
			api.ServiceYM: ymTok, api.ServiceWBFeedbacks: wbTok, api.ServiceWBChat: wbTok, api.ServiceWBReturns: wbTok,
		},
		OnBudget: onBudget,
	}
	tune(t, attempts)(&c)
	tr, err := api.NewTransport(c)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// shortSleep honours the transport's waits up to 50 ms: the sandbox asks
// for seconds after a storm of 429s, which would make the run crawl.
func shortSleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(min(d, 50*time.Millisecond))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// session is the assembled app and what the checks read afterwards.
type session struct {
	d       *driver
	cancel  context.CancelFunc
	sess    *app.Session
	inbox   *app.Inbox
	replies *ui.Replies
	drafts  *reply.DraftStore
	outbox  *reply.Outbox
	keys    keymap.KeyMap
}

// newSession builds the app as the sellerinbox command does, through
// internal/app: the config, tokens and marketplace URLs from the
// environment (here a map), the profile's SQLite database, drafts and
// outbox in it with the marketplaces' senders, the live sync of every
// pane, and the panes. Only the directories (all in t.TempDir()), the
// transport's waits and the outbox's backoff differ. The window is a
// fixed 120×40.
func newSession(t *testing.T, url string) *session {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	vars := map[string]string{
		"HOME":            dir,
		"XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"XDG_DATA_HOME":   filepath.Join(dir, "data"),
		"XDG_STATE_HOME":  filepath.Join(dir, "state"),
		"XDG_CACHE_HOME":  filepath.Join(dir, "cache"),
		api.EnvWBToken:    sandbox.WBToken,
		api.EnvYMToken:    sandbox.YMToken,
		api.EnvYMCampaign: strconv.FormatInt(sandbox.CampaignID, 10),
	}
	for _, s := range api.Services {
		vars[s.URLEnv()] = url
	}
	// Polls as often as the config allows, so that the live sync writes
	// into the store while the script types.
	cfg := filepath.Join(vars["XDG_CONFIG_HOME"], "sellerinbox", "config.toml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("poll_interval = %q\n", config.MinPollInterval)), 0o600); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string { return vars[k] }

	// Budget reports reach the loop the way the command's forwarder sends them.
	var drv atomic.Pointer[driver]
	onBudget := func(b api.Budget) {
		if d := drv.Load(); d != nil {
			d.exec(func() tea.Msg { return ui.BudgetMsg(b) })
		}
	}
	sess, err := app.Open(ctx, app.Options{
		Profile: profile, Getenv: getenv, OnBudget: onBudget,
		DataDir: filepath.Join(dir, "data"), LegacyDir: filepath.Join(dir, "legacy"),
		Transport: tune(t, 4),
		// Fast retries and enough of them to outlast a 45% failure rate.
		Outbox: reply.OutboxOptions{Backoff: reply.Backoff{Base: 20 * time.Millisecond, Max: 300 * time.Millisecond}, MaxAttempts: maxAttempts},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The database closes after the checks, which read drafts from it.
	t.Cleanup(sess.Close)
	if sess.Store() == nil || sess.YM() == nil || sess.WB() == nil {
		t.Fatal("the session lacks its store or a client")
	}

	env := ui.NewEnv(ctx, i18n.RU)
	env.Styles = theme.NewWith(theme.Options{Dark: true})
	env.Photos = app.OpenPhotos("", filepath.Join(dir, "photos"), getenv, slog.New(slog.DiscardHandler))
	inbox, err := sess.NewInbox(env, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, inbox.Model)
	drv.Store(d)
	s := &session{d: d, cancel: cancel, sess: sess, inbox: inbox, replies: inbox.Replies,
		drafts: inbox.Replies.Drafts, outbox: inbox.Replies.Outbox, keys: env.Keys}
	d.exec(inbox.Model.Init())
	inbox.Start(d.deliver) // the store's sync and the outbox, as the command starts them
	d.send(tea.WindowSizeMsg{Width: winW, Height: winH})
	return s
}

// close quits as the command does: the context ends every request and
// sync, then the loop stops. The database stays open for the checks.
func (s *session) close() {
	s.cancel()
	s.inbox.Stop()
	s.d.stop()
}
