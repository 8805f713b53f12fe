package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// bulkConfig has a section of the 5-star feedbacks answered with the
// 5-star template, and an undo window long enough to press u.
const bulkConfig = `undo_seconds = 30

[[sections]]
name = "Пятёрки"
pane = "feedbacks"
filter = "rating:5"
template = "Спасибо за отличную оценку"
`

// TestBulkAnswerInARealTerminal: the feedbacks show the config's section
// as a sub-tab with its count; in it, two marked feedbacks get the 5-star
// template after a preview of both texts, the batch waits out the undo
// window, and u takes both back.
func TestBulkAnswerInARealTerminal(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "sellerinbox")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(bulkConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startIn(t, home, 120, 40, nil, "--demo")
	tm.waitFor(startTimeout, "Feedbacks")
	tm.keys("3")
	count := regexp.MustCompile(`Пятёрки (\d+)`)
	screen := tm.waitUntil(stepTimeout, "the section's sub-tab with its count", func(s string) bool {
		m := count.FindStringSubmatch(s)
		return m != nil && m[1] != "0"
	})
	total := count.FindStringSubmatch(screen)[1]

	tm.keys("}")
	tm.waitFor(stepTimeout, "› Пятёрки "+total)
	tm.keys("Space", "j", "Space")
	tm.waitFor(stepTimeout, "Marked: 2")
	tm.keys("A")
	tm.waitFor(stepTimeout, "A template for the marked items (2)")
	tm.text("отличную")
	tm.keys("Enter")
	tm.waitFor(stepTimeout, "2 of 2 get the template «Спасибо за отличную оценку»", "y send all 2")
	tm.keys("y")
	tm.waitFor(stepTimeout, "Answers (2) go in")
	tm.keys("u")
	tm.waitFor(stepTimeout, "Answers taken back: 2")

	// the whole section, with its own template: no picker
	tm.keys("A")
	tm.waitFor(stepTimeout, "of "+total+" get the template «Спасибо за отличную оценку»")
	tm.keys("Escape")
	tm.waitUntil(stepTimeout, "the preview closed", func(s string) bool { return !regexp.MustCompile(`get the template`).MatchString(s) })
}
