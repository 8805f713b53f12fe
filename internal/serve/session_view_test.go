package serve

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

// Each session's colours follow its own client's TERM: a 256-colour
// terminal gets 256-colour sequences, a 16-colour one none of them, at
// the same time on one server.
func TestColourProfilePerSession(t *testing.T) {
	h := newHarness(t, nil)
	rich := h.openTerm("anna", "xterm-256color", 120, 30)
	plain := h.openTerm("ivan", "xterm", 120, 30)
	rich.waitFrame("the tab bar", tabsShown)
	plain.waitFrame("the tab bar", tabsShown)
	waitFor(t, "the tabs in both terminals", func() bool { return tabsShown(rich.output()) && tabsShown(plain.output()) })
	c256 := regexp.MustCompile(`\x1b\[[0-9;]*[34]8;5;`)
	if !c256.MatchString(rich.raw()) {
		t.Error("no 256-colour sequence in the xterm-256color session")
	}
	if c256.MatchString(plain.raw()) || strings.Contains(plain.raw(), "8;2;") {
		t.Error("256-colour or true-colour sequences in the xterm session")
	}
}

// The marketplace tokens never reach an agent's terminal.
func TestTokensStayOnTheServer(t *testing.T) {
	h := newHarness(t, nil)
	a := h.open("anna", 160, 40)
	a.waitFrame("the tab bar", tabsShown)
	waitFor(t, "the tabs in the terminal", func() bool { return tabsShown(a.output()) })
	for _, tok := range []string{sandbox.WBToken, sandbox.YMToken} {
		if strings.Contains(a.raw(), tok) {
			t.Errorf("the token %q reached the terminal", tok)
		}
	}
}
