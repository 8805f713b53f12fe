package serve

import (
	"strings"
	"testing"
	"time"
)

// TestColleagueSeesWhoIsAnswering: while anna writes to the first
// question, ivan sees her name on its row and in its detail within a
// second, and his answer key asks before taking over; when anna's
// session ends the hold goes.
func TestColleagueSeesWhoIsAnswering(t *testing.T) {
	h := newHarness(t, nil)
	a, i := h.open("anna", 160, 40), h.open("ivan", 160, 40)
	i.waitFrame("the tab bar", tabsShown)
	i.keys("2", "g")
	i.waitFrame("the selected item", func(s string) bool { return strings.Contains(s, "a answer · ") })
	a.openEditor("2")
	start := time.Now()
	i.waitFrame("anna's hold", func(s string) bool {
		return strings.Contains(s, "✍ anna") && strings.Contains(s, "anna is answering this")
	})
	if d := time.Since(start); d > time.Second {
		t.Errorf("ivan saw the hold after %v", d)
	}
	i.keys("a")
	i.waitFrame("the take-over question", func(s string) bool { return strings.Contains(s, "Take over") })
	i.keys("n")
	i.waitFrame("the question gone", func(s string) bool { return !strings.Contains(s, "Take over") })
	_ = a.client.Close()
	i.waitFrame("the hold gone", func(s string) bool { return !strings.Contains(s, "anna is answering") })
}

// TestAssignOverSSH: anna gives the first question to ivan with @; ivan
// sees it named his on its row, and his Inbox's "mine" (M) lists it
// alone; the store keeps it.
func TestAssignOverSSH(t *testing.T) {
	h := newHarness(t, nil)
	a, i := h.open("anna", 160, 40), h.open("ivan", 160, 40)
	a.waitFrame("the tab bar", tabsShown)
	a.keys("2", "g")
	a.waitFrame("the selected item", func(s string) bool { return strings.Contains(s, "a answer · ") })
	a.keys("@")
	a.waitFrame("the list", func(s string) bool { return strings.Contains(s, "anna (me)") && strings.Contains(s, "ivan") })
	a.keys("j", "\r")
	a.waitFrame("the notice", func(s string) bool { return strings.Contains(s, "Assigned to ivan") })
	i.waitFrame("the tab bar", tabsShown)
	i.keys("2")
	i.waitFrame("ivan's row", func(s string) bool { return strings.Contains(s, "→ ivan") })
	i.keys("0", "M")
	i.waitFrame("mine", func(s string) bool {
		return strings.Contains(s, "Filter: mine") && strings.Contains(s, "1 / 1")
	})
}
