package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestReturnDecidedItemByItemInARealTerminal: in the real binary, a
// Market return of two items is decided item by item: the form asks for
// the second item by its SKU, the confirmation names both decisions, and
// the decision goes to the outbox.
func TestReturnDecidedItemByItemInARealTerminal(t *testing.T) {
	t.Parallel()
	const w, h = 140, 44
	l := i18n.EN
	tm := start(t, w, h, nil, "--demo")
	tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(l, s, "tab.returns") })
	tm.keys("1")
	tm.waitUntil(stepTimeout, "the returns", func(s string) bool { return listFocused(l, s) && len(listRows(l, s, h)) > 5 })
	// the first return of two items that awaits a decision
	found := false
	for range 30 {
		// the detail lists the items ("1. SKU", "2. SKU") and says it awaits you
		d := detailColumn(tm.screen(false), h)
		if strings.Contains(d, "\n2. ") && !strings.Contains(d, "\n3. ") && strings.Contains(d, "Awaiting your decision") {
			found = true
			break
		}
		tm.keys("j")
	}
	if !found {
		tm.fatalf("no return of two items awaiting a decision in the first rows")
	}
	tm.keys("a")
	refund := msg(l, "ym.decision.REFUND_MONEY")
	form := tm.waitUntil(stepTimeout, "the decision form", func(s string) bool {
		return strings.Contains(s, msg(l, "returns.decide.items_each")) || strings.Contains(s, msg(l, "returns.decide.items"))
	})
	chosen := "‹ " + refund + " ›"
	for i := 0; ; i++ {
		if strings.Contains(form, chosen) {
			// settled: no key still on its way changes it
			time.Sleep(300 * time.Millisecond)
			if form = tm.screen(false); strings.Contains(form, chosen) {
				break
			}
			continue
		}
		if i > 15 {
			tm.fatalf("%q is not offered", refund)
		}
		before := form
		tm.keys("Right")
		// one key, one redraw: a stale screen would send another
		tm.within(stepTimeout, func(s string) bool { return s != before })
		form = tm.screen(false)
	}
	tm.keys("Down") // the items: item by item
	tm.waitFor(stepTimeout, "› "+msg(l, "returns.decide.items"))
	tm.keys("Right")
	tm.waitFor(stepTimeout, "‹ "+msg(l, "returns.decide.items_each")+" ›")
	tm.keys("Enter")
	tm.waitFor(stepTimeout, "item 2 of 2")
	tm.keys("Enter") // the second item: the same decision, kept
	// the confirmation names both items' decisions
	tm.waitUntil(stepTimeout, "the confirmation of both decisions", func(s string) bool {
		d := strings.Join(strings.Fields(detailColumn(s, h)), " ")
		return strings.Contains(d, "Send the decisions on return") && strings.Count(d, refund) >= 2
	})
	tm.keys("y")
	tm.waitUntil(stepTimeout, "the decision on its way", func(s string) bool {
		return listFocused(l, s) && (strings.Contains(s, "⏳") || strings.Contains(s, "✓"))
	})
	tm.waitQuit()
}
