package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestStatus(t *testing.T) {
	soon := wbJWT(t, time.Now().Add(5*24*time.Hour), 7, 9)
	h := newHarness(t, sandbox.Options{WBTokens: map[string][]api.Service{soon: {api.ServiceWBFeedbacks, api.ServiceWBChat}}})

	h.run(runStatus, "", 0)
	wantContains(t, "status before login", h.stdout.String(), `Profile "default" (default)`, "Wildberries:   not logged in", "Yandex Market: not logged in")

	h.run(runLogin, soon+"\n", 0, "wb", "--token-stdin")
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")
	h.run(runLogin, sandbox.WBToken+"\n", 0, "wb", "--token-stdin", "--profile", "second")
	h.run(runStatus, "", 0)
	out := h.stdout.String()
	file := "the encrypted file " + filepath.Join(h.vars[keys.EnvDataDir], keys.FileName)
	wantContains(t, "status", out,
		"Config:        "+h.vars["SELLERINBOX_CONFIG"],
		`Profile "default" (default)`,
		"Wildberries:   "+api.NewSecret(soon).Mask()+" in "+file,
		"categories:  Questions and feedbacks, Buyer chat",
		"read-only:   no",
		"WARNING: expires in 4 days",
		"working: Questions and feedbacks, Buyer chat",
		"Yandex Market: …oken in "+file,
		"campaigns:   1000",
		"[default]",
		`Profile "second"`,
		"not a JWT",
	)
	if strings.Count(out, "last check:") != 3 {
		t.Errorf("want three last-check lines:\n%s", out)
	}

	h.run(runStatus, "", 0, "--profile", "second")
	if strings.Contains(h.stdout.String(), `Profile "default"`) {
		t.Errorf("--profile second shows other profiles:\n%s", h.stdout.String())
	}
}

func TestStatusEnvironmentOverride(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, sandbox.WBToken+"\n", 0, "wb", "--token-stdin")
	h.vars[api.EnvWBToken] = "env-token-override-5678"
	h.run(runStatus, "", 0)
	wantContains(t, "status", h.stdout.String(),
		"the environment overrides stored tokens (SELLERINBOX_WB_TOKEN)",
		"Wildberries:   …5678 in SELLERINBOX_WB_TOKEN in the environment")

	h.run(runLogin, sandbox.WBToken+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "login", h.stdout.String(), "Note: SELLERINBOX_WB_TOKEN is set in the environment and overrides the stored token")
}

// TestStatusLockedStore: a wrong passphrase is reported per token and the
// facts recorded at login are still shown.
func TestStatusLockedStore(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")
	if err := os.WriteFile(h.vars[keys.EnvPassphraseFile], []byte("not the passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.run(runStatus, "", 0)
	wantContains(t, "status", h.stdout.String(), "Yandex Market: cannot be read: wrong passphrase for the token file", "campaigns:   1000")

	delete(h.vars, keys.EnvPassphraseFile) // and no terminal to ask on
	h.run(runStatus, "", 0)
	wantContains(t, "status", h.stdout.String(), "cannot be read: token file passphrase: stdin is not a terminal", keys.EnvPassphraseFile)
}

func TestStatusRejectsBadConfig(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	if err := os.WriteFile(h.vars["SELLERINBOX_CONFIG"], []byte("theme = \"neon\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.run(runStatus, "", 1)
	wantContains(t, "stderr", h.stderr.String(), "config.toml:1: theme:")
}
