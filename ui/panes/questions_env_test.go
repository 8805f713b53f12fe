package panes

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Test scaffolding shared by the questions, feedbacks and chats tests.

var wbFixedNow = time.Date(2026, 3, 14, 9, 41, 0, 0, time.UTC)

// wbTestEnv is an env with a fixed clock and colourless styles, so
// screens are stable.
func wbTestEnv(lang i18n.Lang) ui.Env {
	env := ui.NewEnv(context.Background(), lang)
	env.Styles = theme.NewWith(theme.Options{Dark: true, NoColor: true})
	env.Now = func() time.Time { return wbFixedNow }
	return env
}

// wbSandbox starts a sandbox at the fixed clock and returns a WB client
// on it. Rate limits are off in the sandbox: they are the transport's and
// sandbox's business, tested there.
func wbSandbox(t testing.TB, opts sandbox.Options) *wb.Client {
	t.Helper()
	return wbClient(t, wbSandboxRun(t, opts))
}

// wbSandboxRun starts a sandbox for tests that share it between
// clients.
func wbSandboxRun(t testing.TB, opts sandbox.Options) *sandbox.Running {
	t.Helper()
	opts.Now = func() time.Time { return wbFixedNow }
	opts.NoLimits = true
	run, err := sandbox.New(opts).Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run
}

// wbClient is a client with its own transport, so its client-side rate
// limiter starts full whatever other tests spent.
func wbClient(t testing.TB, run *sandbox.Running) *wb.Client {
	t.Helper()
	tr, err := api.NewTransport(run.Config())
	if err != nil {
		t.Fatal(err)
	}
	return wb.New(tr)
}

// wbDrive feeds msgs to m and then every message its commands produce,
// until none are left: a synchronous Bubble Tea runtime. Commands run
// concurrently, as in the real runtime, and a round's messages are all
// handled before its commands' results: a text field's cursor blink
// (half a second) then costs once per round, not once per key. Animation
// ticks (spinner, blink) are dropped, or they would run forever.
func wbDrive(t testing.TB, m interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
}, msgs ...tea.Msg) {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for round := 0; len(queue) > 0; round++ {
		if round > 1000 {
			t.Fatal("wbDrive: the pane never settles")
		}
		var pending []chan []tea.Msg
		for _, msg := range queue {
			_, cmd := m.Update(msg)
			pending = append(pending, wbStart(cmd))
		}
		queue = nil
		for _, ch := range pending {
			select {
			case got := <-ch:
				queue = append(queue, got...)
			case <-time.After(10 * time.Second):
				t.Fatal("wbDrive: a command did not finish")
			}
		}
	}
}

// wbRun executes a command (flattening batches) and returns the messages
// that matter.
func wbRun(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	select {
	case got := <-wbStart(cmd):
		return got
	case <-time.After(10 * time.Second):
		t.Fatal("wbRun: a command did not finish")
	}
	return nil
}

// wbStart runs cmd in the background, batches' commands in parallel.
func wbStart(cmd tea.Cmd) chan []tea.Msg {
	ch := make(chan []tea.Msg, 1)
	if cmd == nil {
		ch <- nil
		return ch
	}
	go func() {
		switch msg := cmd().(type) {
		case nil:
			ch <- nil
		case tea.BatchMsg:
			subs := make([]chan []tea.Msg, len(msg))
			for i, c := range msg {
				subs[i] = wbStart(c)
			}
			var out []tea.Msg
			for _, s := range subs {
				out = append(out, <-s...)
			}
			ch <- out
		case spinner.TickMsg, ui.StatusMsg:
			ch <- nil
		default:
			if strings.Contains(reflect.TypeOf(msg).PkgPath(), "cursor") {
				ch <- nil
				return
			}
			ch <- []tea.Msg{msg}
		}
	}()
	return ch
}

// wbKey is a key press as the terminal sends it.
func wbKey(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func wbKeys(ss ...string) []tea.Msg {
	out := make([]tea.Msg, len(ss))
	for i, s := range ss {
		out[i] = wbKey(s)
	}
	return out
}

// wbTyped is text typed key by key (into a form field).
func wbTyped(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// stripSGR drops styling, leaving what the terminal would show.
func stripSGR(s string) string { return ansi.Strip(s) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
