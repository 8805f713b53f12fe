package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

func init() {
	// scrypt at age's default costs ~1 s per run, far more under -race.
	fileWorkFactor = 10
}

const testPassphrase = "test pass phrase"

// cmdHarness runs the account commands in-process against a sandbox, with
// the token file and config in a temp dir and the keyring switched off.
type cmdHarness struct {
	t              *testing.T
	dir            string
	vars           map[string]string
	stdout, stderr bytes.Buffer
	// all collects every byte any command wrote, for the leak test.
	all bytes.Buffer
}

func newHarness(t *testing.T, opts sandbox.Options) *cmdHarness {
	t.Helper()
	run, err := sandbox.New(opts).Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// Every check call login sends must match the specs; the answers'
	// conformance is the sandbox's own tests' business.
	v, err := contract.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTripper = v.RoundTripper(http.DefaultTransport.(*http.Transport).Clone())
	t.Cleanup(func() {
		checkRoundTripper = nil
		_ = run.Close()
		for _, vi := range v.Violations() {
			if vi.Side == "request" {
				t.Errorf("contract violation: %s", vi)
			}
		}
	})
	dir := t.TempDir()
	h := &cmdHarness{t: t, dir: dir, vars: map[string]string{}}
	for k, v := range run.Env() {
		h.vars[k] = v
	}
	// The demo tokens would override whatever login stores.
	delete(h.vars, api.EnvWBToken)
	delete(h.vars, api.EnvYMToken)
	delete(h.vars, api.EnvYMCampaign)
	pass := filepath.Join(dir, "passphrase")
	if err := os.WriteFile(pass, []byte(testPassphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.vars[keys.EnvDataDir] = filepath.Join(dir, "data")
	h.vars[keys.EnvPassphraseFile] = pass
	h.vars[keys.EnvKeyring] = "off" // never touch a developer's real keyring
	h.vars[config.EnvConfig] = filepath.Join(dir, "config.toml")
	h.vars["HOME"] = dir
	// The profile's database (and old reply files) are found through the
	// process environment, not Env: keep them out of the real home.
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "share"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	return h
}

func (h *cmdHarness) env(stdin string) Env {
	h.stdout.Reset()
	h.stderr.Reset()
	return Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &tee{&h.stdout, &h.all},
		Stderr: &tee{&h.stderr, &h.all},
		Getenv: func(k string) string { return h.vars[k] },
	}
}

type tee struct{ a, b *bytes.Buffer }

func (t *tee) Write(p []byte) (int, error) {
	t.a.Write(p)
	return t.b.Write(p)
}

type command func(context.Context, []string, Env) int

// run executes a command and checks its exit code.
func (h *cmdHarness) run(cmd command, stdin string, want int, args ...string) {
	h.t.Helper()
	h.runEnv(cmd, h.env(stdin), want, args...)
}

func (h *cmdHarness) runEnv(cmd command, env Env, want int, args ...string) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if got := cmd(ctx, args, env); got != want {
		h.t.Fatalf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, got, want, h.stdout.String(), h.stderr.String())
	}
}

func (h *cmdHarness) config() *config.Config {
	h.t.Helper()
	c, err := config.Load(h.vars[config.EnvConfig])
	if err != nil {
		h.t.Fatal(err)
	}
	return &c
}

// stored reads the token file directly, bypassing the commands.
func (h *cmdHarness) stored(profile string, m api.Marketplace) (api.Secret, error) {
	f := keys.NewFileStore(filepath.Join(h.vars[keys.EnvDataDir], keys.FileName), keys.PassphraseFromFile(h.vars[keys.EnvPassphraseFile]))
	return f.Get(profile, m)
}

func wantContains(t *testing.T, what, got string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(got, s) {
			t.Errorf("%s lacks %q:\n%s", what, s, got)
		}
	}
}

// wbJWT builds a Wildberries-shaped token (the signature is junk: nothing
// verifies it locally, and the sandbox knows it only through WBTokens).
func wbJWT(t *testing.T, exp time.Time, bits ...int) string {
	t.Helper()
	var s int64
	for _, b := range bits {
		s |= 1 << b
	}
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "ES256", "typ": "JWT"}) + "." +
		enc(map[string]any{"exp": exp.Unix(), "s": s, "id": "0a1b2c3d", "sid": "seller-1"}) + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
}

func bufioReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }
