package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
	// The panes register their own strings (detail labels) with i18n.
	_ "github.com/sellerinbox/sellerinbox/ui/panes"
)

// Screen assertions read the app's own catalogues, so that they hold in
// both languages and survive a change of wording.

// msg is a message of the catalogue cut at its first formatting verb: the
// part of "%d of %d match" or "Order: %s" that is literally on screen.
func msg(l i18n.Lang, id string) string {
	s := i18n.New(l).Get(id)
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// msgRegexp matches a formatted message: %d becomes a number group, any
// other verb (%s, %v) a lazy run of text.
func msgRegexp(l i18n.Lang, id string) *regexp.Regexp {
	format := i18n.New(l).Get(id)
	var b strings.Builder
	for len(format) > 0 {
		i := strings.IndexByte(format, '%')
		if i < 0 || i == len(format)-1 {
			b.WriteString(regexp.QuoteMeta(format))
			break
		}
		b.WriteString(regexp.QuoteMeta(format[:i]))
		if format[i+1] == 'd' {
			b.WriteString(`(\d+)`)
		} else {
			b.WriteString(`(.+?)`)
		}
		format = format[i+2:]
	}
	return regexp.MustCompile(b.String())
}

func lines(screen string) []string {
	return strings.Split(strings.TrimRight(screen, "\n"), "\n")
}

// helpLine is the short help at the bottom, which names the focused scope's
// keys: "scroll down" only while the detail has focus.
func helpLine(screen string) string {
	ls := lines(screen)
	for i := len(ls) - 1; i >= 0; i-- {
		if strings.TrimSpace(ls[i]) != "" {
			return ls[i]
		}
	}
	return ""
}

func detailFocused(l i18n.Lang, screen string) bool {
	return strings.Contains(helpLine(screen), msg(l, "key.detail.down"))
}

// listFocused: a pane's list has the keyboard. The whole help entry is
// matched: the Inbox's "enter open in its tab" must not pass for a pane's
// "enter open" while a tab switch is still on its way.
func listFocused(l i18n.Lang, screen string) bool {
	help, entry := helpLine(screen), "enter "+msg(l, "key.list.open")
	return strings.Contains(help, entry+" •") || strings.HasSuffix(strings.TrimSpace(help), entry)
}

func editorOpen(l i18n.Lang, screen string) bool {
	return strings.Contains(helpLine(screen), "ctrl+s "+msg(l, "key.editor.send"))
}

// body is the screen between the tab bar and the status bar.
func body(screen string, h int) []string {
	ls := lines(screen)
	end := min(len(ls), h-2)
	if end <= 1 {
		return nil
	}
	return ls[1:end]
}

// twoColumns reports whether the list and the detail are side by side.
func twoColumns(screen string, h int) bool {
	for _, l := range body(screen, h) {
		if strings.Contains(l, "│") {
			return true
		}
	}
	return false
}

// listRows are the non-blank lines of the list column, the / filter line
// excepted.
func listRows(l i18n.Lang, screen string, h int) []string {
	var rows []string
	prompt := msg(l, "filter.prompt")
	for _, line := range body(screen, h) {
		if i := strings.Index(line, "│"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, prompt) {
			continue
		}
		rows = append(rows, line)
	}
	return rows
}

// rowsWith counts the list rows that contain s and those that do not.
func rowsWith(l i18n.Lang, screen string, h int, s string) (with, without int) {
	for _, r := range listRows(l, screen, h) {
		if strings.Contains(r, s) {
			with++
		} else {
			without++
		}
	}
	return with, without
}

// tab finds a tab by name in the tab bar: "2 Questions  73" or, when the
// bar is short of room, "Questi…  73". It returns what follows the name.
func tab(screen, name string) (rest string, ok bool) {
	ls := lines(screen)
	if len(ls) == 0 {
		return "", false
	}
	for _, seg := range strings.Split(ls[0], "│") {
		seg = strings.TrimSpace(seg)
		if k, after, found := strings.Cut(seg, " "); found && len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
			seg = strings.TrimSpace(after) // the pane's key
		}
		if strings.HasPrefix(seg, name) {
			return seg[len(name):], true
		}
		if head, after, cut := strings.Cut(seg, "…"); cut && head != "" && strings.HasPrefix(name, head) {
			return after, true
		}
	}
	return "", false
}

// hasTabs reports whether the tab bar shows every tab, however shortened.
func hasTabs(l i18n.Lang, screen string, ids ...string) bool {
	for _, id := range ids {
		if _, ok := tab(screen, msg(l, id)); !ok {
			return false
		}
	}
	return true
}

// tabCount is the number a tab shows next to its name, -1 when there is
// no such tab or number.
func tabCount(l i18n.Lang, screen, tabID string) int {
	rest, ok := tab(screen, msg(l, tabID))
	if !ok {
		return -1
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if unicode.IsSpace(r) {
			return -1 // thousands may be grouped with (narrow) spaces
		}
		return 'x'
	}, rest)
	n, err := strconv.Atoi(digits)
	if err != nil {
		return -1
	}
	return n
}

// artLines counts the lines of a photo preview: half blocks, or in ASCII
// mode long unbroken runs of the character ramp.
func artLines(screen string, blocks bool) int {
	n := 0
	for _, line := range lines(screen) {
		if blocks {
			if strings.Count(line, "▀")+strings.Count(line, "▄") >= 16 {
				n++
			}
			continue
		}
		run, best := 0, 0
		for _, r := range line {
			if r > ' ' && r < utf8.RuneSelf {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
		if best >= 16 {
			n++
		}
	}
	return n
}
