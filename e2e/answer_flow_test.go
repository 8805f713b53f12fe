package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// position is the status bar's "123 / 14,305".
var position = regexp.MustCompile(`(\d[\d,  ]*) / (\d[\d,  ]*)`)

// detailColumn is the right-hand column of the body.
func detailColumn(screen string, h int) string {
	var b strings.Builder
	for _, line := range body(screen, h) {
		if i := strings.Index(line, "│"); i >= 0 {
			b.WriteString(strings.TrimSpace(line[i+len("│"):]) + "\n")
		}
	}
	return b.String()
}

// firstLines are the detail's first n non-blank lines: which item it shows.
func firstLines(screen string, h, n int) []string {
	var out []string
	for _, line := range strings.Split(detailColumn(screen, h), "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// TestAnswerFlowInARealTerminal: n goes to the next question that needs
// an answer, a opens the editor with the question above it, and a send
// closes the editor and moves the cursor on to another question that
// needs an answer.
func TestAnswerFlowInARealTerminal(t *testing.T) {
	t.Parallel()
	const w, h = 120, 40
	l := i18n.EN
	noAnswer := msg(l, "wb.answer.none")
	tm := start(t, w, h, nil, "--demo")
	tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(l, s, "tab.questions") })
	tm.keys("2")
	s := tm.waitUntil(stepTimeout, "the questions", func(s string) bool {
		return listFocused(l, s) && len(listRows(l, s, h)) > 5 && position.MatchString(helpLine(s)+strings.Join(lines(s), "\n"))
	})
	first := strings.Join(firstLines(s, h, 3), "\n")
	tm.keys("n")
	s = tm.waitUntil(stepTimeout, "the next question needing an answer", func(s string) bool {
		return strings.Join(firstLines(s, h, 3), "\n") != first && strings.Contains(detailColumn(s, h), noAnswer)
	})
	question := firstLines(s, h, 3)
	tm.keys("a")
	s = tm.waitUntil(stepTimeout, "the editor", func(s string) bool { return editorOpen(l, s) })
	for _, line := range question {
		if !strings.Contains(detailColumn(s, h), line) {
			tm.fatalf("the editor hides the question (%q is gone)", line)
		}
	}
	tm.text("Здравствуйте! Да, есть в наличии, отправим сегодня.")
	tm.keys("C-s")
	tm.waitUntil(stepTimeout, "the editor closed, the cursor on another question that needs an answer", func(s string) bool {
		return listFocused(l, s) && strings.Join(firstLines(s, h, 3), "\n") != strings.Join(question, "\n") &&
			strings.Contains(detailColumn(s, h), noAnswer)
	})
	tm.waitQuit()
}
