// Package e2e drives the real binary in a real terminal: tmux runs
// `sellerinbox --demo`, send-keys types, capture-pane reads the screen.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

var binary string

func TestMain(m *testing.M) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "e2e: tmux is required in CI (.ci/run installs it)")
			os.Exit(1)
		}
		fmt.Println("e2e: tmux not installed; skipping the real-terminal tests")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "sellerinbox-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "sellerinbox")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build failed:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var sessions atomic.Int32

// term is one tmux server (own socket: tests never touch a user's tmux)
// running the app in a window of a given size.
type term struct {
	t      *testing.T
	socket string
	home   string
}

// start runs the binary with args inside a fresh tmux of w×h cells, with a
// home of its own.
func start(t *testing.T, w, h int, env map[string]string, args ...string) *term {
	t.Helper()
	return startIn(t, t.TempDir(), w, h, env, args...)
}

// startIn is start with a given home: two runs that share one share drafts,
// the outbox, the cache and the config, as two runs by one user would.
func startIn(t *testing.T, home string, w, h int, env map[string]string, args ...string) *term {
	t.Helper()
	return startArgv(t, home, w, h, env, append([]string{binary}, args...))
}

// startArgv runs argv (the app, or a client such as ssh) in the terminal.
func startArgv(t *testing.T, home string, w, h int, env map[string]string, argv []string) *term {
	t.Helper()
	tm := &term{t: t, socket: fmt.Sprintf("si-e2e-%d-%d", os.Getpid(), sessions.Add(1)), home: home}
	vars := map[string]string{
		"HOME": home, "PATH": os.Getenv("PATH"), "TERM": "xterm-256color", "LANG": "en_US.UTF-8",
		"SELLERINBOX_KEYRING": "off", "XDG_CONFIG_HOME": filepath.Join(home, ".config"),
		"XDG_STATE_HOME": filepath.Join(home, ".state"), "XDG_CACHE_HOME": filepath.Join(home, ".cache"),
	}
	for k, v := range env {
		vars[k] = v
	}
	cmd := []string{"env", "-i"}
	for k, v := range vars {
		cmd = append(cmd, k+"="+v)
	}
	cmd = append(cmd, argv...)
	// exec: the pane's process is the app itself (the shell and env both
	// exec), so the pane's pid is the one to signal.
	tm.tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "exec "+shellJoin(cmd))
	tm.tmux("set-option", "-t", "app", "remain-on-exit", "on")
	pid, _ := strconv.Atoi(strings.TrimSpace(tm.tmux("display-message", "-p", "-t", "app", "#{pane_pid}")))
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
		// The app takes the hangup as a dropped session and writes its
		// drafts before it ends; its home (a TempDir) is removed only after
		// it is gone.
		waitGone(pid, 15*time.Second)
	})
	return tm
}

// waitGone waits until process pid has ended (or is a zombie nobody reaps).
func waitGone(pid int, timeout time.Duration) {
	if pid <= 0 {
		return
	}
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return
		}
		// the state follows the parenthesised command name
		if i := strings.LastIndexByte(string(stat), ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
			return
		}
	}
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// screen is the visible text, escapes included when esc is true.
func (tm *term) screen(esc bool) string {
	args := []string{"capture-pane", "-p", "-t", "app"}
	if esc {
		args = append(args, "-e")
	}
	return tm.tmux(args...)
}

// keys types tmux key names ("Enter", "Escape", "C-l") or literal text.
// An Escape is followed by a pause, as a person's would be: ESC with the
// next key right behind it reads as Alt+key in every terminal.
func (tm *term) keys(keys ...string) {
	var batch []string
	flush := func() {
		if len(batch) > 0 {
			tm.tmux(append([]string{"send-keys", "-t", "app"}, batch...)...)
			batch = batch[:0]
		}
	}
	for _, k := range keys {
		batch = append(batch, k)
		if k == "Escape" {
			flush()
			time.Sleep(80 * time.Millisecond)
		}
	}
	flush()
}

// text types s literally.
func (tm *term) text(s string) { tm.tmux("send-keys", "-t", "app", "-l", s) }

// waitFor polls the screen until it contains every want.
func (tm *term) waitFor(timeout time.Duration, want ...string) string {
	tm.t.Helper()
	return tm.waitUntil(timeout, fmt.Sprintf("%q", want), func(s string) bool {
		for _, w := range want {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
}

// waitUntil polls the screen until ok accepts it; what names the awaited
// state in the failure, which carries the last screen.
func (tm *term) waitUntil(timeout time.Duration, what string, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	var s string
	for {
		s = tm.screen(false)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("screen never showed %s within %v:\n%s", what, timeout, s)
	return ""
}

// within reports whether the screen satisfies ok within timeout.
func (tm *term) within(timeout time.Duration, ok func(screen string) bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if ok(tm.screen(false)) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fatalf fails the test with the current screen under the message.
func (tm *term) fatalf(format string, args ...any) {
	tm.t.Helper()
	tm.t.Fatalf(format+"\nscreen:\n%s", append(args, tm.screen(false))...)
}

func (tm *term) resize(w, h int) {
	tm.tmux("resize-window", "-t", "app", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
}

func (tm *term) dead() bool {
	return strings.TrimSpace(tm.tmux("display-message", "-p", "-t", "app", "#{pane_dead}")) == "1"
}

func (tm *term) title() string {
	return strings.TrimSpace(tm.tmux("display-message", "-p", "-t", "app", "#{pane_title}"))
}

// checkLayout fails when a screen line is wider than the window or the
// screen holds invalid text: misalignment from a bad width shows here.
func (tm *term) checkLayout(w int) {
	tm.t.Helper()
	for i, l := range strings.Split(tm.screen(false), "\n") {
		if !utf8.ValidString(l) {
			tm.t.Errorf("line %d is not valid UTF-8: %q", i, l)
		}
		if ansi.StringWidth(l) > w {
			tm.t.Errorf("line %d is %d cells wide in a %d-cell window: %q", i, ansi.StringWidth(l), w, l)
		}
	}
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// waitQuit presses q and waits for the process to exit. With a draft
// left unsent q asks first (the README's "Keys"): y answers it.
func (tm *term) waitQuit() {
	tm.t.Helper()
	tm.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	answered := false
	for time.Now().Before(deadline) {
		if tm.dead() {
			return
		}
		if s := tm.screen(false); !answered && quitAsked(s) {
			tm.keys("y")
			answered = true
		}
		time.Sleep(100 * time.Millisecond)
	}
	tm.t.Fatalf("q did not quit:\n%s", tm.screen(false))
}

// quitAsked: the footer asks whether to quit with work unsent.
func quitAsked(screen string) bool {
	for _, l := range []i18n.Lang{i18n.EN, i18n.RU} {
		if strings.Contains(helpLine(screen), i18n.New(l).Get("quit.ask")) {
			return true
		}
	}
	return false
}
