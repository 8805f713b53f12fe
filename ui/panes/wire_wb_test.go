package panes

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Scaffolding of the WB action tests: a reply layer over temp folders
// that sends through a sandbox client, the app's outbox loop done by hand,
// and key helpers.

// wbwStores are the folders a reply layer lives in; reopening the same
// ones is a restart.
type wbwStores struct{ drafts, outbox, templates string }

func newWBWStores(t *testing.T) wbwStores {
	return wbwStores{drafts: t.TempDir(), outbox: t.TempDir(), templates: filepath.Join(t.TempDir(), "templates.toml")}
}

// wbwReplies opens the reply layer for profile "default", delivering
// through c. The debounce is short so tests do not wait on draft saves.
func wbwReplies(t *testing.T, c *wb.Client, s wbwStores) *ui.Replies {
	t.Helper()
	drafts, err := reply.OpenDrafts(s.drafts)
	if err != nil {
		t.Fatal(err)
	}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: s.outbox, Drafts: drafts})
	if err != nil {
		t.Fatal(err)
	}
	ob.SetSenders("default", reply.NewSenders(c, nil))
	tpl, err := reply.LoadTemplates(s.templates)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ui.NewReplies("default", ob, drafts, tpl)
	if err != nil {
		t.Fatal(err)
	}
	r.Debounce = reply.NewDebouncer(drafts, time.Millisecond)
	return r
}

// wbwFakeOpener records what o would launch instead of launching it.
type wbwFakeOpener struct {
	mu      sync.Mutex
	started []string
}

func (f *wbwFakeOpener) opener(dir string) *photo.Opener {
	return &photo.Opener{
		GOOS:       "linux",
		Getenv:     func(k string) string { return map[string]string{"DISPLAY": ":0"}[k] },
		ScratchDir: dir,
		Start: func(cmd *exec.Cmd) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.started = append(f.started, strings.Join(cmd.Args, " "))
			return nil
		},
	}
}

func (f *wbwFakeOpener) launched() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.started...)
}

// wbwEnv is the test env with answering on and, when photos is set, real
// previews with a fake opener saving into a temp folder.
func wbwEnv(t *testing.T, c *wb.Client, s wbwStores, lang i18n.Lang, op *wbwFakeOpener) ui.Env {
	env := storeTestEnv(t, lang, c, nil, store.PaneQuestions, store.PaneFeedbacks, store.PaneChats)
	env.Replies = wbwReplies(t, c, s)
	if op != nil {
		env.Photos = ui.Photos{
			Previewer: photo.NewPreviewer(photo.Config{}),
			Opener:    op.opener(t.TempDir()),
			SaveDir:   t.TempDir(),
		}
	}
	return env
}

// wbwDeliver does what the app's outbox loop does: attempt every due
// entry and tell the pane the result.
func wbwDeliver(t *testing.T, p interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
}, r *ui.Replies) []reply.Entry {
	t.Helper()
	var out []reply.Entry
	for _, e := range r.Outbox.Due(time.Now().Add(time.Second)) {
		got, err := r.Outbox.Attempt(context.Background(), e.ID)
		if err != nil {
			t.Fatalf("attempt %s: %v", e.Kind, err)
		}
		out = append(out, got)
		wbDrive(t, p, ui.OutboxMsg{Entry: got})
	}
	return out
}

// wbwCtrl is ctrl+<r>.
func wbwCtrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// wbwPaste is text pasted into the focused input.
func wbwPaste(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// wbwQueued is every outbox entry, for "nothing was queued" checks.
func wbwQueued(r *ui.Replies, kinds ...reply.Kind) []reply.Entry {
	var out []reply.Entry
	for _, e := range r.Outbox.List() {
		for _, k := range kinds {
			if e.Kind == k {
				out = append(out, e)
			}
		}
	}
	return out
}

// wbwSelect moves the cursor to the first item ok accepts.
func wbwSelect[T any](t *testing.T, p interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
	Items() []T
}, ok func(T) bool) T {
	t.Helper()
	wbDrive(t, p, wbKey("g")) // a send moved the cursor on
	for i, it := range p.Items() {
		if ok(it) {
			for range i {
				wbDrive(t, p, wbKey("j"))
			}
			return it
		}
	}
	t.Fatal("no item fits the test")
	var zero T
	return zero
}

