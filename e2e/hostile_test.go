package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestHostileDataStaysInert runs the demo over the sandbox's hostile data
// set (OSC title changes, clear-screen, OSC 52, hyperlinks, C1, bidi,
// zero-width, 10,000-character lines, invalid UTF-8) and opens items in
// every pane: the terminal title must not change, nothing may clear the
// screen and no line may overflow the window.
func TestHostileDataStaysInert(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			w, h := size[0], size[1]
			tm := start(t, w, h, nil, "--demo", "--hostile")
			tm.waitUntil(15*time.Second, "the tab bar", func(s string) bool { return hasTabs(i18n.EN, s, "tab.returns", "tab.claims") })
			before := tm.title()
			for pane := 1; pane <= 5; pane++ {
				tm.keys(fmt.Sprint(pane))
				time.Sleep(300 * time.Millisecond)
				for range 12 {
					tm.keys("Enter")
					tm.keys("Escape")
					tm.keys("j")
				}
				tm.keys("Enter")
				time.Sleep(200 * time.Millisecond)
				screen := tm.screen(false)
				if !hasTabs(i18n.EN, screen, "tab.returns") {
					t.Fatalf("pane %d: the tab bar is gone (screen cleared or scrolled):\n%s", pane, screen)
				}
				tm.checkLayout(w)
				esc := tm.screen(true)
				for _, bad := range []string{"\x1b]0;", "\x1b]52;", "\x1b]8;;https://evil", "\x1bP", "\u202e"} {
					if strings.Contains(esc, bad) {
						t.Errorf("pane %d: %q reached the terminal", pane, bad)
					}
				}
				tm.keys("Escape")
			}
			if after := tm.title(); after != before || strings.Contains(after, "HACKED") {
				t.Errorf("terminal title changed from %q to %q", before, after)
			}
			lines := strings.Split(strings.TrimRight(tm.screen(false), "\n"), "\n")
			if len(lines) > h {
				t.Errorf("%d lines in a %d-line window", len(lines), h)
			}
			tm.waitQuit()
		})
	}
}
