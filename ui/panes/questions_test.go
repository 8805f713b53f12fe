package panes

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// loadedQuestions is a questions pane after its first page and counter.
func loadedQuestions(t *testing.T, c *wb.Client) *questionsPane {
	t.Helper()
	p := newQuestionsPane(storeTestEnv(t, i18n.EN, c, nil, store.PaneQuestions), Deps{WB: c}).(*questionsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.Items()) == 0 {
		t.Fatalf("first load: err %v, %d items", p.Err(), len(p.Items()))
	}
	return p
}

func TestQuestionsBadgeIsTheCounter(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{Scale: 2})
	p := loadedQuestions(t, c)
	want, err := c.QuestionsCountUnanswered(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The counter covers every page, not only the loaded one.
	if p.Badge() != want.CountUnanswered || want.CountUnanswered <= len(p.Items()) {
		t.Errorf("badge %d, counter %d, loaded %d", p.Badge(), want.CountUnanswered, len(p.Items()))
	}
	for _, r := range p.Items() {
		if r.q.Answered() {
			t.Fatalf("the default list is unanswered questions, got %s (%s)", r.q.ID, r.q.State)
		}
	}
}

// The menu filters every stored question: answered or not, an article
// (WB's number or the vendor code, as typed), a part of the product name
// and a period; bad input keeps it open; the badge stays the count of
// unanswered questions whatever the filter.
func TestQuestionsFilterMenu(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	base := loadedQuestions(t, wbClient(t, run))
	first := base.Items()[0].q
	nm := first.ProductDetails.NmID
	vendor := strings.ToLower(first.ProductDetails.SupplierArticle)
	word := []rune(first.ProductDetails.ProductName)
	part := strings.ToUpper(string(word[:min(len(word), 5)]))
	day := first.CreatedDate.In(models.Moscow)
	dayStr := day.Format(dayLayout)
	typed := func(before []string, text string, after ...string) []tea.Msg {
		return append(append(wbKeys(before...), wbTyped(text)...), wbKeys(after...)...)
	}

	tests := []struct {
		name     string
		keys     []tea.Msg
		open     bool // the menu is still open afterwards
		check    func(t *testing.T, r *questionRow)
		answered bool
		article  string
	}{
		{name: "answered", keys: wbKeys("f", "right", "enter"), answered: true,
			check: func(t *testing.T, r *questionRow) {
				if !r.q.Answered() {
					t.Errorf("%s is not answered", r.q.ID)
				}
			}},
		{name: "nmId", keys: typed([]string{"f", "tab"}, strconv.FormatInt(nm, 10), "enter"), article: strconv.FormatInt(nm, 10),
			check: func(t *testing.T, r *questionRow) {
				if r.q.ProductDetails.NmID != nm {
					t.Errorf("%s is about %d", r.q.ID, r.q.ProductDetails.NmID)
				}
			}},
		{name: "vendor code in any case", keys: typed([]string{"f", "tab"}, vendor, "enter"), article: vendor,
			check: func(t *testing.T, r *questionRow) {
				if !strings.EqualFold(r.q.ProductDetails.SupplierArticle, vendor) {
					t.Errorf("%s is about %s", r.q.ID, r.q.ProductDetails.SupplierArticle)
				}
			}},
		{name: "part of the product name", keys: typed([]string{"f", "tab", "tab"}, part, "enter"),
			check: func(t *testing.T, r *questionRow) {
				if !strings.Contains(strings.ToUpper(r.q.ProductDetails.ProductName), part) {
					t.Errorf("%s is about %s", r.q.ID, r.q.ProductDetails.ProductName)
				}
			}},
		{name: "one day", keys: append(typed([]string{"f", "tab", "tab", "tab"}, dayStr, "tab"), typed(nil, dayStr, "enter")...),
			check: func(t *testing.T, r *questionRow) {
				if got := r.q.CreatedDate.In(models.Moscow).Format(dayLayout); got != dayStr {
					t.Errorf("%s is of %s", r.q.ID, got)
				}
			}},
		{name: "bad date keeps the menu open", keys: typed([]string{"f", "tab", "tab", "tab"}, "31.02.2026", "enter"), open: true},
		{name: "reversed period keeps the menu open",
			keys: append(typed([]string{"f", "tab", "tab", "tab"}, "10.03.2026", "tab"), typed(nil, "01.03.2026", "enter")...),
			open: true},
		{name: "esc keeps the filter", keys: wbKeys("f", "right", "esc"),
			check: func(t *testing.T, r *questionRow) {
				if r.q.Answered() {
					t.Errorf("%s: the cancelled menu changed the list", r.q.ID)
				}
			}},
		{name: "q and digits are typed, not global", keys: typed([]string{"f", "tab"}, "q1"), open: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := loadedQuestions(t, wbClient(t, run))
			wbDrive(t, p, tc.keys...)
			if p.menu.isOpen() != tc.open {
				t.Fatalf("menu open %v, want %v", p.menu.isOpen(), tc.open)
			}
			if tc.open {
				if p.Mode() != ui.ModeEdit {
					t.Errorf("mode %v while the menu is open", p.Mode())
				}
				if p.filter != base.filter {
					t.Errorf("an unapplied menu changed the filter: %+v", p.filter)
				}
				return
			}
			if p.Mode() != ui.ModeNormal {
				t.Errorf("mode %v after the menu closed", p.Mode())
			}
			if p.filter.answered != tc.answered || p.filter.article != tc.article {
				t.Errorf("filter %+v", p.filter)
			}
			if len(p.Items()) == 0 {
				t.Fatal("the filter left nothing to check")
			}
			for _, r := range p.Items() {
				tc.check(t, r)
			}
			if p.Badge() != base.Badge() {
				t.Errorf("badge %d under the filter, want the %d unanswered", p.Badge(), base.Badge())
			}
		})
	}
}

