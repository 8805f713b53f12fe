package keys

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/zalando/go-keyring"
)

// TestKeyringSecretServiceIntegration talks to a real Secret Service. CI runs
// it as
//
//	SELLERINBOX_KEYRING_IT=1 dbus-run-session -- ../shared/ci/with-secret-service.sh go test -run Keyring ./keys/
func TestKeyringSecretServiceIntegration(t *testing.T) {
	if os.Getenv("SELLERINBOX_KEYRING_IT") != "1" {
		t.Skip("real Secret Service test: set SELLERINBOX_KEYRING_IT=1 and run inside " +
			"`dbus-run-session -- ../shared/ci/with-secret-service.sh` (needs dbus-x11, gnome-keyring, libsecret-tools)")
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("SELLERINBOX_KEYRING_IT=1 but DBUS_SESSION_BUS_ADDRESS is unset: run under dbus-run-session")
	}
	// Choose must pick the keyring by itself once a secret service answers.
	s, reason, err := Choose(Options{Getenv: func(k string) string {
		switch k {
		case api.EnvWBToken, api.EnvYMToken, EnvKeyring:
			return ""
		case EnvDataDir:
			return t.TempDir()
		}
		return os.Getenv(k)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != NameKeyring {
		t.Fatalf("Choose picked %s: %s", s.Name(), reason)
	}
	profile := fmt.Sprintf("it-%d", time.Now().UnixNano())
	user := profile + "/wb"
	t.Cleanup(func() { _ = keyring.Delete(KeyringService, user) })

	first, second := api.NewSecret("it-token-first-0001"), api.NewSecret("it-token-second-0002")
	mustSet(t, s, profile, api.Wildberries, first)
	wantGet(t, s, profile, api.Wildberries, first)
	if got := lookupByAttributes(t, user); got != first.Reveal() {
		t.Fatalf("item found by attributes holds %d bytes, not the stored token", len(got))
	}

	mustSet(t, s, profile, api.Wildberries, second) // overwrite in place
	wantGet(t, s, profile, api.Wildberries, second)
	if got := lookupByAttributes(t, user); got != second.Reveal() {
		t.Fatal("overwrite did not replace the item found by attributes")
	}

	if err := s.Delete(profile, api.Wildberries); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(profile, api.Wildberries); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if got := lookupByAttributes(t, user); got != "" {
		t.Fatal("item still findable by attributes after Delete")
	}

	// Tokens per category: one item per token, the first where earlier
	// versions kept the only one.
	t.Cleanup(func() {
		_ = keyring.Delete(KeyringService, user+"#2")
		_ = keyring.Delete(KeyringService, user+"#3")
	})
	three := []api.Secret{first, second, api.NewSecret("it-token-third-0003")}
	if err := s.SetWB(profile, three); err != nil {
		t.Fatal(err)
	}
	wantWB(t, s, profile, three)
	for i, u := range []string{user, user + "#2", user + "#3"} {
		if got := lookupByAttributes(t, u); got != three[i].Reveal() {
			t.Fatalf("item %s found by attributes does not hold token %d", u, i+1)
		}
	}
	if err := s.Delete(profile, api.Wildberries); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetWB(profile); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetWB after Delete: %v", err)
	}
}

// lookupByAttributes reads the item the way other tools would: secret-tool
// when installed, else go-keyring directly (bypassing our store).
func lookupByAttributes(t *testing.T, user string) string {
	t.Helper()
	if path, err := exec.LookPath("secret-tool"); err == nil {
		out, err := exec.Command(path, "lookup", "service", KeyringService, "username", user).Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) && len(out) == 0 {
				return "" // secret-tool exits 1 when nothing matches
			}
			t.Fatalf("secret-tool lookup: %v", err)
		}
		return strings.TrimSuffix(string(out), "\n")
	}
	v, err := keyring.Get(KeyringService, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return ""
	}
	if err != nil {
		t.Fatalf("go-keyring Get: %v", err)
	}
	return v
}
