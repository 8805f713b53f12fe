package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// apiWrite is a debug-log line of a call that changes something at a
// marketplace.
var apiWrite = regexp.MustCompile(`msg="api call" op="([^"]+)" method=(POST|PUT|PATCH|DELETE)\b`)

// TestTypingInARealTerminal types Russian and English sentences on every
// pane and the Inbox, as an agent does who starts writing while the list
// has focus: the app keeps running, and the only writes the marketplaces
// see are questions' viewed marks (opening a question sends one by
// design). Russian used to quit (й), start a rejection (ч) or ask for a
// return (м).
func TestTypingInARealTerminal(t *testing.T) {
	t.Parallel()
	const w, h = 120, 40
	l := i18n.RU
	log := filepath.Join(t.TempDir(), "debug.log")
	tm := start(t, w, h, map[string]string{"LANG": "ru_RU.UTF-8"}, "--demo", "--debug", log)
	flows := append([]paneFlow{{"0", "tab.inbox", nil}}, paneFlows...)
	var tabs []string
	for _, p := range flows {
		tabs = append(tabs, p.tab)
	}
	tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(l, s, tabs...) })
	sentences := []string{"Скопируйте", "Уточните, пожалуйста", "м", "Hello! Thank you for the review, we will send a new one today."}
	questions := -1
	for _, p := range flows {
		for _, s := range sentences {
			tm.keys(p.key)
			shown := tm.waitUntil(stepTimeout, msg(l, p.tab)+" with rows", func(s string) bool {
				return len(listRows(l, s, h)) >= 3
			})
			if questions < 0 {
				questions = tabCount(l, shown, "tab.questions")
			}
			tm.text(s)
			time.Sleep(700 * time.Millisecond)
			if tm.dead() {
				tm.fatalf("typing %q on %s ended the app", s, msg(l, p.tab))
			}
			back(tm, l)
		}
	}
	if n := tabCount(l, tm.screen(false), "tab.questions"); n != questions {
		tm.fatalf("the Questions count went from %d to %d: a question was answered or rejected", questions, n)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		m := apiWrite.FindStringSubmatch(line)
		if m == nil || m[1] == "PATCH /api/v1/questions" {
			continue // a viewed mark (an answer or rejection changes the count above)
		}
		t.Errorf("typing sent a write: %s", line)
	}
	// drafts were typed: q asks before quitting, y quits
	tm.keys("q")
	tm.waitUntil(stepTimeout, "the quit question", func(s string) bool {
		return strings.Contains(s, i18n.New(l).Get("quit.ask"))
	})
	tm.keys("y")
	deadline := time.Now().Add(5 * time.Second)
	for !tm.dead() {
		if time.Now().After(deadline) {
			tm.fatalf("y did not quit")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// back presses esc until the app is in normal mode again (an editor, a
// dialog, the templates manager closed): its footer ends with the quit key.
func back(tm *term, l i18n.Lang) {
	tm.t.Helper()
	normal := func(s string) bool {
		return strings.HasSuffix(strings.TrimSpace(helpLine(s)), "q "+msg(l, "key.global.quit"))
	}
	discard := msg(l, "tm.ask.discard")
	for range 6 {
		s := tm.screen(false)
		if normal(s) {
			return
		}
		if strings.Contains(s, discard) {
			tm.keys("y") // the template the English letters began (T, n)
			tm.within(time.Second, func(s string) bool { return !strings.Contains(s, discard) })
			continue
		}
		tm.keys("Escape")
		tm.within(time.Second, normal)
	}
	tm.fatalf("esc did not bring the app back to a list")
}
