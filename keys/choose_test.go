package keys

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

func TestChooseBackend(t *testing.T) {
	dir := t.TempDir()
	healthy := newFakeKeyring()
	broken := newFakeKeyring()
	broken.err = errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	hung := newFakeKeyring()
	hung.hang = make(chan struct{})
	t.Cleanup(func() { close(hung.hang) })

	cases := []struct {
		name       string
		env        map[string]string
		bus        bool
		kr         *fakeKeyring
		want       string
		reasonHas  []string
		probeCalls bool
	}{
		{"no bus at all", map[string]string{}, false, healthy, NameFile,
			[]string{"no D-Bus session bus", "encrypted file at " + filepath.Join(dir, FileName)}, false},
		{"bus socket without variable", map[string]string{}, true, healthy, NameKeyring, []string{"system keyring"}, true},
		{"bus variable", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, false, healthy, NameKeyring, []string{"system keyring"}, true},
		{"bus without secret service", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, false, broken, NameFile,
			[]string{"keyring is unusable", "no Secret Service", "encrypted file"}, true},
		{"hung secret service", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, false, hung, NameFile,
			[]string{"did not answer", "encrypted file"}, true},
		{"keyring switched off", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x", EnvKeyring: "off"}, true, healthy, NameFile,
			[]string{EnvKeyring, "encrypted file"}, false},
		{"env overrides", map[string]string{api.EnvWBToken: "wb-env-token-1234"}, false, healthy, NameFile,
			[]string{"the environment overrides stored tokens (" + api.EnvWBToken + ")", "no D-Bus"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.env[EnvDataDir] = dir
			before := callsOf(c.kr)
			s, reason, err := Choose(Options{
				Getenv:         mapEnv(c.env),
				Keyring:        c.kr,
				KeyringTimeout: 100 * time.Millisecond,
				BusExists:      func() bool { return c.bus },
			})
			if err != nil {
				t.Fatal(err)
			}
			if s.Name() != c.want {
				t.Errorf("store = %s, want %s (reason %q)", s.Name(), c.want, reason)
			}
			for _, h := range c.reasonHas {
				if !strings.Contains(reason.String(), h) {
					t.Errorf("reason %q lacks %q", reason, h)
				}
			}
			if probed := callsOf(c.kr) > before; probed != c.probeCalls {
				t.Errorf("keyring probed = %v, want %v", probed, c.probeCalls)
			}
		})
	}
}

func callsOf(f *fakeKeyring) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func TestLayeredPrecedence(t *testing.T) {
	env := map[string]string{api.EnvWBToken: " wb-from-env-9999 "}
	base := NewKeyringStore(newFakeKeyring(), 0)
	l := &Layered{Env: NewEnvStore(mapEnv(env)), Base: base}

	mustSet(t, l, "shop", api.Wildberries, api.NewSecret("wb-stored-0000"))
	mustSet(t, l, "shop", api.YandexMarket, api.NewSecret("ym-stored-1111"))

	cases := []struct {
		m          api.Marketplace
		want, from string
	}{
		{api.Wildberries, "wb-from-env-9999", NameEnv}, // env wins over the stored token
		{api.YandexMarket, "ym-stored-1111", NameKeyring},
	}
	for _, c := range cases {
		wantGet(t, l, "shop", c.m, api.NewSecret(c.want))
		if from, err := Where(l, "shop", c.m); err != nil || from != c.from {
			t.Errorf("Where(%s) = %q, %v; want %q", c.m, from, err, c.from)
		}
	}
	wantGet(t, base, "shop", api.Wildberries, api.NewSecret("wb-stored-0000")) // writes went to the base
	if !l.Overridden(api.Wildberries) || l.Overridden(api.YandexMarket) {
		t.Error("Overridden is wrong")
	}
	if l.Name() != NameKeyring {
		t.Errorf("Name = %s, want the writable backend's", l.Name())
	}

	// Deleting removes the stored token; the environment still answers.
	if err := l.Delete("shop", api.Wildberries); err != nil {
		t.Fatal(err)
	}
	wantGet(t, l, "shop", api.Wildberries, api.NewSecret("wb-from-env-9999"))
	if _, err := base.Get("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
		t.Fatalf("stored token survived Delete: %v", err)
	}
	if _, err := Where(l, "nobody", api.YandexMarket); !errors.Is(err, ErrNotFound) {
		t.Errorf("Where on a missing token: %v", err)
	}
	if err := NewEnvStore(mapEnv(env)).Set("shop", api.Wildberries, api.NewSecret("x-123456789")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("EnvStore.Set: %v, want ErrReadOnly", err)
	}
}

// TestHeadlessFallbackEndToEnd is what a server without a desktop sees:
// Choose picks the file, the passphrase comes from a file, a wrong one is
// refused clearly, and the file is private.
func TestHeadlessFallbackEndToEnd(t *testing.T) {
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass")
	if err := os.WriteFile(pass, []byte("headless pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvDataDir: filepath.Join(dir, "data"), EnvPassphraseFile: pass}
	opts := Options{Getenv: mapEnv(env), BusExists: func() bool { return false }, WorkFactor: testWorkFactor,
		Keyring: newFakeKeyring()}
	s, reason, err := Choose(opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != NameFile || !strings.HasPrefix(reason.String(), "no D-Bus session bus: tokens are kept in an encrypted file at ") {
		t.Fatalf("got %s, %q", s.Name(), reason)
	}
	mustSet(t, s, "default", api.Wildberries, api.NewSecret("wb-headless-token-42"))
	st, err := os.Stat(filepath.Join(dir, "data", FileName))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %v, mode %v", err, st)
	}

	if err := os.WriteFile(pass, []byte("not it\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s2, _, err := Choose(opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s2.Get("default", api.Wildberries)
	if !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "wrong passphrase") {
		t.Fatalf("wrong passphrase: err = %v", err)
	}
}

func TestChooseWithoutPassphraseSourceExplains(t *testing.T) {
	env := map[string]string{EnvDataDir: t.TempDir()}
	s, _, err := Choose(Options{Getenv: mapEnv(env), BusExists: func() bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Set("default", api.Wildberries, api.NewSecret("wb-token-0000000"))
	if err == nil || !strings.Contains(err.Error(), EnvPassphraseFile) {
		t.Fatalf("err = %v, want it to point at %s", err, EnvPassphraseFile)
	}
}
