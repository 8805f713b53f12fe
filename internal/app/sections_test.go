package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// TestUISections: a section's filter words become the store query the
// pane reads, unanswered by default.
func TestUISections(t *testing.T) {
	got := UISections([]config.Section{
		{Name: "5★", Pane: "feedbacks", Filter: "rating:4-5 notext photos", Days: 7, Template: "t", Auto: true, DailyCap: 20},
		{Name: "Размер", Pane: "questions", Filter: "answered размер article:ABC product:кружка"},
		{Name: "Все", Pane: "chats", Filter: "all"},
	})
	want := []ui.Section{
		{Name: "5★", Pane: ui.PaneFeedbacks, Days: 7, Template: "t", Auto: true, DailyCap: 20,
			Filter: store.Filter{RatingMin: 4, RatingMax: 5, NoText: true, WithPhotos: true, Status: store.StatusNeedsAction}},
		{Name: "Размер", Pane: ui.PaneQuestions, Text: "размер",
			Filter: store.Filter{Article: "ABC", Product: "кружка", Status: store.StatusDone}},
		{Name: "Все", Pane: ui.PaneChats, Filter: store.Filter{Status: store.StatusAny}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d sections", len(got))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Pane != w.Pane || g.Text != w.Text || g.Days != w.Days || g.Template != w.Template ||
			g.Auto != w.Auto || g.DailyCap != w.DailyCap || g.Filter.RatingMin != w.Filter.RatingMin ||
			g.Filter.RatingMax != w.Filter.RatingMax || g.Filter.NoText != w.Filter.NoText ||
			g.Filter.WithPhotos != w.Filter.WithPhotos || g.Filter.Article != w.Filter.Article ||
			g.Filter.Product != w.Filter.Product || g.Filter.Status != w.Filter.Status {
			t.Errorf("section %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// TestSectionTemplateMustExist: a section naming a template the
// templates file lacks stops the start with the config's error.
func TestSectionTemplateMustExist(t *testing.T) {
	tpl, err := reply.LoadTemplates(filepath.Join(t.TempDir(), "templates.toml")) // the defaults
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{cfgPath: "/home/u/.config/sellerinbox/config.toml", cfg: config.Config{Sections: []config.Section{
		{Name: "5★", Pane: "feedbacks", Template: "Спасибо за отличную оценку"},
		{Name: "Размеры", Pane: "questions", Template: "Нет такого"},
	}}}
	_, err = s.sections(tpl)
	var ce *config.Error
	if !errors.As(err, &ce) || len(ce.Problems) != 1 || !strings.Contains(err.Error(), `config.toml: sections[1].template: there is no template named "Нет такого"`) {
		t.Fatalf("got %v", err)
	}
	s.cfg.Sections = s.cfg.Sections[:1]
	if got, err := s.sections(tpl); err != nil || len(got) != 1 {
		t.Fatalf("a known template: %v, %v", got, err)
	}
}
