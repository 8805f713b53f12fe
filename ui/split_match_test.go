package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestSplitSaysWhyARowMatched: while / filters the list, the detail opens
// with the passage that matched; the whole word ranks first ("номер 2"
// is a whole word of q000002, a word start of q000020–29); without a
// text the detail is the item's alone.
func TestSplitSaysWhyARowMatched(t *testing.T) {
	st := windowStore(t, 30)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		s := windowSplit(t, st, lang)
		if d := ansi.Strip(s.View()); strings.Contains(d, s.env.Tr.Get("filter.matched")) {
			t.Fatalf("%s: a match note without a text:\n%s", lang, d)
		}
		keys := append([]string{"/"}, strings.Split("номер 2", "")...)
		wdrive(s, keyMsgs(append(keys, "enter")...)...)
		if got := selectedID(t, s); got != "q000002" {
			t.Errorf("%s: first row %s, want the whole word's q000002", lang, got)
		}
		wdrive(s, keyMsg("j"))
		if got := selectedID(t, s); got != "q000029" {
			t.Errorf("%s: second row %s, want q000029", lang, got)
		}
		view := ansi.Strip(s.View())
		want := s.env.Tr.Get("filter.matched") + " вопрос номер 29"
		if !strings.Contains(view, want) {
			t.Errorf("%s: the detail does not say %q:\n%s", lang, want, view)
		}
	}
}
