package panes

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// sgr matches the styling sequences the UI itself writes; anything else
// starting with ESC on screen came from buyer text.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

var inboxProduct = models.WBProductDetails{NmID: 191234500, ProductName: "Чай зелёный, 100 пакетиков", SupplierArticle: "CHAI-ZEL-100"}

func inboxQuestion(id string, age time.Duration, text string) models.Question {
	return models.Question{ID: id, Text: text, CreatedDate: models.Time{Time: wbFixedNow.Add(-age)}, State: models.QuestionNew,
		ProductDetails: inboxProduct}
}

func inboxFeedback(id string, age time.Duration, text string) models.Feedback {
	return models.Feedback{ID: id, Text: text, ProductValuation: 2, CreatedDate: models.Time{Time: wbFixedNow.Add(-age)},
		State: models.FeedbackNew, UserName: "Ольга", ProductDetails: inboxProduct}
}

// inboxStores: this profile has two questions and a feedback archived in
// 5 days; shop2 has a feedback archived in 2 hours.
func inboxStores(t *testing.T) (own, other *store.Store) {
	t.Helper()
	ctx := context.Background()
	own, other = inboxTempStore(t), inboxTempStore(t)
	if _, err := own.PutQuestions(ctx, []models.Question{
		inboxQuestion("q-old", 48*time.Hour, "Есть ли без кофеина?"),
		inboxQuestion("q-new", time.Hour, "Какой срок годности?"),
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := own.PutFeedbacks(ctx, []models.Feedback{inboxFeedback("f-own", 25*24*time.Hour, "Пакетики рвутся")}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.PutFeedbacks(ctx, []models.Feedback{inboxFeedback("f-other", 30*24*time.Hour-2*time.Hour, "Горчит")}); err != nil {
		t.Fatal(err)
	}
	return own, other
}

// inboxLoaded is an inbox pane over own and others with its first page
// and count in, at w×24.
func inboxLoaded(t *testing.T, lang i18n.Lang, w int, own *store.Store, others ...ui.ProfileStore) *inboxPane {
	t.Helper()
	env := wbTestEnv(lang)
	env.Store = own
	p := newInboxPane(env, own, others).(*inboxPane)
	p.SetSize(w, 24)
	wbDrive(t, p, wbRun(t, p.Init())...)
	return p
}

func inboxIDs(p *inboxPane) []string {
	var out []string
	for _, r := range p.Items() {
		out = append(out, r.profile+"/"+r.u.ID)
	}
	return out
}

func TestInboxMergesProfilesByDeadline(t *testing.T) {
	own, other := inboxStores(t)
	p := inboxLoaded(t, i18n.EN, 120, own, ui.ProfileStore{Name: "shop2", Store: other})
	want := []string{"shop2/f-other", "/f-own", "/q-old", "/q-new"}
	if got := inboxIDs(p); !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	if p.Badge() != 4 {
		t.Errorf("badge %d, want 4", p.Badge())
	}
	view := ansi.Strip(p.View())
	lines := strings.Split(view, "\n")
	if !strings.Contains(lines[0], "Feedback 2h") || !strings.Contains(lines[0], "[shop2] Чай зелёный") || strings.Contains(lines[1], "[") {
		t.Errorf("the other profile's row is not marked:\n%s", view)
	}
	// WB sets questions no deadline: the row shows the question's age
	if !strings.Contains(lines[2], "Question 2d ago ") || !strings.Contains(lines[3], "Question 1h ago ") {
		t.Errorf("a question shows a deadline rather than its age:\n%s", view)
	}
}

func TestInboxKeys(t *testing.T) {
	own, other := inboxStores(t)
	answer := wbKey("a")
	tests := []struct {
		name   string
		sel    int // row to select: 0 is shop2's feedback, 1 this profile's
		keys   []string
		want   tea.Msg // what the pane asks of the app; nil for nothing
		mode   ui.Mode
		filter string
	}{
		{name: "enter jumps to the item's tab", sel: 1, keys: []string{"enter"},
			want: ui.JumpMsg{Pane: ui.PaneFeedbacks, ID: "f-own"}},
		{name: "the answer key goes on to the item's tab", sel: 2, keys: []string{"a"},
			want: ui.JumpMsg{Pane: ui.PaneQuestions, ID: "q-old", Then: answer}},
		{name: "another profile's item asks first", sel: 0, keys: []string{"enter"}, mode: ui.ModeConfirm},
		{name: "yes switches profile, then jumps", sel: 0, keys: []string{"enter", "y"},
			want: ui.SwitchProfileMsg{Profile: "shop2", Jump: &ui.JumpMsg{Pane: ui.PaneFeedbacks, ID: "f-other"}}},
		{name: "no stays", sel: 0, keys: []string{"a", "n"}},
		{name: "keys typed into the filter are text", sel: 1, keys: []string{"/", "a"}, mode: ui.ModeFilter, filter: "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := inboxLoaded(t, i18n.EN, 120, own, ui.ProfileStore{Name: "shop2", Store: other})
			p.List().Select(tc.sel)
			var got []tea.Msg
			for _, k := range tc.keys {
				_, cmd := p.Update(wbKey(k))
				got = append(got, wbRun(t, cmd)...)
			}
			var asked []tea.Msg
			for _, m := range got {
				switch m.(type) {
				case ui.JumpMsg, ui.SwitchProfileMsg:
					asked = append(asked, m)
				}
			}
			switch {
			case tc.want == nil && len(asked) > 0:
				t.Errorf("asked %v", asked)
			case tc.want != nil && (len(asked) != 1 || !inboxSameAsk(asked[0], tc.want)):
				t.Errorf("asked %v, want %v", asked, tc.want)
			}
			if p.Mode() != tc.mode {
				t.Errorf("mode %v, want %v", p.Mode(), tc.mode)
			}
			if p.List().Query() != tc.filter {
				t.Errorf("filter %q, want %q", p.List().Query(), tc.filter)
			}
			if tc.mode == ui.ModeConfirm && !strings.Contains(ansi.Strip(p.View()), "Switch to profile shop2") {
				t.Errorf("no question on screen:\n%s", ansi.Strip(p.View()))
			}
		})
	}
}

// inboxSameAsk compares what the pane asked of the app; a switch carries
// its jump by pointer.
func inboxSameAsk(a, b tea.Msg) bool {
	sa, okA := a.(ui.SwitchProfileMsg)
	sb, okB := b.(ui.SwitchProfileMsg)
	if okA && okB {
		return sa.Profile == sb.Profile && sa.Jump != nil && sb.Jump != nil && *sa.Jump == *sb.Jump
	}
	return a == b
}

func TestInboxReloadsOnStoreChange(t *testing.T) {
	own, _ := inboxStores(t)
	p := inboxLoaded(t, i18n.EN, 120, own)
	if p.Badge() != 3 {
		t.Fatalf("badge %d before", p.Badge())
	}
	if _, err := own.PutQuestions(context.Background(), []models.Question{inboxQuestion("q-oldest", 72*time.Hour, "Это чёрный чай?")}); err != nil {
		t.Fatal(err)
	}
	_, cmd := p.Update(ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneQuestions}})
	wbDrive(t, p, wbRun(t, cmd)...)
	if got, want := inboxIDs(p), []string{"/f-own", "/q-oldest", "/q-old", "/q-new"}; !slices.Equal(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if p.Badge() != 4 {
		t.Errorf("badge %d after", p.Badge())
	}
}

// TestInboxWindowsReachEverything: the merged inbox of two stores reads
// windows of everything stored: `G` lands on the last item at once (it
// took three or four presses while the inbox paged), the position counts
// all of it, and `/` counts its matches in every store.
func TestInboxWindowsReachEverything(t *testing.T) {
	ctx := context.Background()
	own, other := inboxTempStore(t), inboxTempStore(t)
	var qs []models.Question
	for i := range 130 {
		qs = append(qs, inboxQuestion(fmt.Sprintf("q%03d", i), time.Duration(i)*time.Hour, "Есть ли размер?"))
	}
	var fs []models.Feedback
	for i := range 110 {
		fs = append(fs, inboxFeedback(fmt.Sprintf("f%03d", i), time.Duration(i)*5*time.Hour, "Пришёл с браком"))
	}
	if _, err := own.PutQuestions(ctx, qs); err != nil {
		t.Fatal(err)
	}
	if _, err := own.PutFeedbacks(ctx, fs[:40]); err != nil {
		t.Fatal(err)
	}
	if _, err := other.PutFeedbacks(ctx, fs[40:]); err != nil {
		t.Fatal(err)
	}
	p := inboxLoaded(t, i18n.EN, 120, own, ui.ProfileStore{Name: "shop2", Store: other})
	if p.Badge() != 240 {
		t.Fatalf("badge %d, want 240", p.Badge())
	}
	// Feedbacks (deadlines) first, the newest-created last; questions after.
	if first, ok := p.Selected(); !ok || first.u.ID != "f109" || first.profile != "shop2" {
		t.Fatalf("first row %+v", first)
	}
	wbDrive(t, p, wbKey("G"))
	last, ok := p.Selected()
	if pos, total, _ := p.Position(); !ok || last.u.ID != "q000" || pos != 240 || total != 240 {
		t.Fatalf("G: row %v at %d / %d, want q000 (the newest question) at 240 / 240", last, pos, total)
	}
	wbDrive(t, p, wbKeys("/", "б", "р", "а", "к", "enter")...)
	if _, total, _ := p.Position(); total != 110 || !strings.Contains(ansi.Strip(p.View()), "110") {
		t.Fatalf("/брак: %d rows\n%s", total, ansi.Strip(p.View()))
	}
}

func TestInboxDeadlineText(t *testing.T) {
	at := wbFixedNow
	tests := []struct {
		name   string
		left   time.Duration
		has    bool
		en, ru string
		style  func(theme.Styles) func(...string) string
	}{
		{"days and hours", 5*24*time.Hour + 3*time.Hour + 10*time.Minute, true, "5d 3h", "5 д 3 ч",
			func(st theme.Styles) func(...string) string { return st.Text.Render }},
		{"whole days", 2 * 24 * time.Hour, true, "2d", "2 д",
			func(st theme.Styles) func(...string) string { return st.Text.Render }},
		{"under a day warns", 20*time.Hour + 15*time.Minute, true, "20h 15m", "20 ч 15 мин",
			func(st theme.Styles) func(...string) string { return st.Warning.Render }},
		{"minutes", 45 * time.Minute, true, "45m", "45 мин",
			func(st theme.Styles) func(...string) string { return st.Warning.Render }},
		{"overdue hours", -2*time.Hour - 30*time.Minute, true, "overdue 2h", "просрочено 2 ч",
			func(st theme.Styles) func(...string) string { return st.Danger.Render }},
		{"overdue days keep the largest unit", -(3*24*time.Hour + 5*time.Hour), true, "overdue 3d", "просрочено 3 д",
			func(st theme.Styles) func(...string) string { return st.Danger.Render }},
		{"no deadline", 0, false, "—", "—",
			func(st theme.Styles) func(...string) string { return st.Muted.Render }},
	}
	st := theme.NewWith(theme.Options{Dark: true}) // colours on: the styles differ
	for _, tc := range tests {
		u := store.Urgent{At: at}
		if tc.has {
			u.Deadline = at.Add(tc.left)
		}
		for lang, want := range map[i18n.Lang]string{i18n.EN: tc.en, i18n.RU: tc.ru} {
			tr := i18n.New(lang)
			got := inboxLeft(tr, u, at)
			if got != want {
				t.Errorf("%s (%s): %q, want %q", tc.name, lang, got, want)
			}
			if w := inboxLeftWidth(tr); ansi.StringWidth(got) > w {
				t.Errorf("%s (%s): %q is wider than the column (%d)", tc.name, lang, got, w)
			}
		}
		if got, want := inboxLeftStyle(u, at, st)("x"), tc.style(st)("x"); got != want {
			t.Errorf("%s: styled %q, want %q", tc.name, got, want)
		}
	}
}

// TestInboxHostileTextInert: buyer texts full of escape sequences and
// bidi controls reach the rows and the detail inert, and no line is wider
// than the pane.
func TestInboxHostileTextInert(t *testing.T) {
	w := newInboxWorld(t, sandbox.Options{Hostile: true})
	hostile := 0
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, width := range []int{80, 160} {
			p := inboxLoaded(t, lang, width, w.st)
			st, tr := p.env.Styles, p.env.Tr
			check := func(what, out string, maxWidth int) {
				t.Helper()
				rest := sgr.ReplaceAllString(out, "")
				for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u2066", "\u009b"} {
					if strings.Contains(rest, bad) {
						t.Fatalf("%s %d, %s: %q reached the screen", lang, width, what, bad)
					}
				}
				for n, l := range strings.Split(out, "\n") {
					if ansi.StringWidth(l) > maxWidth {
						t.Fatalf("%s %d, %s: line %d is %d cells", lang, width, what, n, ansi.StringWidth(l))
					}
				}
			}
			check("pane", p.View(), width)
			for i, r := range p.Items() {
				if strings.ContainsAny(r.u.Snippet+r.u.Title, "\x1b\u202e\x07") {
					hostile++
				}
				what := fmt.Sprintf("row %d", i)
				check(what, inboxRowView(r, wbFixedNow, width, false, st, tr), width)
				check(what, inboxRowView(r, wbFixedNow, width, true, st, tr), width)
				check(what+" detail", inboxDetail(r, wbFixedNow, p.env.Keys, width/2, st, tr), width/2)
			}
		}
	}
	if hostile == 0 {
		t.Fatal("no hostile text reached the inbox: the test proves nothing")
	}
}
