package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Timeouts are generous for a 2-core CI machine running the race-built
// unit tests next to these; every wait returns as soon as the screen agrees.
const (
	startTimeout = 20 * time.Second
	stepTimeout  = 10 * time.Second
)

// paneFlow is what the walk does in one pane: the key that shows it (the
// README's key table) and labels only its detail view shows.
type paneFlow struct {
	key    string
	tab    string   // i18n id of the tab
	labels []string // i18n ids of detail field labels, shown as "Label:"
}

var paneFlows = []paneFlow{
	{"1", "tab.returns", []string{"returns.order", "returns.type"}},
	{"2", "tab.questions", []string{"wb.state", "wb.product.art"}},
	{"3", "tab.feedbacks", []string{"wbf.buyer", "wbf.return"}},
	// the first chat's first message carries the order card (seed 1)
	{"4", "tab.chats", []string{"wbc.card"}},
	{"5", "tab.claims", []string{"claims.nm_id", "claims.created"}},
}

// The filter narrows Questions to one product of the seed-1 catalogue.
const (
	filterQuery   = "термокружка"
	filterProduct = "Термокружка"
)

// TestFlowsInARealTerminal drives the demo through what a person does in a
// day, at both sizes of the issue, in colour and with NO_COLOR (in
// Russian): open an item in every pane, filter, preview photos while the
// window is resized, and answer a question in Cyrillic.
func TestFlowsInARealTerminal(t *testing.T) {
	cases := []struct {
		w, h int
		lang i18n.Lang
		env  map[string]string
	}{
		{120, 40, i18n.EN, map[string]string{"TERM": "xterm-256color"}},
		{80, 24, i18n.EN, map[string]string{"TERM": "xterm-256color"}},
		{120, 40, i18n.RU, map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1", "LANG": "ru_RU.UTF-8"}},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%dx%d/%s", c.w, c.h, c.lang)
		if c.env["NO_COLOR"] != "" {
			name += "/NO_COLOR"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := &flow{tm: start(t, c.w, c.h, c.env, "--demo"), w: c.w, h: c.h, l: c.lang, noColor: c.env["NO_COLOR"] != ""}
			f.tm.waitUntil(startTimeout, "the tab bar", func(s string) bool { return hasTabs(f.l, s, f.tabIDs()...) })
			steps := []struct {
				name string
				run  func(*flow)
			}{
				{"open an item in every pane", (*flow).openEveryPane},
				{"filter", (*flow).filter},
				{"photo preview with a resize", (*flow).photos},
				{"answer a question", (*flow).answer},
			}
			// The steps share one app, each starting where the last left
			// it; after a failed step the screen is not where the next
			// expects it, so the rest are skipped.
			for _, st := range steps {
				ok := t.Run(st.name, func(t *testing.T) { st.run(f.at(t)) })
				f.at(t)
				if !ok {
					t.FailNow()
				}
			}
			if f.noColor {
				if sgr := colourSGR(f.tm.screen(true)); sgr != "" {
					t.Errorf("NO_COLOR set, yet a colour was drawn: %q", sgr)
				}
			}
			f.tm.waitQuit()
		})
	}
}

// flow is one running app and the language and size it was started with.
type flow struct {
	tm      *term
	w, h    int
	l       i18n.Lang
	noColor bool
}

// at points the term's failures at t.
func (f *flow) at(t *testing.T) *flow {
	f.tm.t = t
	return f
}

func (f *flow) tabIDs() []string {
	var ids []string
	for _, p := range paneFlows {
		ids = append(ids, p.tab)
	}
	return ids
}

