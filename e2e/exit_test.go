package e2e

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestCleanExitKeepsTheLastWords types an answer and ends the app at
// once, well inside the draft debounce interval (500 ms): by esc then q
// (typically some 100 ms apart), by ctrl+c, by SIGTERM and by SIGHUP (an
// SSH session dropping). Started again on the same home, the editor holds the whole
// text: every exit path writes the pending draft before it ends.
func TestCleanExitKeepsTheLastWords(t *testing.T) {
	t.Parallel()
	exits := []struct {
		name string
		end  func(tm *term, text string)
	}{
		{"esc then q", func(tm *term, _ string) {
			// q follows as soon as the editor is seen closed: well inside
			// the debounce interval, and never merged with the Escape
			// into alt+q by a busy machine (keys pauses 80 ms after it).
			tm.keys("Escape")
			tm.waitUntil(stepTimeout, "the editor closed", func(s string) bool { return !editorOpen(i18n.EN, s) })
			// q asks because a draft is left; y answers in the same
			// stream, before any debounced save could run.
			tm.keys("q", "y")
		}},
		{"ctrl+c", func(tm *term, _ string) { tm.keys("C-c", "C-c") }},
		{"SIGTERM", func(tm *term, text string) { tm.signalAfterText(syscall.SIGTERM, text) }},
		{"SIGHUP", func(tm *term, text string) { tm.signalAfterText(syscall.SIGHUP, text) }},
	}
	for _, x := range exits {
		t.Run(x.name, func(t *testing.T) {
			t.Parallel()
			// A sandbox each: four apps on one account would share, and
			// run out of, its rate limits.
			env := sandboxEnv(t)
			home := t.TempDir()
			const (
				profile = "e2e"
				w, h    = 120, 40
				row     = 1
			)
			// short enough for one line of the editor beside the list
			text := "Последние слова (" + x.name + "): размер M"
			l := i18n.EN
			questions := paneFlows[1]
			openQuestions := func(tm *term) {
				tm.t.Helper()
				tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(l, s, questions.tab) })
				tm.keys(questions.key)
				tm.waitUntil(stepTimeout, "the questions list", func(s string) bool {
					return listFocused(l, s) && len(listRows(l, s, h)) > row
				})
			}

			first := startIn(t, home, w, h, env, "--profile", profile)
			openQuestions(first)
			first.keys("g", "j", "Enter", "a")
			first.waitUntil(stepTimeout, "the editor", func(s string) bool { return editorOpen(l, s) })
			first.text(text)
			// Keys follow the text in the same input stream, so the exit
			// comes right behind it: no debounced save has run yet.
			x.end(first, text)
			first.waitDead(15 * time.Second) // generous: the full suite loads the machine

			second := startIn(t, home, w, h, env, "--profile", profile)
			openQuestions(second)
			second.waitUntil(stepTimeout, "the draft marker on the question typed into", func(s string) bool {
				rows := listRows(l, s, h)
				return len(rows) > row && strings.Contains(rows[row], ui.DraftMarker)
			})
			second.keys("g", "j", "a")
			second.waitUntil(stepTimeout, "the editor with the whole draft", func(s string) bool {
				return editorOpen(l, s) && strings.Contains(s, text)
			})
			second.keys("Escape")
			second.waitUntil(stepTimeout, "the editor closed", func(s string) bool { return !editorOpen(l, s) })
			second.waitQuit()
		})
	}
}

// signalAfterText sends sig as soon as text is on screen: a signal does
// not queue behind the input stream as a key does.
func (tm *term) signalAfterText(sig syscall.Signal, text string) {
	tm.t.Helper()
	tm.waitUntil(stepTimeout, "the typed text", func(s string) bool { return strings.Contains(s, text) })
	tm.signal(sig)
}

// signal sends sig to the app.
func (tm *term) signal(sig syscall.Signal) {
	tm.t.Helper()
	pid := tm.pid()
	if err := syscall.Kill(pid, sig); err != nil {
		tm.t.Fatalf("kill -%d %d: %v", sig, pid, err)
	}
}

// waitDead waits for the app to exit on its own.
func (tm *term) waitDead(timeout time.Duration) {
	tm.t.Helper()
	start := time.Now()
	deadline := start.Add(timeout)
	for !tm.dead() {
		if time.Now().After(deadline) {
			tm.fatalf("the app still runs %s after it was told to end", timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Logf("the app exited %s after it was told to", time.Since(start).Round(time.Millisecond))
}
