package cli

import (
	"errors"
	"reflect"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestLogout(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, sandbox.WBToken+"\n", 0, "wb", "--token-stdin")
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")

	h.run(runLogout, "", 0, "wb")
	wantContains(t, "stdout", h.stdout.String(), `Removed every Wildberries token of profile "default" from the encrypted file`)
	if _, err := h.stored("default", api.Wildberries); !errors.Is(err, keys.ErrNotFound) {
		t.Fatalf("token still stored: %v", err)
	}
	if tok, err := h.stored("default", api.YandexMarket); err != nil || tok.Reveal() != sandbox.YMToken {
		t.Fatalf("logout wb touched the ym token: %v", err)
	}
	p, _ := h.config().Profile("default")
	if p.WB || p.WBCheck != nil || p.WBTokens != nil || p.YMCheck == nil {
		t.Fatalf("profile after logout wb: %+v", p)
	}

	h.run(runLogout, "", 0, "wb") // idempotent
	wantContains(t, "stdout", h.stdout.String(), `No Wildberries token was stored for profile "default"`)

	h.run(runLogout, "", 0, "ym", "--profile", "default")
	p, _ = h.config().Profile("default")
	if p.YMCheck != nil || !reflect.DeepEqual(p.YMCampaigns, []int64{1000}) {
		t.Fatalf("profile after logout ym: %+v (the campaign choice is kept)", p)
	}
	h.run(runStatus, "", 0)
	wantContains(t, "status", h.stdout.String(), "Wildberries:   not logged in", "Yandex Market: not logged in")

	h.run(runLogout, "", 2)
	wantContains(t, "stderr", h.stderr.String(), "say which marketplace")
	h.run(runLogout, "", 1, "wb", "--profile", "a/b")
	wantContains(t, "stderr", h.stderr.String(), "contains '/'")
}

func TestLogoutWarnsAboutEnvironment(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.vars[api.EnvYMToken] = "env-ym-token-0000"
	h.run(runLogout, "", 0, "ym")
	wantContains(t, "stdout", h.stdout.String(), "SELLERINBOX_YM_TOKEN is still set in the environment")
}
