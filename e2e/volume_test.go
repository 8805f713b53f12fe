package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestSearchAndChatsInARealTerminal: in the demo, / оптом in Questions
// lists the questions where it is a word, and the detail says what
// matched; the chats' rows name their products rather than "nm 123".
func TestSearchAndChatsInARealTerminal(t *testing.T) {
	t.Parallel()
	const h = 40
	l := i18n.EN
	tm := start(t, 120, h, nil, "--demo", "--lang", "en")
	tm.waitFor(startTimeout, "2 Questions")
	tm.keys("2")
	tm.waitUntil(stepTimeout, "the questions list", func(s string) bool { return listFocused(l, s) })
	tm.keys("/")
	tm.text("оптом")
	tm.keys("Enter")
	s := tm.waitFor(stepTimeout, msg(l, "filter.matched")+" ", "оптом")
	if !regexp.MustCompile(`\b\d+ of \d+`).MatchString(s) {
		tm.fatalf("the filter line does not count the matches")
	}
	if rows := listRows(l, s, h); len(rows) == 0 || !strings.Contains(rows[0], "оптом") {
		tm.fatalf("the first row is not a question with the word оптом: %q", rows)
	}

	// esc clears the filter; 4 waits for it, or the two would arrive as
	// alt+4
	tm.keys("Escape")
	tm.waitUntil(stepTimeout, "the filter cleared", func(s string) bool { return !strings.Contains(s, "/оптом") })
	tm.keys("4")
	nm := regexp.MustCompile(`— nm \d+`)
	s = tm.waitUntil(stepTimeout, "chat rows with product names", func(s string) bool {
		rows := listRows(l, s, h)
		named := 0
		for _, r := range rows {
			if strings.Contains(r, " — ") && !nm.MatchString(r) {
				named++
			}
		}
		return listFocused(l, s) && named > 0
	})
	if nm.MatchString(s) {
		tm.fatalf("a chat row still shows its article number in place of a name")
	}
	tm.waitQuit()
}
