package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// draftRisk is how long a keystroke may wait before its draft is on disk:
// the README promises that at most about a second is at risk.
const draftRisk = 1500 * time.Millisecond

// readingPause is a person looking at the list before opening a question.
// It also lets the start-up requests give back the rate-limit budget, so
// the question's "viewed" mark is delivered within half a second of the
// open: while the answer typed right after it still waits for its
// debounced save. That delivery once dropped the unsaved draft.
const readingPause = 1500 * time.Millisecond

// TestDraftSurvivesKill9 types an answer against `sellerinbox sandbox`
// with a named profile, kills the app with SIGKILL (no deferred save, no
// shutdown hook, no terminal restore) and starts it again on the same
// home: the list marks the question as having a draft and the editor
// opens with the text.
func TestDraftSurvivesKill9(t *testing.T) {
	t.Parallel()
	env := sandboxEnv(t)
	home := t.TempDir()
	const (
		profile = "e2e"
		text    = "Черновик перед kill -9: проверка 42"
		w, h    = 120, 40
		row     = 1 // the second question: unviewed in the seed, so opening it sends the viewed mark
	)
	l := i18n.EN
	questions := paneFlows[1]
	openQuestions := func(tm *term) {
		tm.t.Helper()
		tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(l, s, questions.tab) })
		tm.keys(questions.key)
		s := tm.waitUntil(stepTimeout, "the questions list", func(s string) bool {
			return listFocused(l, s) && len(listRows(l, s, h)) > row
		})
		if st := i18n.New(l).Get("status.profile", profile); !strings.Contains(s, st) {
			tm.fatalf("the status bar does not say %q: not the named profile", st)
		}
	}
	marked := func(s string) bool {
		rows := listRows(l, s, h)
		return len(rows) > row && strings.Contains(rows[row], ui.DraftMarker)
	}

	first := startIn(t, home, w, h, env, "--profile", profile)
	openQuestions(first)
	if with, _ := rowsWith(l, first.screen(false), h, ui.DraftMarker); with != 0 {
		first.fatalf("a fresh home already shows %d drafts", with)
	}
	time.Sleep(readingPause)
	first.keys("g", "j", "Enter", "a")
	first.waitUntil(stepTimeout, "the editor", func(s string) bool { return editorOpen(l, s) })
	first.text(text)
	first.waitUntil(stepTimeout, "the typed text and the draft marker", func(s string) bool {
		return strings.Contains(s, text) && marked(s)
	})
	time.Sleep(draftRisk)
	first.kill9()

	second := startIn(t, home, w, h, env, "--profile", profile)
	openQuestions(second)
	s := second.waitUntil(stepTimeout, "the draft marker "+ui.DraftMarker+" on the question typed into", marked)
	if with, _ := rowsWith(l, s, h, ui.DraftMarker); with != 1 {
		second.fatalf("%d rows carry the draft marker, want only the question typed into", with)
	}
	second.keys("g", "j", "a")
	second.waitUntil(stepTimeout, "the editor with the draft", func(s string) bool {
		return editorOpen(l, s) && strings.Contains(s, text)
	})
	second.keys("Escape")
	second.waitUntil(stepTimeout, "the editor closed, the marker kept", func(s string) bool {
		return !editorOpen(l, s) && marked(s)
	})
	second.waitQuit()
}
