package app

import (
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// sections are the config's [[sections]] for the panes. A section naming
// a template the templates file lacks stops the start with the config's
// own error (file and key): answering a section with nothing, or every
// sync failing to, is worse than not starting.
func (s *Session) sections(tpl *reply.Templates) ([]ui.Section, error) {
	if len(s.cfg.Sections) == 0 {
		return nil, nil
	}
	has := func(string) bool { return false }
	if tpl != nil {
		has = func(name string) bool { _, ok := tpl.Get(name); return ok }
	}
	if ps := s.cfg.SectionTemplateProblems(has); len(ps) > 0 {
		return nil, &config.Error{Path: s.cfgPath, Problems: ps}
	}
	return UISections(s.cfg.Sections), nil
}

// UISections turns the config's sections into the panes' (the config
// was validated: a filter that does not parse selects as written up to
// its mistake, which Load already refused).
func UISections(cs []config.Section) []ui.Section {
	out := make([]ui.Section, 0, len(cs))
	for _, c := range cs {
		f, _ := config.ParseSectionFilter(c.Pane, c.Filter)
		sec := ui.Section{Name: c.Name, Pane: ui.PaneID(c.Pane), Text: f.Text, Days: c.Days,
			Template: c.Template, Auto: c.Auto, DailyCap: c.DailyCap}
		sec.Filter = store.Filter{RatingMin: f.RatingMin, RatingMax: f.RatingMax, NoText: f.NoText,
			WithPhotos: f.Photos, Article: f.Article, Product: f.Product}
		switch f.Status {
		case "answered":
			sec.Filter.Status = store.StatusDone
		case "all":
			sec.Filter.Status = store.StatusAny
		default:
			sec.Filter.Status = store.StatusNeedsAction
		}
		out = append(out, sec)
	}
	return out
}
