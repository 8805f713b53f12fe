package e2e

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// dividerColumn is where most lines of the screen have their first │:
// the list/detail divider (the tab bar has its own, on one line).
func dividerColumn(screen string) int {
	count := map[int]int{}
	best := -1
	for _, l := range strings.Split(screen, "\n") {
		i := strings.Index(l, "│")
		if i < 0 {
			continue
		}
		c := utf8.RuneCountInString(l[:i])
		count[c]++
		if best < 0 || count[c] > count[best] {
			best = c
		}
	}
	return best
}

// TestSplitWidthIsRemembered: > widens the list in the real binary, and
// the next run of the profile opens with the width it was left at.
func TestSplitWidthIsRemembered(t *testing.T) {
	t.Parallel()
	env := sandboxEnv(t)
	home := t.TempDir()
	args := []string{"--profile", "e2e", "--lang", "en"}
	first := startIn(t, home, 120, 40, env, args...)
	first.waitFor(startTimeout, "2 Questions")
	first.keys("2")
	s := first.waitUntil(stepTimeout, "the list beside the detail", func(s string) bool { return dividerColumn(s) == 60 })
	first.keys(">", ">")
	first.waitUntil(stepTimeout, "a wider list", func(s string) bool { return dividerColumn(s) == 72 })
	first.waitQuit()

	second := startIn(t, home, 120, 40, env, args...)
	second.waitFor(startTimeout, "2 Questions")
	second.keys("2")
	if !second.within(stepTimeout, func(s string) bool { return dividerColumn(s) == 72 }) {
		second.fatalf("the next run's list is not as wide as it was left (divider at %d, first run's default at %d)",
			dividerColumn(second.screen(false)), dividerColumn(s))
	}
	second.waitQuit()
}
