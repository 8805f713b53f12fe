package panes

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Test helpers of the returns and claims panes (prefix rc: the package is
// shared with the other panes' tests).

var rcFixedNow = time.Date(2026, 3, 14, 9, 41, 0, 0, time.UTC)

func rcEnv(lang i18n.Lang) ui.Env {
	env := ui.NewEnv(context.Background(), lang)
	env.Styles = theme.NewWith(theme.Options{Dark: true, NoColor: true})
	env.Now = func() time.Time { return rcFixedNow }
	return env
}

// rcStart runs a contract-validated sandbox on the fixed clock, without
// rate limits on either side: these tests are about the panes.
func rcStart(t *testing.T, opts sandbox.Options) (Deps, *contract.Harness) {
	t.Helper()
	opts.Now = func() time.Time { return rcFixedNow }
	opts.NoLimits = true
	h := contract.Start(t, opts, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBReturns: {}}
	})
	d := Deps{YM: ym.New(h.Transport, sandbox.CampaignID), WB: wb.New(h.Transport), Profile: "test"}
	d.Store = inboxTempStore(t)
	d.Syncer = syncer.NewSyncer(d.Store, d.WB, d.YM, syncer.SyncOptions{Now: func() time.Time { return rcFixedNow }})
	rcSync(t, d)
	return d, h
}

// rcSync brings the returns and claims in d's store up to date with the
// sandbox, as the live sync does.
func rcSync(t testing.TB, d Deps) {
	t.Helper()
	syncInto(t, d.Store, d.WB, d.YM, store.PaneReturns, store.PaneClaims)
}

// rcResync is rcSync followed by the live sync's word to the pane.
func rcResync(t testing.TB, d Deps, p ui.Pane) {
	t.Helper()
	rcSync(t, d)
	rcDrive(p, ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneReturns, ui.PaneClaims}})
}

// rcDrive feeds msgs to m and then every message its commands produce,
// until none are left: a synchronous Bubble Tea runtime. Spinner frames
// are not followed (they tick forever); Quit ends the run and is reported.
func rcDrive(m interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
}, msgs ...tea.Msg) {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		pane, cmd := m.Update(msg)
		if _, key := msg.(tea.KeyPressMsg); key && pane.Mode() == ui.ModeEdit {
			continue // a form's cursor blink: a timer that would stall the run
		}
		queue = append(queue, rcRun(cmd)...)
	}
}

// rcDriveApp is rcDrive for the root model; it reports whether the app
// asked to quit.
func rcDriveApp(a *ui.App, msgs ...tea.Msg) (quit bool) {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			quit = true
			continue
		}
		_, cmd := a.Update(msg)
		if _, key := msg.(tea.KeyPressMsg); key && a.Focused().Mode() == ui.ModeEdit {
			continue // a form's cursor blink: a timer that would stall the run
		}
		queue = append(queue, rcRun(cmd)...)
	}
	return quit
}

// rcRun executes a command and flattens batches.
func rcRun(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, rcRun(c)...)
		}
		return out
	case spinner.TickMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

func rcKey(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// rcKeys turns key names into messages; a name longer than one rune that
// is not a special key is typed rune by rune.
func rcKeys(ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		switch k {
		case "enter", "esc", "down", "up", "right", "left", "tab", "backspace":
			out = append(out, rcKey(k))
			continue
		}
		for _, r := range k {
			out = append(out, rcKey(string(r)))
		}
	}
	return out
}

// rcSized sends the size and runs Init: a pane as the app starts it.
func rcSized(p ui.Pane, w, h int) {
	p.SetSize(w, h)
	rcDrive(p, rcRun(p.Init())...)
}

// rcLines is the view without trailing blanks, for error messages.
func rcLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// rcWorld is what the action tests need around a pane: the sandbox's
// clients, and a reply layer and photo tools on disk under dir.
type rcWorld struct {
	d       Deps
	dir     string
	replies *ui.Replies
	outbox  *reply.Outbox
	opener  *rcOpener
}

