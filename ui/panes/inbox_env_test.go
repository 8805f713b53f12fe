package panes

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Test scaffolding of the inbox and search tests: a store filled by the
// real Syncer from the sandbox at the fixed clock, and a synchronous
// runtime for the app.

// inboxWorld is a sandbox, clients on it and a store synced from it.
type inboxWorld struct {
	run *sandbox.Running
	srv *sandbox.Server
	wb  *wb.Client
	ym  *ym.Client
	st  *store.Store
}

func newInboxWorld(t testing.TB, opts sandbox.Options) *inboxWorld {
	t.Helper()
	opts.Now = func() time.Time { return wbFixedNow }
	opts.NoLimits = true
	srv := sandbox.New(opts)
	run, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	tr, err := api.NewTransport(run.Config())
	if err != nil {
		t.Fatal(err)
	}
	w := &inboxWorld{run: run, srv: srv, wb: wb.New(tr), ym: ym.New(tr, sandbox.CampaignID)}
	w.st = inboxTempStore(t)
	w.sync(t)
	return w
}

func inboxTempStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{Now: func() time.Time { return wbFixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// sync brings the store up to date with the sandbox, every pane.
func (w *inboxWorld) sync(t testing.TB) {
	t.Helper()
	sy := syncer.NewSyncer(w.st, w.wb, w.ym, syncer.SyncOptions{Now: func() time.Time { return wbFixedNow }, MaxRequests: 1000})
	for _, p := range store.Panes {
		for i := 0; ; i++ {
			res, err := sy.Sync(context.Background(), p, syncer.Foreground)
			if err != nil {
				t.Fatalf("sync %s: %v", p, err)
			}
			if !res.More {
				break
			}
			if i > 1000 {
				t.Fatalf("sync %s never ends", p)
			}
		}
	}
}

// inboxDrive feeds msgs to the app and then what its commands produce,
// until none are left. Animation frames (spinner, cursor blink) are
// dropped, or they would run forever; quitting is reported.
func inboxDrive(t testing.TB, a *ui.App, msgs ...tea.Msg) (quit bool) {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for n := 0; len(queue) > 0; n++ {
		if n > 100_000 {
			t.Fatal("inboxDrive: the app never settles")
		}
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			quit = true
			continue
		}
		_, cmd := a.Update(msg)
		queue = append(queue, inboxRun(cmd)...)
	}
	return quit
}

// inboxRun executes a command, flattening batches and dropping frames.
func inboxRun(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil, spinner.TickMsg:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, inboxRun(c)...)
		}
		return out
	default:
		if strings.Contains(reflect.TypeOf(msg).PkgPath(), "cursor") {
			return nil
		}
		return []tea.Msg{msg}
	}
}

// inboxApp is the app over panes at w×h with their first loads in. The
// panes are started rather than the app, whose outbox tick (with replies
// on) never ends in a synchronous run.
func inboxApp(t testing.TB, env ui.Env, opt ui.AppOptions, w, h int, panes ...ui.Pane) *ui.App {
	t.Helper()
	opt.FixedTheme = true
	app := ui.New(env, opt, panes...)
	msgs := []tea.Msg{tea.WindowSizeMsg{Width: w, Height: h}}
	for _, p := range panes {
		msgs = append(msgs, inboxRun(p.Init())...)
	}
	inboxDrive(t, app, msgs...)
	return app
}
