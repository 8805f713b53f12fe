package cli

import (
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// login wb says which token types exist, that basic tokens are slow and
// that WB recommends a personal token for software like this.
func TestLoginWBExplainsTokenTypes(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.run(runLogin, sandbox.WBToken+"\n", 0, "wb", "--token-stdin")
	out := h.stdout.String()
	wantContains(t, "login wb", out, "four types of API token", "personal", "service", "basic", "test",
		"WB recommends this type", "5 requests per hour", "sellerinbox status")
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000")
	if strings.Contains(h.stdout.String(), "types of API token") {
		t.Error("login ym explains WB token types")
	}
}