// rcOpener records the viewers the pane would start.
type rcOpener struct {
	mu      sync.Mutex
	started []*exec.Cmd
}

func (o *rcOpener) start(c *exec.Cmd) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.started = append(o.started, c)
	return nil
}

func (o *rcOpener) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.started)
}

// rcNewWorld opens drafts, outbox and templates under a fresh directory.
func rcNewWorld(t *testing.T, d Deps) *rcWorld {
	t.Helper()
	w := &rcWorld{d: d, dir: t.TempDir(), opener: &rcOpener{}}
	w.open(t)
	return w
}

// open (re)opens the reply layer over the world's directory, as a new
// run of the app would.
func (w *rcWorld) open(t *testing.T) {
	t.Helper()
	ds, err := reply.OpenDrafts(filepath.Join(w.dir, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: filepath.Join(w.dir, "outbox"), Drafts: ds})
	if err != nil {
		t.Fatal(err)
	}
	ob.SetSenders(w.d.Profile, reply.NewSenders(w.d.WB, w.d.YM))
	tpl, err := reply.LoadTemplates(filepath.Join(w.dir, "templates.toml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ui.NewReplies(w.d.Profile, ob, ds, tpl)
	if err != nil {
		t.Fatal(err)
	}
	w.replies, w.outbox = r, ob
}

// env is rcEnv with answering on and the photo tools: a real previewer
// over the sandbox, an opener that records instead of launching (with a
// display, so o opens), and saves into the world's directory.
func (w *rcWorld) env(lang i18n.Lang) ui.Env {
	env := rcEnv(lang)
	env.Replies = w.replies
	env.Photos = ui.Photos{
		Previewer: photo.NewPreviewer(photo.Config{}),
		Opener: &photo.Opener{GOOS: "linux", Start: w.opener.start, ScratchDir: filepath.Join(w.dir, "scratch"),
			DownloadDir: filepath.Join(w.dir, "downloads"),
			Getenv: func(k string) string {
				if k == "DISPLAY" {
					return ":0"
				}
				return ""
			}},
		SaveDir: filepath.Join(w.dir, "saved"),
	}
	return env
}

// deliver attempts every entry the outbox holds for delivery and hands
// the results to the pane, as the app's outbox tick does.
func (w *rcWorld) deliver(t *testing.T, p ui.Pane) []reply.Entry {
	t.Helper()
	var out []reply.Entry
	for _, e := range w.outbox.Due(time.Now().Add(time.Hour)) {
		got, err := w.outbox.Attempt(context.Background(), e.ID)
		if err != nil {
			t.Fatalf("attempt %s: %v", e.ID, err)
		}
		out = append(out, got)
		rcDrive(p, ui.OutboxMsg{Entry: got})
	}
	return out
}

// rcCmdMsgs runs a pane's Update on msg and returns what its commands
// produce, without feeding them back.
func rcCmdMsgs(p ui.Pane, msg tea.Msg) []tea.Msg {
	_, cmd := p.Update(msg)
	return rcRun(cmd)
}

// rcNoticeOf finds the status-bar notice among messages.
func rcNoticeOf(msgs []tea.Msg) (ui.NoticeMsg, bool) {
	for _, m := range msgs {
		if n, ok := m.(ui.NoticeMsg); ok {
			return n, true
		}
	}
	return ui.NoticeMsg{}, false
}

// rcApp starts the app over panes at 120×40 with their first loads in.
// The panes are started rather than the app: with replies on, the app's
// Init schedules the outbox tick, which never ends in a synchronous run.
func rcApp(env ui.Env, opt ui.AppOptions, panes ...ui.Pane) *ui.App {
	app := ui.New(env, opt, panes...)
	msgs := []tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}}
	for _, p := range panes {
		msgs = append(msgs, rcRun(p.Init())...)
	}
	rcDriveApp(app, msgs...)
	return app
}
