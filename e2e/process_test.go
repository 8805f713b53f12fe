package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/internal/sandboxproc"
)

// pid is the process the pane runs. start execs through the shell and
// env, so it must be the app itself; pid fails the test when it is not.
func (tm *term) pid() int {
	tm.t.Helper()
	out := strings.TrimSpace(tm.tmux("list-panes", "-t", "app", "-F", "#{pane_pid}"))
	pid, err := strconv.Atoi(out)
	if err != nil || pid <= 0 {
		tm.t.Fatalf("tmux list-panes gave pid %q", out)
	}
	if exe, ok := runsApp(pid); !ok {
		tm.t.Fatalf("pid %d runs %q, not the app (%s): a signal would miss the app", pid, exe, binary)
	}
	return pid
}

// runsApp reports whether pid runs the built binary: by file identity
// where /proc exists, by name (ps) elsewhere.
func runsApp(pid int) (exe string, ok bool) {
	if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil {
		a, errA := os.Stat(exe)
		b, errB := os.Stat(binary)
		return exe, errA == nil && errB == nil && os.SameFile(a, b)
	}
	out, err := exec.Command("ps", "-o", "comm=", "-p", strconv.Itoa(pid)).Output()
	exe = strings.TrimSpace(string(out))
	return exe, err == nil && filepath.Base(exe) == filepath.Base(binary)
}

// kill9 sends SIGKILL to the app, as a crash or `kill -9` would: nothing
// runs after it, no deferred save, no terminal restore.
func (tm *term) kill9() {
	tm.t.Helper()
	pid := tm.pid()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		tm.t.Fatalf("kill -9 %d: %v", pid, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !tm.dead() || !gone(pid) {
		if time.Now().After(deadline) {
			tm.fatalf("pid %d still runs 5s after kill -9 (pane dead: %v)", pid, tm.dead())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// gone reports whether pid no longer runs: it does not exist, or it is a
// zombie (tmux 3.3 now and then leaves a dead pane's process unreaped).
func gone(pid int) bool {
	if errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
		return true
	}
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		// "pid (comm) S ...": the state follows the last ')'
		i := strings.LastIndexByte(string(stat), ')')
		return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
	}
	out, err := exec.Command("ps", "-o", "stat=", "-p", strconv.Itoa(pid)).Output()
	return err != nil || strings.HasPrefix(strings.TrimSpace(string(out)), "Z")
}

// sandboxEnv runs `sellerinbox sandbox` on a free loopback port and returns
// the environment it prints for the app; Cleanup stops it.
func sandboxEnv(t *testing.T) map[string]string {
	t.Helper()
	return sandboxproc.Start(t, binary, 15*time.Second)
}
