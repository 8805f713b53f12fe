package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestDemoInARealTerminal starts the demo at the two sizes, with a
// 256-colour terminal and with NO_COLOR, walks every pane, opens help,
// redraws, resizes mid-session and quits.
func TestDemoInARealTerminal(t *testing.T) {
	cases := []struct {
		w, h int
		env  map[string]string
	}{
		{120, 40, map[string]string{"TERM": "xterm-256color"}},
		{80, 24, map[string]string{"TERM": "xterm-256color"}},
		{120, 40, map[string]string{"NO_COLOR": "1"}},
		{80, 24, map[string]string{"NO_COLOR": "1", "LANG": "ru_RU.UTF-8"}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%dx%d/%v", c.w, c.h, c.env), func(t *testing.T) {
			t.Parallel()
			tm := start(t, c.w, c.h, c.env, "--demo")
			l := i18n.EN
			if strings.HasPrefix(c.env["LANG"], "ru") {
				l = i18n.RU
			}
			tabs := []string{"tab.returns", "tab.questions", "tab.feedbacks", "tab.chats", "tab.claims"}
			// names, not positions: a narrow bar may shorten them ("Возвра…")
			tabBar := func(s string) bool { return hasTabs(l, s, tabs...) }
			tm.waitUntil(15*time.Second, "the tab bar", tabBar)
			for i := range tabs {
				tm.keys(fmt.Sprint(i + 1))
				tm.waitFor(10*time.Second, "demo")
				tm.checkLayout(c.w)
			}
			tm.keys("?")
			tm.waitFor(5*time.Second, "ctrl+l")
			tm.keys("?")
			tm.keys("C-l")
			tm.resize(c.w+20, c.h+6)
			tm.waitUntil(5*time.Second, "the tab bar", tabBar)
			tm.checkLayout(c.w + 20)
			tm.resize(c.w, c.h)
			tm.waitUntil(5*time.Second, "the tab bar", tabBar)
			tm.checkLayout(c.w)
			if c.env["NO_COLOR"] != "" {
				if sgr := colourSGR(tm.screen(true)); sgr != "" {
					t.Errorf("NO_COLOR set, yet a colour was drawn: %q", sgr)
				}
			}
			tm.waitQuit()
		})
	}
}

var sgrRe = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR returns the first SGR sequence that sets a colour (30–38,
// 40–48, 90–97, 100–107); 39/49 only reset to the default.
func colourSGR(screen string) string {
	for _, m := range sgrRe.FindAllStringSubmatch(screen, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			var n int
			fmt.Sscan(p, &n)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) {
				return m[0]
			}
		}
	}
	return ""
}