// The pane holds a window of the stored questions: the list's length is
// every stored unanswered one, `G` reads the window at the real end, and
// going back to the top reads the first again.
func TestQuestionsPagingReadsWindows(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{Scale: 2})
	p := loadedQuestions(t, c)
	want, err := c.QuestionsCountUnanswered(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := want.CountUnanswered
	if p.List().Len() != n || len(p.Items()) >= n {
		t.Fatalf("%d listed (%d held), want all %d listed and fewer held", p.List().Len(), len(p.Items()), n)
	}
	top, _ := p.Selected()
	wbDrive(t, p, wbKeys("G")...)
	last, ok := p.Selected()
	if !ok || p.List().Cursor() != n-1 || last.q.ID == top.q.ID || last.q.Answered() {
		t.Fatalf("G: cursor %d of %d, selected %v", p.List().Cursor(), n, ok)
	}
	if pos, total, ok := p.Position(); !ok || pos != n || total != n {
		t.Errorf("status position %d / %d, want %d / %d", pos, total, n, n)
	}
	wbDrive(t, p, wbKeys("g")...)
	if again, ok := p.Selected(); !ok || again.q.ID != top.q.ID {
		t.Errorf("g: %v on %s, want %s", ok, again.q.ID, top.q.ID)
	}
}

// A store read overtaken by a newer one (the menu switched to answered
// questions while the first window was on its way) is dropped, and so is
// its badge count.
func TestQuestionsStaleResultsDropped(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := newQuestionsPane(storeTestEnv(t, i18n.EN, c, nil, store.PaneQuestions), Deps{WB: c}).(*questionsPane)
	p.SetSize(160, 40)
	// The first window and badge are read but not delivered yet.
	old := wbRun(t, p.Init())
	if len(old) < 2 {
		t.Fatalf("expected the first window and badge, got %d messages", len(old))
	}
	// Then the menu switches to answered questions, which arrive first.
	wbDrive(t, p, wbKeys("f", "right", "enter")...)
	if len(p.Items()) == 0 || !p.Items()[0].q.Answered() {
		t.Fatal("the answered list did not load")
	}
	n, badge := p.List().Len(), p.Badge()
	wbDrive(t, p, old...)
	for _, r := range p.Items() {
		if !r.q.Answered() {
			t.Fatalf("a stale unanswered window overwrote the answered list (%s)", r.q.ID)
		}
	}
	if p.List().Len() != n || p.Badge() != badge {
		t.Errorf("a stale read changed the list or the badge: %d → %d, %d → %d", n, p.List().Len(), badge, p.Badge())
	}
}

// A failed sync leaves the stored questions on screen: the status bar
// says the sync failed and that the list is saved data, and the badge
// stays the store's count.
func TestQuestionsSyncFailureKeepsStoredRows(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	env := storeTestEnv(t, i18n.EN, c, nil, store.PaneQuestions)
	p := newQuestionsPane(env, Deps{WB: c})
	app := inboxApp(t, env, ui.AppOptions{}, 120, 30, p)
	before := p.Badge()
	inboxDrive(t, app, ui.StatusMsg{Pane: ui.PaneQuestions, Err: context.DeadlineExceeded, Cached: true})
	view := stripSGR(app.View().Content)
	qp := p.(*questionsPane)
	sel, ok := qp.Selected()
	if !ok || !contains(view, firstWords(sel.text)) {
		t.Fatalf("the stored rows left the screen:\n%s", view)
	}
	if !contains(view, "saved") {
		t.Errorf("the status bar does not say the list is saved data:\n%s", view)
	}
	if p.Badge() != before || before == 0 {
		t.Errorf("badge %d, was %d", p.Badge(), before)
	}
}

func TestQuestionRowAndDetail(t *testing.T) {
	st := wbTestEnv(i18n.EN).Styles
	created := models.Time{Time: wbFixedNow.Add(-2 * time.Hour)}
	q := models.Question{
		ID: "q1", Text: "Есть ли\nдругие цвета?", CreatedDate: created, State: models.QuestionAnswered, WasViewed: true,
		Answer:         &models.QuestionAnswer{Text: "Да, три цвета.", Editable: true, CreateDate: created},
		ProductDetails: models.WBProductDetails{NmID: 42, ProductName: "Кружка", SupplierArticle: "MUG-1", BrandName: "Cleo", SupplierName: "ИП"},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		tr := i18n.New(lang)
		r := newQuestionRow(q, wbFixedNow, tr)
		row := questionsRow(r, 60, false, st)
		if w := len([]rune(stripSGR(row))); w != 60 {
			t.Errorf("%s: row is %d cells: %q", lang, w, row)
		}
		d := stripSGR(questionsDetail(r, 60, st, tr))
		for _, want := range []string{"Кружка", "MUG-1", "Cleo", "42", "Да, три цвета.", tr.Label(wbGroupQuestionState, string(models.QuestionAnswered)), tr.Get("wb.answer.edit")} {
			if !contains(d, want) {
				t.Errorf("%s: detail lacks %q:\n%s", lang, want, d)
			}
		}
	}
}
