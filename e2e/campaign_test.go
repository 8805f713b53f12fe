package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
)

// TestSwitchCampaignOfALoggedInProfile: a profile logged in with
// `login ym --campaign all` against a sandbox process (no --demo, tokens
// in the profile's encrypted file, not the environment) opens on its
// first shop; P lists both shops with API access, and choosing the
// second shows its returns on the Returns tab the user was on.
func TestSwitchCampaignOfALoggedInProfile(t *testing.T) {
	t.Parallel()
	sb := sandboxEnv(t)
	home := t.TempDir()
	pass := filepath.Join(home, "passphrase")
	if err := os.WriteFile(pass, []byte("e2e campaign passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The app and login see the sandbox's addresses only: the tokens are
	// what login stores.
	env := map[string]string{"SELLERINBOX_PASSPHRASE_FILE": pass}
	for k, v := range sb {
		if k != api.EnvYMToken && k != api.EnvWBToken && k != api.EnvYMCampaign {
			env[k] = v
		}
	}
	vars := []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "SELLERINBOX_KEYRING=off",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_STATE_HOME=" + filepath.Join(home, ".state"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache")}
	for k, v := range env {
		vars = append(vars, k+"="+v)
	}
	login := func(args ...string) {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"login"}, args...)...)
		cmd.Env = vars
		token := sb[api.EnvYMToken]
		if args[0] == "wb" {
			token = sb[api.EnvWBToken]
		}
		cmd.Stdin = strings.NewReader(token + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("login %s: %v\n%s", args[0], err, out)
		}
	}
	login("ym", "--token-stdin", "--campaign", "all", "--profile", "shops")
	login("wb", "--token-stdin", "--profile", "shops")

	tm := startIn(t, home, 120, 40, env, "--profile", "shops", "--lang", "en")
	tm.waitFor(startTimeout, "1 Returns")
	tm.keys("1")
	tm.waitUntil(stepTimeout, "the first shop's returns", func(s string) bool {
		return firstShopReturn.MatchString(s) && !secondShopReturn.MatchString(s)
	})
	tm.keys("P")
	s := tm.waitFor(stepTimeout, "Switch profile or campaign", "‹ 1000 · ")
	if strings.Contains(s, "‹ shops ›") {
		t.Fatalf("one profile, yet a profile field:\n%s", s)
	}
	tm.keys("Right")
	tm.waitFor(stepTimeout, "‹ 1003 · ")
	tm.keys("Enter")
	s = tm.waitUntil(stepTimeout, "the second shop's returns", func(s string) bool {
		return secondShopReturn.MatchString(s) && strings.Contains(s, "campaign 1003")
	})
	if firstShopReturn.MatchString(s) || !strings.Contains(s, "profile shops") {
		t.Fatalf("not the second shop of profile shops:\n%s", s)
	}
	tm.waitQuit()
}
