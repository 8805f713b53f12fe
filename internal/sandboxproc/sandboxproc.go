// Package sandboxproc runs `sellerinbox sandbox` as a process of its own
// for the tests and benchmarks of the built binary (e2e/, bench/): the app
// under test then talks to the sandbox over loopback exactly as it talks
// to the marketplaces.
package sandboxproc

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Start runs `bin sandbox --addr 127.0.0.1:0 args…` and returns the
// environment it prints for the app (the services' URLs and tokens);
// Cleanup stops it. It fails tb when no environment comes within wait.
func Start(tb testing.TB, bin string, wait time.Duration, args ...string) map[string]string {
	tb.Helper()
	cmd := exec.Command(bin, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatalf("sandbox stdout: %v", err)
	}
	cmd.Stderr = os.Stderr // empty unless it fails
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start the sandbox: %v", err)
	}
	done := make(chan struct{})
	tb.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	type result struct {
		env map[string]string
		err error
	}
	parsed := make(chan result, 1)
	go func() {
		env, err := ReadEnv(out)
		parsed <- result{env, err}
		_, _ = io.Copy(io.Discard, out) // keep the pipe drained until exit
		_ = cmd.Wait()
		close(done)
	}()
	select {
	case r := <-parsed:
		if r.err != nil {
			tb.Fatalf("sandbox output: %v", r.err)
		}
		return r.env
	case <-time.After(wait):
		tb.Fatalf("the sandbox printed no environment within %v", wait)
	}
	return nil
}

// ReadEnv reads the "  export NAME=value" lines up to the line that says
// how to stop the sandbox, and checks that every variable the app needs
// is there and that the services are on loopback.
func ReadEnv(r io.Reader) (map[string]string, error) {
	env := map[string]string{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "export "); ok {
			if k, v, ok := strings.Cut(rest, "="); ok {
				env[k] = v
			}
			continue
		}
		if strings.HasPrefix(line, "Ctrl+C") {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, k := range []string{"SELLERINBOX_YM_URL", "SELLERINBOX_WB_FEEDBACKS_URL", "SELLERINBOX_WB_CHAT_URL",
		"SELLERINBOX_WB_RETURNS_URL", "SELLERINBOX_WB_TOKEN", "SELLERINBOX_YM_TOKEN", "SELLERINBOX_YM_CAMPAIGN"} {
		if env[k] == "" {
			return nil, fmt.Errorf("no %s in what the sandbox printed", k) // not the tokens it printed
		}
	}
	if u := env["SELLERINBOX_YM_URL"]; !strings.HasPrefix(u, "http://127.0.0.1:") {
		return nil, fmt.Errorf("the sandbox is not on loopback: %s", u)
	}
	return env, nil
}
