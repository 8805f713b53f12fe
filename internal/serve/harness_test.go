package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

const waitLong = 60 * time.Second // generous: -race on a loaded machine

// harness is a team server over the demo sandbox on 127.0.0.1:0, with a
// key per agent.
type harness struct {
	t       testing.TB
	srv     *Server
	sess    *app.Session
	keys    map[string]gossh.Signer
	hostKey gossh.PublicKey
	dir     string
}

// agentsConfig is the config's [agents] of the tests.
const agentsConfig = `
[agents.anna]
role = "agent"
lang = "en"

[agents.ivan]
lang = "en"

[agents.oleg]
role = "viewer"
lang = "en"

[agents.lena]
role = "lead"
lang = "ru"
`

func newHarness(t testing.TB, edit func(*Options)) *harness { return newHarnessWith(t, edit, false) }

// newHarnessWith, with synced, syncs the whole sandbox into the store
// before the server starts and polls once an hour: the store then
// changes only by what the test does.
func newHarnessWith(t testing.TB, edit func(*Options), synced bool) *harness {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	conf := agentsConfig
	if synced {
		conf = "poll_interval = \"1h\"\n" + conf
	}
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"SELLERINBOX_CONFIG": cfg, "HOME": dir,
		"XDG_DATA_HOME": filepath.Join(dir, "data"), "XDG_CACHE_HOME": filepath.Join(dir, "cache"),
	}
	ctx := context.Background()
	sess, err := app.Open(ctx, app.Options{Demo: true, Getenv: func(k string) string { return env[k] },
		DataDir: filepath.Join(dir, "data"), LegacyDir: filepath.Join(dir, "legacy")})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, sess: sess, keys: map[string]gossh.Signer{}, dir: dir}
	if synced {
		sy := syncer.NewSyncer(sess.Store(), sess.WB(), sess.YM(), syncer.SyncOptions{})
		for _, p := range store.Panes {
			for more := true; more; {
				res, err := sy.Sync(ctx, p, syncer.Foreground)
				if err != nil {
					t.Fatalf("sync %s: %v", p, err)
				}
				more = res.More
			}
		}
	}
	var authorized bytes.Buffer
	for _, name := range []string{"anna", "ivan", "oleg", "lena"} {
		s := newSigner(t)
		h.keys[name] = s
		authorized.Write(bytes.TrimSpace(gossh.MarshalAuthorizedKey(s.PublicKey())))
		authorized.WriteString(" " + name + "\n")
	}
	keysFile := filepath.Join(dir, "agents")
	if err := os.WriteFile(keysFile, authorized.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	hostPEM, err := HostKey(filepath.Join(dir, "host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	hs, err := gossh.ParsePrivateKey(hostPEM)
	if err != nil {
		t.Fatal(err)
	}
	h.hostKey = hs.PublicKey()
	o := Options{
		Listen: "127.0.0.1:0", AuthorizedKeys: func() ([]byte, error) { return os.ReadFile(keysFile) },
		HostKeyPEM: hostPEM, Session: sess, Lang: i18n.EN,
		SessionsPerMinute: 600, SessionBurst: 100,
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	}
	if edit != nil {
		edit(&o)
	}
	h.srv, err = Start(ctx, o)
	if err != nil {
		sess.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		h.srv.Shutdown(ctx)
		sess.Close()
	})
	return h
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (h *harness) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", h.srv.Addr().String(), &gossh.ClientConfig{
		User: "support", Auth: auth, HostKeyCallback: gossh.FixedHostKey(h.hostKey), Timeout: 10 * time.Second,
	})
}

// term is one agent's SSH session with a PTY.
type term struct {
	t      testing.TB
	h      *harness
	name   string
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser

	mu  sync.Mutex
	out bytes.Buffer
}

func (w *term) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.Write(p)
}

// open signs name in and starts the inbox in a w×ht xterm-256color.
func (h *harness) open(name string, w, ht int) *term {
	h.t.Helper()
	return h.openTerm(name, "xterm-256color", w, ht)
}

// openTerm is open in a terminal of the given TERM.
func (h *harness) openTerm(name, termName string, w, ht int) *term {
	h.t.Helper()
	c, err := h.dial(gossh.PublicKeys(h.keys[name]))
	if err != nil {
		h.t.Fatalf("%s: %v", name, err)
	}
	s, err := c.NewSession()
	if err != nil {
		h.t.Fatal(err)
	}
	tm := &term{t: h.t, h: h, name: name, client: c, sess: s}
	s.Stdout, s.Stderr = tm, tm
	if tm.in, err = s.StdinPipe(); err != nil {
		h.t.Fatal(err)
	}
	if err := s.RequestPty(termName, ht, w, gossh.TerminalModes{}); err != nil {
		h.t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { _ = c.Close() })
	return tm
}

// raw is what the terminal received.
func (tm *term) raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

// output is what the terminal received, without escape sequences.
func (tm *term) output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(tm.out.String())
}

// frame is the agent's last frame on the server, without styles.
func (tm *term) frame() string {
	return ansi.Strip(tm.h.srv.frameOf(tm.name))
}

func (tm *term) keys(ks ...string) {
	tm.t.Helper()
	for _, k := range ks {
		if _, err := io.WriteString(tm.in, k); err != nil {
			tm.t.Fatalf("%s: keys: %v", tm.name, err)
		}
		time.Sleep(80 * time.Millisecond) // one key, one message: esc never merges with the next
	}
}

// waitFrame waits until the agent's frame satisfies ok.
func (tm *term) waitFrame(what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(waitLong)
	for {
		f := tm.frame()
		if ok(f) {
			return f
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: no %s within %s; last frame:\n%s", tm.name, what, waitLong, f)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %s", what, waitLong)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
