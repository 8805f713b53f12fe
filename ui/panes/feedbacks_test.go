package panes

import (
	"context"
	"strconv"
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

func loadedFeedbacks(t *testing.T, c *wb.Client) *feedbacksPane {
	t.Helper()
	p := newFeedbacksPane(storeTestEnv(t, i18n.EN, c, nil, store.PaneFeedbacks), Deps{WB: c}).(*feedbacksPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.Items()) == 0 {
		t.Fatalf("first load: err %v, %d items", p.Err(), len(p.Items()))
	}
	return p
}

func TestFeedbacksGolden(t *testing.T) {
	wbGolden(t, newFeedbacksPane, wbScenes)
}

func TestFeedbacksBadgeIsTheCounter(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := loadedFeedbacks(t, c)
	want, err := c.FeedbacksCountUnanswered(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.Badge() != want.CountUnanswered {
		t.Errorf("badge %d, counter %d", p.Badge(), want.CountUnanswered)
	}
	for _, r := range p.Items() {
		if r.f.Answered() {
			t.Fatalf("the default list is unanswered feedbacks, got %s", r.f.ID)
		}
	}
}

// The menu filters every stored feedback. Fields: list (the store keeps
// answered and archived feedbacks as one), rating (any, 1–3, 4–5, 1…5),
// with photos, return available, article, product, from, to.
func TestFeedbacksFilterMenu(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{Scale: 2})
	base := loadedFeedbacks(t, wbClient(t, run))
	nm := base.Items()[0].f.ProductDetails.NmID
	typed := func(before []string, text string, after ...string) []tea.Msg {
		return append(append(wbKeys(before...), wbTyped(text)...), wbKeys(after...)...)
	}
	tests := []struct {
		name  string
		keys  []tea.Msg
		list  feedbacksList
		check func(t *testing.T, r *feedbackRow)
	}{
		{name: "answered", keys: wbKeys("f", "right", "enter"), list: feedbacksAnswered,
			check: func(t *testing.T, r *feedbackRow) {
				if !r.f.Answered() {
					t.Errorf("%s is not answered", r.f.ID)
				}
			}},
		{name: "five stars", keys: wbKeys("f", "tab", "left", "enter"), list: feedbacksUnanswered,
			check: func(t *testing.T, r *feedbackRow) {
				if r.f.ProductValuation != 5 {
					t.Errorf("%s has %d stars", r.f.ID, r.f.ProductValuation)
				}
			}},
		{name: "one to three stars", keys: wbKeys("f", "tab", "right", "enter"), list: feedbacksUnanswered,
			check: func(t *testing.T, r *feedbackRow) {
				if r.f.ProductValuation < 1 || r.f.ProductValuation > 3 {
					t.Errorf("%s has %d stars", r.f.ID, r.f.ProductValuation)
				}
			}},
		{name: "two stars, answered", keys: wbKeys("f", "right", "tab", "right", "right", "right", "right", "enter"), list: feedbacksAnswered,
			check: func(t *testing.T, r *feedbackRow) {
				if r.f.ProductValuation != 2 || !r.f.Answered() {
					t.Errorf("%s: %d stars, answered %v", r.f.ID, r.f.ProductValuation, r.f.Answered())
				}
			}},
		{name: "with photos", keys: wbKeys("f", "tab", "tab", "right", "enter"), list: feedbacksUnanswered,
			check: func(t *testing.T, r *feedbackRow) {
				if len(r.f.PhotoLinks) == 0 {
					t.Errorf("%s has no photos", r.f.ID)
				}
			}},
		{name: "nmId", keys: typed([]string{"f", "tab", "tab", "tab", "tab"}, strconv.FormatInt(nm, 10), "enter"), list: feedbacksUnanswered,
			check: func(t *testing.T, r *feedbackRow) {
				if r.f.ProductDetails.NmID != nm {
					t.Errorf("%s is about %d", r.f.ID, r.f.ProductDetails.NmID)
				}
			}},
		{name: "answered in one week", list: feedbacksAnswered,
			keys: append(typed([]string{"f", "right", "tab", "tab", "tab", "tab", "tab", "tab"}, "01.03.2026", "tab"), typed(nil, "07.03.2026", "enter")...),
			check: func(t *testing.T, r *feedbackRow) {
				d := r.f.CreatedDate.In(models.Moscow)
				if d.Before(time.Date(2026, 3, 1, 0, 0, 0, 0, models.Moscow)) || !d.Before(time.Date(2026, 3, 8, 0, 0, 0, 0, models.Moscow)) {
					t.Errorf("%s is of %s", r.f.ID, d)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := loadedFeedbacks(t, wbClient(t, run))
			wbDrive(t, p, tc.keys...)
			if p.menu.isOpen() || p.Mode() != ui.ModeNormal {
				t.Fatal("the menu did not close")
			}
			if p.filter.list != tc.list {
				t.Errorf("list %q, want %q", p.filter.list, tc.list)
			}
			if p.Err() != nil || len(p.Items()) == 0 {
				t.Fatalf("err %v, %d items", p.Err(), len(p.Items()))
			}
			for _, r := range p.Items() {
				tc.check(t, r)
			}
		})
	}
}

// Every rating filter lists every stored feedback of that rating, however
// rare on a page of the marketplace's list, and nothing else.
func TestFeedbacksRatingFilterCoversTheStore(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{Scale: 3})
	env := storeTestEnv(t, i18n.EN, c, nil, store.PaneFeedbacks)
	ctx := context.Background()
	for rating := 1; rating <= 5; rating++ {
		want, err := env.Store.Count(ctx, store.PaneQuery{Kind: store.KindFeedback,
			Filter: store.Filter{Status: store.StatusDone, RatingMin: rating, RatingMax: rating}})
		if err != nil {
			t.Fatal(err)
		}
		p := newFeedbacksPane(env, Deps{WB: c}).(*feedbacksPane)
		p.SetSize(160, 40)
		p.filter = feedbacksFilter{list: feedbacksAnswered, rating: rating}
		wbDrive(t, p, wbRun(t, p.Init())...)
		if p.List().Len() != want || want == 0 {
			t.Errorf("%d stars: %d listed, the store has %d", rating, p.List().Len(), want)
		}
		for _, r := range p.Items() {
			if r.f.ProductValuation != rating || !r.f.Answered() {
				t.Errorf("%d stars: got %s with %d", rating, r.f.ID, r.f.ProductValuation)
			}
		}
	}
}

// A store read overtaken by a newer one is dropped, its badge count too.
func TestFeedbacksStaleResultsDropped(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := newFeedbacksPane(storeTestEnv(t, i18n.EN, c, nil, store.PaneFeedbacks), Deps{WB: c}).(*feedbacksPane)
	p.SetSize(160, 40)
	old := wbRun(t, p.Init())
	wbDrive(t, p, wbKeys("f", "right", "enter")...)
	n, badge := p.List().Len(), p.Badge()
	wbDrive(t, p, old...)
	if len(p.Items()) == 0 {
		t.Fatal("nothing loaded")
	}
	for _, r := range p.Items() {
		if !r.f.Answered() {
			t.Fatalf("a stale unanswered window overwrote the answered list (%s)", r.f.ID)
		}
	}
	if p.List().Len() != n || p.Badge() != badge {
		t.Errorf("a stale read changed the list or the badge: %d → %d, %d → %d", n, p.List().Len(), badge, p.Badge())
	}
}

func TestFeedbackDetail(t *testing.T) {
	st := wbTestEnv(i18n.EN).Styles
	fb := models.Feedback{
		ID: "f1", Text: "Хорошая", Pros: "Цена", Cons: "Запах", ProductValuation: 4, UserName: "Анна",
		CreatedDate:  models.Time{Time: wbFixedNow.Add(-time.Hour)},
		MatchingSize: "ок", Color: "синий", Bables: []string{"цена", "качество"},
		PhotoLinks:                []models.PhotoLink{{}, {}, {}},
		Video:                     &models.FeedbackVideo{Link: "https://v/1.m3u8", DurationSec: 42},
		IsAbleReturnProductOrders: true,
		Answer:                    &models.FeedbackAnswer{Text: "Спасибо!", State: models.AnswerRejected, Editable: false},
		ProductDetails:            models.WBProductDetails{NmID: 7, ProductName: "Кружка", SupplierArticle: "MUG", BrandName: "Cleo", Size: "M"},
	}
	tests := []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.EN, []string{"★★★★☆", "Pros: Цена", "Cons: Запах", "Buyer: Анна", "true to size", "3 photos", "video 0:42",
			"Tags: цена, качество", "Return available: yes", "Size: M", "Colour: синий", "rejected by moderation", "Can be edited: no"}},
		{i18n.RU, []string{"Достоинства: Цена", "соответствует размеру", "3 фото", "видео 0:42", "Можно оформить возврат: да",
			"отклонён модерацией", "Можно изменить: нет"}},
	}
	for _, tc := range tests {
		tr := i18n.New(tc.lang)
		d := stripSGR(feedbacksDetail(newFeedbackRow(fb, wbFixedNow, tr), 70, st, tr))
		for _, w := range tc.want {
			if !contains(d, w) {
				t.Errorf("%s: detail lacks %q:\n%s", tc.lang, w, d)
			}
		}
	}
}
