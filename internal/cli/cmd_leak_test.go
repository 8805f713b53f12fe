package cli

import (
	"bytes"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// TestTokensNeverPrinted drives every account command, successes and
// failures alike, capturing stdout, stderr, slog (at debug) and the log
// package, and checks that no token appears anywhere, nor in the config.
func TestTokensNeverPrinted(t *testing.T) {
	var logs bytes.Buffer
	prevSlog := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(&logs)
	t.Cleanup(func() {
		slog.SetDefault(prevSlog)
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
	})

	jwt := wbJWT(t, time.Now().Add(10*24*time.Hour), 7, 9, 11)
	partial := "partial-token-opens-chat-only"
	wrongWB := "wrong-wb-token-never-to-be-seen"
	wrongYM := "wrong-ym-key-never-to-be-seen"
	envTok := "env-token-override-never-seen"
	secrets := []string{jwt, partial, wrongWB, wrongYM, envTok, sandbox.WBToken, sandbox.YMToken}

	h := newHarness(t, sandbox.Options{WBTokens: map[string][]api.Service{
		jwt: {api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns}, partial: {api.ServiceWBChat}}})
	h.run(runLogin, jwt+"\n", 0, "wb", "--token-stdin")
	h.run(runLogin, partial+"\n", 0, "wb", "--token-stdin", "--profile", "p2")
	h.run(runLogin, wrongWB+"\n", 1, "wb", "--token-stdin", "--profile", "p3")
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")
	h.run(runLogin, wrongYM+"\n", 1, "ym", "--token-stdin")
	h.run(runLogin, "", 2, "wb", "--token="+wrongWB)
	h.run(runLogin, "", 2, "ym", wrongYM)
	env := h.env("")
	env.TTY = true
	env.ReadPassword = func(string) (string, error) { return sandbox.WBToken, nil }
	h.runEnv(runLogin, env, 0, "wb", "--profile", "typed")
	h.run(runStatus, "", 0)
	h.vars[api.EnvWBToken] = envTok
	h.run(runStatus, "", 0)
	delete(h.vars, api.EnvWBToken)
	h.run(runLogout, "", 0, "wb", "--profile", "p2")
	h.run(runStatus, "", 0, "--profile", "p2")

	cfg, err := os.ReadFile(h.vars["SELLERINBOX_CONFIG"])
	if err != nil {
		t.Fatal(err)
	}
	tokenFile, err := os.ReadFile(filepath.Join(h.vars[keys.EnvDataDir], keys.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if h.all.Len() == 0 || !strings.Contains(h.all.String(), "…") {
		t.Fatal("nothing captured: the test would pass vacuously")
	}
	for where, text := range map[string]string{
		"stdout+stderr": h.all.String(), "logs": logs.String(), "config": string(cfg), "token file": string(tokenFile),
	} {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains a token (masked: %s)", where, api.NewSecret(s).Mask())
			}
		}
	}
}
