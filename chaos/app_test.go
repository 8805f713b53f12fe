package chaos

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keys"
	"github.com/sellerinbox/sellerinbox/ui/panes"
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

// transport is an api.Transport over its own connection pool (closed at
// the end, so no keep-alive reader outlives the test), with the demo
// tokens and waits cut short so that retries take seconds, not minutes.
func transport(t *testing.T, url string, attempts int, onBudget func(api.Budget)) *api.Transport {
	t.Helper()
	pool := &http.Transport{MaxIdleConnsPerHost: 8}
	t.Cleanup(pool.CloseIdleConnections)
	urls := map[api.Service]string{}
	for _, s := range api.Services {
		urls[s] = url
	}
	wbTok, ymTok := api.NewSecret(sandbox.WBToken), api.NewSecret(sandbox.YMToken)
	tr, err := api.NewTransport(api.Config{
		BaseURLs: urls,
		Tokens: map[api.Service]api.Secret{
			api.ServiceYM: ymTok, api.ServiceWBFeedbacks: wbTok, api.ServiceWBChat: wbTok, api.ServiceWBReturns: wbTok,
		},
		HTTPClient:  &http.Client{Transport: pool, Timeout: 20 * time.Second},
		MaxAttempts: attempts,
		Limits:      limits,
		MaxWait:     200 * time.Millisecond,
		Sleep:       shortSleep,
		OnBudget:    onBudget,
		UserAgent:   "sellerinbox/chaos",
	})
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
	replies *ui.Replies
	drafts  *reply.DraftStore
	outbox  *reply.Outbox
	keys    keys.KeyMap
}

// newSession assembles the app as cmd_tui.go does — ui.NewEnv, Replies
// over drafts and outbox with the marketplaces' senders, panes.New, ui.New
// — in a fixed 120×40 window, with state in t.TempDir().
func newSession(t *testing.T, url string) *session {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()

	// Budget reports reach the loop the way cmd_tui's forwarder sends them.
	var drv atomic.Pointer[driver]
	onBudget := func(b api.Budget) {
		if d := drv.Load(); d != nil {
			d.exec(func() tea.Msg { return ui.BudgetMsg(b) })
		}
	}
	tr := transport(t, url, 4, onBudget)
	ymc, wbc := ym.New(tr, sandbox.CampaignID), wb.New(tr)

	env := ui.NewEnv(ctx, i18n.RU)
	env.Styles = theme.NewWith(theme.Options{Dark: true})
	drafts, err := reply.OpenDrafts(filepath.Join(dir, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{
		Dir: filepath.Join(dir, "outbox"), Drafts: drafts,
		// Fast retries and enough of them to outlast a 45% failure rate.
		Backoff: reply.Backoff{Base: 20 * time.Millisecond, Max: 300 * time.Millisecond}, MaxAttempts: maxAttempts,
	})
	if err != nil {
		t.Fatal(err)
	}
	ob.SetSenders(profile, reply.NewSenders(wbc, ymc))
	tpl, err := reply.LoadTemplates(filepath.Join(dir, "templates.toml"))
	if err != nil {
		t.Fatal(err)
	}
	replies, err := ui.NewReplies(profile, ob, drafts, tpl)
	if err != nil {
		t.Fatal(err)
	}
	env.Replies = replies
	getenv := func(string) string { return "" }
	disk, err := photo.OpenDiskCache(photo.DiskOptions{Dir: filepath.Join(dir, "photos")})
	if err != nil {
		t.Fatal(err)
	}
	env.Photos = ui.Photos{
		Previewer: photo.NewPreviewer(photo.Config{Disk: disk, Getenv: getenv}),
		Opener:    &photo.Opener{Getenv: getenv},
		Renderer:  photo.ParseRenderer(""),
	}
	app := ui.New(env, ui.AppOptions{Profile: profile, Account: "campaign 1000", FixedTheme: true},
		panes.New(env, panes.Deps{YM: ymc, WB: wbc, Profile: profile})...)
	d := newDriver(t, app)
	drv.Store(d)
	s := &session{d: d, cancel: cancel, replies: replies, drafts: drafts, outbox: ob, keys: env.Keys}
	d.exec(app.Init())
	d.send(tea.WindowSizeMsg{Width: winW, Height: winH})
	return s
}

// close quits: the context ends every request, then the loop stops.
func (s *session) close() {
	s.cancel()
	s.d.stop()
}