// While an editor or confirmation of a WB pane is open, q and the digits
// are typed, not global: through the app's own Update.
func TestWBEditorOwnsTheKeyboard(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	c := wbClient(t, run)
	for _, tc := range []struct {
		id    ui.PaneID
		digit string
		other ui.PaneID
	}{
		{ui.PaneQuestions, "3", ui.PaneFeedbacks},
		{ui.PaneFeedbacks, "4", ui.PaneChats},
		{ui.PaneChats, "2", ui.PaneQuestions},
	} {
		id := tc.id
		t.Run(string(id), func(t *testing.T) {
			env := wbwEnv(t, c, newWBWStores(t), i18n.EN, nil)
			d := Deps{WB: c}
			panes := []ui.Pane{newQuestionsPane(env, d), newFeedbacksPane(env, d), newChatsPane(env, d)}
			app := ui.New(env, ui.AppOptions{FixedTheme: true, Start: id}, panes...)
			app.Update(tea.WindowSizeMsg{Width: 140, Height: 30})
			var focused ui.Pane
			for _, p := range panes {
				if p.ID() == id {
					focused = p
					wbDrive(t, p, wbRun(t, p.Init())...)
				}
			}
			_, cmd := app.Update(wbKey("a"))
			wbRun(t, cmd)
			if focused.Mode() != ui.ModeEdit {
				t.Fatalf("a did not open the editor (mode %v)", focused.Mode())
			}
			for _, k := range []string{"q", "1", tc.digit, "?"} {
				_, cmd := app.Update(wbKey(k))
				if isQuit(cmd) || app.Focused().ID() != id || focused.Mode() != ui.ModeEdit {
					t.Fatalf("%q escaped the editor: quit %v, focus %s", k, isQuit(cmd), app.Focused().ID())
				}
			}
			view := stripSGR(app.View().Content)
			if !contains(view, "q1"+tc.digit+"?") {
				t.Fatalf("the keys were not typed into the editor:\n%s", view)
			}
			app.Update(wbKey("esc"))
			if focused.Mode() != ui.ModeNormal {
				t.Fatalf("esc left mode %v", focused.Mode())
			}
			app.Update(wbKey(tc.digit))
			if app.Focused().ID() != tc.other {
				t.Fatalf("%s did not switch tabs once the editor closed", tc.digit)
			}
		})
	}
}

// Tab completes directory entries in the attachment dialog: the one
// match fully, several to their common prefix with the candidates named.
func TestWBAttachCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"invoice-march.pdf", "invoice-april.pdf", "photo.png", "Документы/"} {
		p := filepath.Join(dir, n)
		if strings.HasSuffix(n, "/") {
			if err := os.Mkdir(p, 0o700); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte("%PDF-1.4\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		typed, want, hint string
	}{
		{dir + "/ph", dir + "/photo.png", ""},
		{dir + "/inv", dir + "/invoice-", "invoice-april.pdf"},
		{dir + "/Док", dir + "/Документы/", ""},
		{dir + "/zzz", dir + "/zzz", ""},
	}
	env := wbTestEnv(i18n.EN)
	for _, tc := range tests {
		a := newAttachDialog(env, nil, func([]string) error { return nil })
		a.in.SetValue(tc.typed)
		a.Update(wbKey("tab"))
		if got := a.in.Value(); got != tc.want {
			t.Errorf("%s: completed to %q, want %q", tc.typed, got, tc.want)
		}
		if tc.hint != "" && !contains(a.hint, tc.hint) {
			t.Errorf("%s: candidates %q lack %q", tc.typed, a.hint, tc.hint)
		}
	}
}
