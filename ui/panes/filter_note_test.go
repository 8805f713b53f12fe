package panes

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A filter in force is named above the list in every WB pane, so "Nothing
// here" under a filter never looks like an empty inbox, and esc on the list
// clears it.
func TestFilterNoteShownAndClearedByEsc(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	env := storeTestEnv(t, i18n.EN, c, nil, store.PaneQuestions, store.PaneFeedbacks, store.PaneChats)
	cases := []struct {
		name   string
		pane   func() ui.Pane
		filter func(p ui.Pane)
		note   string
	}{
		{"feedbacks", func() ui.Pane { return newFeedbacksPane(env, Deps{WB: c}) }, func(p ui.Pane) {
			p.(*feedbacksPane).filter = feedbacksFilter{list: feedbacksAnswered, rating: 1, ratingMax: 3, photos: true}
		}, "Filter: answered · 1–3 ★ · With photos · f to change, esc to clear"},
		{"questions", func() ui.Pane { return newQuestionsPane(env, Deps{WB: c}) }, func(p ui.Pane) {
			p.(*questionsPane).filter.product = "плед"
		}, "Filter: «плед» · f to change, esc to clear"},
		{"chats", func() ui.Pane { return newChatsPane(env, Deps{WB: c}) }, func(p ui.Pane) {
			p.(*chatsPane).show = chatsNeedsReply
		}, "Filter: needs reply · f to change, esc to clear"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.pane()
			p.SetSize(160, 40)
			wbDrive(t, p, wbRun(t, p.Init())...)
			before := p.(interface{ Position() (int, int, bool) })
			_, all, _ := before.Position()
			if v := ansi.Strip(p.View()); strings.Contains(v, "Filter:") {
				t.Fatalf("a note over the default view:\n%s", v)
			}
			tc.filter(p)
			wbDrive(t, p, ui.RefreshMsg{})
			v := ansi.Strip(p.View())
			if first := strings.SplitN(v, "\n", 2)[0]; !strings.Contains(first, tc.note) {
				t.Fatalf("the first line is %q, want the note %q", first, tc.note)
			}
			if n := len(strings.Split(v, "\n")); n != 40 {
				t.Errorf("the pane is %d lines with the note, want 40", n)
			}
			wbDrive(t, p, wbKey("esc"))
			if v := ansi.Strip(p.View()); strings.Contains(v, "Filter:") {
				t.Errorf("esc left the note:\n%s", v)
			}
			if _, n, _ := before.Position(); n != all {
				t.Errorf("after esc %d items, want the default view's %d", n, all)
			}
		})
	}
}
