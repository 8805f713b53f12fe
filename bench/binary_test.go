// Package bench measures the built binary as a user runs it: in a
// pseudo-terminal, with a profile's store of 100k items per pane and a
// sandbox on loopback. Only benchmarks live here, so `make test` compiles
// the package and runs nothing; `make bench` (or -bench BinaryFirstRows /
// BinaryRSS) builds the binary once per run.
package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	// scratch holds the binary and the seeded database; TestMain removes it.
	scratch string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if scratch != "" {
		os.RemoveAll(scratch)
	}
	os.Exit(code)
}

// scratchDir is the run's temporary directory, made on first use.
func scratchDir(b *testing.B) string {
	b.Helper()
	if scratch == "" {
		dir, err := os.MkdirTemp("", "sellerinbox-bench-")
		if err != nil {
			b.Fatal(err)
		}
		scratch = dir
	}
	return scratch
}

// builtBinary builds the binary once per run, as e2e does (`go build` of
// the repository root), only when a benchmark needs it.
func builtBinary(b *testing.B) string {
	b.Helper()
	dir := scratchDir(b)
	buildOnce.Do(func() {
		binary = filepath.Join(dir, "sellerinbox")
		out, err := exec.Command("go", "build", "-o", binary, "..").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	return binary
}

// needPTY skips when the system has no pseudo-terminals.
func needPTY(b *testing.B) {
	b.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		b.Skipf("no pseudo-terminal available (%v): the binary benchmarks need one", err)
	}
	ptmx.Close()
	tty.Close()
}

// profileEnv is the environment of a user whose home is home: config,
// data and state under it, tokens and URLs from sandbox, no keyring.
func profileEnv(home string, sandbox map[string]string) []string {
	env := []string{
		"HOME=" + home, "TERM=xterm-256color", "LANG=en_US.UTF-8", "SELLERINBOX_KEYRING=off",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".state"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
	}
	for k, v := range sandbox {
		env = append(env, k+"="+v)
	}
	return env
}

// profileDB is where the binary looks for the default profile's database
// in home (store.DefaultPath under XDG_DATA_HOME).
func profileDB(home string) string {
	return filepath.Join(home, ".local", "share", "sellerinbox", "default.db")
}

// proc is one run of the binary's TUI in a 120×40 pseudo-terminal.
type proc struct {
	cmd   *exec.Cmd
	ptmx  *os.File
	began time.Time
	// seen is closed at the first output that contains the marker; at is
	// when that output was read.
	seen chan struct{}
	at   time.Time
	// exited is closed when the process has been reaped; err is Wait's.
	exited chan struct{}
	err    error

	mu  sync.Mutex
	out bytes.Buffer // everything written, up to the marker
}

// startApp execs bin with env and args in a pseudo-terminal and reads its
// output until marker shows (escape sequences stripped), then drains it so
// the app never blocks on a full terminal.
func startApp(b *testing.B, bin string, env []string, marker string, args ...string) *proc {
	b.Helper()
	a := &proc{cmd: exec.Command(bin, args...), seen: make(chan struct{}), exited: make(chan struct{})}
	a.cmd.Env = env
	a.began = time.Now()
	ptmx, err := pty.StartWithSize(a.cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		b.Skipf("cannot run the binary in a pseudo-terminal: %v", err)
	}
	a.ptmx = ptmx
	go func() {
		buf := make([]byte, 64<<10)
		found := marker == ""
		for {
			n, err := ptmx.Read(buf)
			if n > 0 && !found {
				a.mu.Lock()
				a.out.Write(buf[:n])
				// The whole stream is stripped each time: a marker or an
				// escape sequence may be split between two reads.
				if strings.Contains(ansi.Strip(a.out.String()), marker) {
					a.at, found = time.Now(), true
					close(a.seen)
				}
				a.mu.Unlock()
			}
			if err != nil {
				return // EIO once the app has exited and closed the terminal
			}
		}
	}()
	go func() {
		a.err = a.cmd.Wait()
		close(a.exited)
	}()
	return a
}

// firstSeen waits for the marker and returns exec → the output showing it.
func (a *proc) firstSeen(b *testing.B, timeout time.Duration) time.Duration {
	b.Helper()
	select {
	case <-a.seen:
		return a.at.Sub(a.began)
	case <-a.exited:
		b.Fatalf("the app exited (%v) before showing a row:\n%s", a.err, a.screenText())
	case <-time.After(timeout):
		b.Fatalf("no row within %v; the output so far:\n%s", timeout, a.screenText())
	}
	return 0
}

func (a *proc) screenText() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := ansi.Strip(a.out.String())
	if len(s) > 4000 {
		s = s[len(s)-4000:]
	}
	return s
}

// quit types q, as a user leaves; SIGTERM if the app is still there after
// 10 s (a quit question), SIGKILL 10 s later. The app must exit cleanly.
func (a *proc) quit(b *testing.B) {
	b.Helper()
	_, _ = a.ptmx.Write([]byte("q"))
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		select {
		case <-a.exited:
			a.ptmx.Close()
			if a.err != nil {
				b.Fatalf("the app exited with %v", a.err)
			}
			return
		case <-time.After(10 * time.Second):
			b.Logf("the app did not exit within 10 s; sending %v", sig)
			_ = a.cmd.Process.Signal(sig)
		}
	}
	<-a.exited
	a.ptmx.Close()
	b.Fatalf("the app had to be killed: %v", a.err)
}

// procStatusMB reads fields (VmRSS, VmHWM) of /proc/pid/status in MB.
func procStatusMB(pid int, fields ...string) (map[string]float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(data), "\n") {
		for _, f := range fields {
			if rest, ok := strings.CutPrefix(line, f+":"); ok {
				kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
				if err != nil {
					return nil, fmt.Errorf("%s: %v", line, err)
				}
				out[f] = kb / 1024
			}
		}
	}
	for _, f := range fields {
		if _, ok := out[f]; !ok {
			return nil, errors.New("no " + f + " in /proc/" + strconv.Itoa(pid) + "/status")
		}
	}
	return out, nil
}