func (f *flow) labels(p paneFlow) []string {
	var ls []string
	for _, id := range p.labels {
		ls = append(ls, msg(f.l, id)+":")
	}
	return ls
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func containsAny(s string, want []string) bool {
	for _, w := range want {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// showList switches to a pane and waits for its list, focused and filled.
func (f *flow) showList(p paneFlow) string {
	f.tm.t.Helper()
	f.tm.keys(p.key)
	return f.tm.waitUntil(stepTimeout, msg(f.l, p.tab)+" list with rows", func(s string) bool {
		return listFocused(f.l, s) && len(listRows(f.l, s, f.h)) >= 5
	})
}

// openEveryPane opens the first item of each pane with enter and finds
// fields of its detail; in one column (80×24) the detail replaces the list
// and esc brings the list back.
func (f *flow) openEveryPane() {
	tm := f.tm
	tm.t.Helper()
	for _, p := range paneFlows {
		labels := f.labels(p)
		s := f.showList(p)
		oneColumn := !twoColumns(s, f.h)
		if f.w < 100 && !oneColumn {
			tm.fatalf("%s: %d columns should show the list alone", msg(f.l, p.tab), f.w)
		}
		if oneColumn && containsAny(s, labels) {
			tm.fatalf("%s: the list shows detail fields %q before enter", msg(f.l, p.tab), labels)
		}
		opened := func(s string) bool { return detailFocused(f.l, s) && containsAll(s, labels) }
		// One enter, even when the pane's first page is still on its way:
		// a lost key is a defect (ui.TestKeyAfterTabSwitchWhileLoading).
		tm.keys("Enter")
		tm.waitUntil(stepTimeout, fmt.Sprintf("the detail of %s with %q", msg(f.l, p.tab), labels), opened)
		tm.checkLayout(f.w)
		tm.keys("Escape")
		s = tm.waitUntil(stepTimeout, "the list again after esc", func(s string) bool {
			return listFocused(f.l, s) && len(listRows(f.l, s, f.h)) >= 5
		})
		if oneColumn && containsAny(s, labels) {
			tm.fatalf("%s: esc left detail fields %q on screen", msg(f.l, p.tab), labels)
		}
	}
}

// filter narrows Questions to one product with /, keeps the filter with
// enter and clears it with esc.
func (f *flow) filter() {
	tm := f.tm
	tm.t.Helper()
	questions := paneFlows[1]
	s := f.showList(questions)
	if _, other := rowsWith(f.l, s, f.h, filterProduct); other == 0 {
		tm.fatalf("before filtering, every row is about %s: the filter would prove nothing", filterProduct)
	}
	matched := msgRegexp(f.l, "pane.filtered")
	tm.keys("/")
	tm.text(filterQuery)
	// Rows lead with the buyer's words, so a narrow list may cut the
	// product off: a row shows it or was cut, and there are as many rows
	// as the count says matched.
	narrowed := func(s string) bool {
		rows := listRows(f.l, s, f.h)
		if len(rows) == 0 {
			return false
		}
		// in English the count's match starts at the filter text: the
		// count is its last word
		if m := matched.FindStringSubmatch(s); m != nil {
			if w := strings.Fields(m[1]); len(w) == 0 || w[len(w)-1] != strconv.Itoa(len(rows)) {
				return false
			}
		}
		for _, r := range rows {
			if !strings.Contains(r, filterProduct) && !strings.HasSuffix(r, "…") {
				return false
			}
		}
		return true
	}
	s = tm.waitUntil(stepTimeout, "only "+filterProduct+" rows and the match count", func(s string) bool {
		return narrowed(s) && matched.MatchString(s)
	})
	if m := matched.FindStringSubmatch(s); m[1] == m[2] {
		tm.fatalf("the filter matched every question (%s of %s)", m[1], m[2])
	}
	tm.keys("Enter") // keep the filter, back to the list
	tm.waitUntil(stepTimeout, "the kept filter", func(s string) bool { return narrowed(s) && listFocused(f.l, s) })
	tm.checkLayout(f.w)
	tm.keys("Escape")
	tm.waitUntil(stepTimeout, "every row back after esc", func(s string) bool {
		_, without := rowsWith(f.l, s, f.h, filterProduct)
		return without > 0 && !matched.MatchString(s) && listFocused(f.l, s)
	})
}

// photoPos finds the preview's position indicator ("2/7 name.jpg").
var photoPos = regexp.MustCompile(`(?m)(?:^|[│ ])(\d+)/(\d+) \S`)

// photos previews the first return's photos: p shows art and "1/N", ]
// moves to "2/N", the window is resized under the preview (one column to
// two and back, or the reverse) and p closes it.
func (f *flow) photos() {
	tm := f.tm
	tm.t.Helper()
	returns := paneFlows[0]
	f.showList(returns)
	tm.keys("g", "p")
	art := func(pos string) func(string) bool {
		return func(s string) bool {
			m := photoPos.FindStringSubmatch(s)
			return m != nil && m[1]+"/"+m[2] == pos && artLines(s, !f.noColor) >= 5
		}
	}
	s := tm.waitUntil(stepTimeout, "the first photo with its position 1/N", func(s string) bool {
		m := photoPos.FindStringSubmatch(s)
		return m != nil && m[1] == "1" && artLines(s, !f.noColor) >= 5
	})
	total := photoPos.FindStringSubmatch(s)[2]
	if total == "1" {
		tm.fatalf("the first return has one photo: ] would prove nothing")
	}
	tm.keys("]")
	second := "2/" + total
	tm.waitUntil(stepTimeout, "the second photo "+second, art(second))
	tm.checkLayout(f.w)

	// 120×40 drops to one column, 80×24 grows to two.
	w, h := 90, 26
	if f.w < 100 {
		w, h = 110, 32
	}
	for _, size := range [][2]int{{w, h}, {f.w, f.h}} {
		tm.resize(size[0], size[1])
		tm.waitUntil(stepTimeout, fmt.Sprintf("%s redrawn at %dx%d", second, size[0], size[1]), func(s string) bool {
			ls := lines(s)
			return art(second)(s) && len(ls) == size[1] && hasTabs(f.l, s, f.tabIDs()...)
		})
		tm.checkLayout(size[0])
	}
	tm.keys("p")
	tm.waitUntil(stepTimeout, "the preview closed", func(s string) bool {
		return photoPos.FindStringSubmatch(s) == nil && artLines(s, !f.noColor) == 0 && listFocused(f.l, s)
	})
}

// answer writes a Cyrillic answer to the first unanswered question and
// sends it: the Questions count drops by one (the tab counts unanswered
// ones), the answered question leaves the list of unanswered ones and the
// status bar says the answer was delivered.
func (f *flow) answer() {
	tm := f.tm
	tm.t.Helper()
	questions := paneFlows[1]
	s := f.showList(questions)
	tm.keys("g")
	before := tabCount(f.l, s, questions.tab)
	if before <= 0 {
		tm.fatalf("no count on the %s tab", msg(f.l, questions.tab))
	}
	text := fmt.Sprintf("Здравствуйте! Да, продаём оптом, пишите — e2e %dx%d", f.w, f.h)
	tm.keys("a")
	tm.waitUntil(stepTimeout, "the editor", func(s string) bool { return editorOpen(f.l, s) })
	tm.text(text)
	tm.waitFor(stepTimeout, text)
	tm.keys("C-s")
	s = tm.waitUntil(stepTimeout, fmt.Sprintf("%s count below %d", msg(f.l, questions.tab), before), func(s string) bool {
		n := tabCount(f.l, s, questions.tab)
		return n >= 0 && n < before && listFocused(f.l, s)
	})
	if n := tabCount(f.l, s, questions.tab); n != before-1 {
		tm.fatalf("%s went from %d to %d after one answer", msg(f.l, questions.tab), before, n)
	}
	tr := i18n.New(f.l)
	sent := regexp.MustCompile(regexp.QuoteMeta(tr.Get("outbox.sent", tr.Label("kind", "question.answer"), "00:00")))
	sent = regexp.MustCompile(strings.Replace(sent.String(), "00:00", `\d{1,2}:\d{2}`, 1))
	tm.waitUntil(stepTimeout, "the delivery in the status bar", func(s string) bool {
		return sent.MatchString(s) && !strings.Contains(s, text)
	})
	tm.checkLayout(f.w)
}
