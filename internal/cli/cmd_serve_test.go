package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/serve"
)

// syncBuffer is a buffer the server's log goroutines write while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `sellerinbox serve --demo` with the default files: the host key appears
// next to the config with mode 0600, an agent of the agents file signs in
// and gets a session, and the end of ctx (SIGTERM) stops it with exit 0.
func TestServeDemo(t *testing.T) {
	dir := t.TempDir()
	cfgDir := filepath.Join(dir, "cfg")
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " anna\n"
	if err := os.WriteFile(filepath.Join(cfgDir, "agents"), []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	serveDemoSession(t, dir, func(string) gossh.Signer { return signer })
}

// Without an agents file and without keys in ~/.ssh (a fresh container,
// where `make serve-demo` is first tried), serve --demo makes a key of its
// own, mode 0600, says how to connect with it, and admits it.
func TestServeDemoWithoutSSHKeys(t *testing.T) {
	dir := t.TempDir()
	serveDemoSession(t, dir, func(log string) gossh.Signer {
		keyPath := filepath.Join(dir, "cfg", "demo_agent_ed25519")
		if !strings.Contains(log, "ssh -i "+keyPath+" -p 0 localhost") {
			t.Errorf("the log does not say how to connect: %s", log)
		}
		fi, err := os.Stat(keyPath)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("the demo key: %v %v", fi, err)
		}
		pem, err := os.ReadFile(keyPath)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := gossh.ParsePrivateKey(pem)
		if err != nil {
			t.Fatal(err)
		}
		return signer
	})
}

// serveDemoSession runs serve --demo with the config in dir/cfg, signs in
// with the key signer gives (from what serve logged so far), opens a
// session and stops the server.
func serveDemoSession(t *testing.T, dir string, signer func(log string) gossh.Signer) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "share"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	cfgDir := filepath.Join(dir, "cfg")
	vars := map[string]string{config.EnvConfig: filepath.Join(cfgDir, "config.toml"), "HOME": dir}
	var stderr syncBuffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &stderr, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- runServe(ctx, []string{"--demo", "--listen", "127.0.0.1:0"}, env) }()
	addr := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	var m []string
	for deadline := time.Now().Add(60 * time.Second); m == nil; m = addr.FindStringSubmatch(stderr.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("no address logged: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	fi, err := os.Stat(filepath.Join(cfgDir, "host_ed25519"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v %v", fi, err)
	}
	c, err := gossh.Dial("tcp", m[1], &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer(stderr.String()))},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm", 30, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(stderr.String(), "session start"); {
		if time.Now().After(deadline) {
			t.Fatalf("no session: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case got := <-code:
		if got != 0 {
			t.Fatalf("exit %d: %s", got, stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not stop")
	}
	_ = c.Close()
	if !strings.Contains(stderr.String(), "session end") {
		t.Errorf("the session was not ended: %s", stderr.String())
	}
}

// Without an agents file (and without --demo) serve refuses to start and
// says where the file goes.
func TestServeNeedsAgents(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{config.EnvConfig: filepath.Join(dir, "config.toml"), "HOME": dir}
	var out, errb bytes.Buffer
	code := runServe(context.Background(), nil, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return vars[k] }})
	if code != 1 || !strings.Contains(errb.String(), filepath.Join(dir, "agents")) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if err := os.WriteFile(filepath.Join(dir, "agents"), []byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHb0rQ8c1b9JpO3z0K2J6b8r2nY3i0V2w2t1y9QW4Qx1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	code = runServe(context.Background(), nil, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return vars[k] }})
	if code != 1 || !strings.Contains(errb.String(), "no comment") {
		t.Fatalf("a key without a name: exit %d: %s", code, errb.String())
	}
}

// serve's help lists its flags, completion knows the command and its
// flags, and the flags' defaults are the server's own.
func TestServeHelpAndCompletion(t *testing.T) {
	code, out, errs := runArgs(t, "serve", "--help")
	if code != 0 || errs != "" || !strings.Contains(out, "authorized-keys") {
		t.Fatalf("exit %d: %q %q", code, out, errs)
	}
	_, script, _ := runArgs(t, "completion", "bash")
	for _, w := range []string{"serve", "--authorized-keys", "--host-key", "--idle-timeout", "--max-sessions", "--sessions-per-minute"} {
		if !strings.Contains(script, w) {
			t.Errorf("%s is not completed", w)
		}
	}
	if _, out, _ := runArgs(t, "--help"); !strings.Contains(out, "serve") {
		t.Error("the usage lacks serve")
	}
	var cl commandLine
	k := newParser(&cl, io.Discard, io.Discard)
	if _, err := k.Parse([]string{"serve"}); err != nil {
		t.Fatal(err)
	}
	if cl.Serve.IdleTimeout != serve.DefaultIdleTimeout || cl.Serve.MaxSessions != serve.DefaultMaxSessions ||
		cl.Serve.SessionsPerMinute != serve.DefaultSessionsPerMinute {
		t.Errorf("serve's defaults %+v differ from the server's", cl.Serve)
	}
}
