package config

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Section is one [[sections]] table: a saved view of a pane, shown as a
// sub-tab with its count (gh-dash style), e.g.
//
//	[[sections]]
//	name = "5★ без текста"
//	pane = "feedbacks"
//	filter = "rating:5 notext"
//	days = 7
//	template = "Спасибо за оценку"
//	auto = false
//	daily_cap = 50
//
// A section that names a template is answered whole with it (the bulk
// key, after a preview); auto = true answers it on each sync, through
// the undo window, at most daily_cap a day.
type Section struct {
	Name     string `toml:"name"`
	Pane     string `toml:"pane"`
	Filter   string `toml:"filter,omitempty"`
	Days     int    `toml:"days,omitempty"`
	Template string `toml:"template,omitempty"`
	Auto     bool   `toml:"auto,omitempty"`
	DailyCap int    `toml:"daily_cap,omitempty"`
}

// BulkPanes are the panes whose sections can be answered with a
// template: a claim or a return is decided one by one, a chat answered
// in its conversation.
var BulkPanes = []string{"questions", "feedbacks"}

// MaxDailyCap bounds daily_cap: more automatic answers a day than any
// shop's 5-star feedbacks is a typo.
const MaxDailyCap = 5000

// SectionFilter is a section's filter words, parsed:
//
//	rating:5 | rating:4-5   the feedback's stars (feedbacks)
//	notext                  feedbacks with no text, pros or cons
//	photos                  feedbacks with photos
//	answered | all          answered items, or every item (default: the unanswered)
//	article:CODE            a vendor code or WB article
//	product:WORD            a word of the product name
//	anything else           words matched as the / search matches them
type SectionFilter struct {
	RatingMin, RatingMax int
	NoText, Photos       bool
	// Status is "unanswered" (the default), "answered" or "all".
	Status           string
	Article, Product string
	Text             string
}

// ParseSectionFilter reads a section's filter for pane.
func ParseSectionFilter(pane, s string) (SectionFilter, error) {
	f := SectionFilter{Status: "unanswered"}
	var text []string
	var errs []error
	feedbacksOnly := func(word string) {
		if pane != "feedbacks" {
			errs = append(errs, fmt.Errorf("%q selects feedbacks only, not %s", word, pane))
		}
	}
	for _, w := range strings.Fields(s) {
		k, v, hasValue := strings.Cut(w, ":")
		switch {
		case w == "notext":
			feedbacksOnly(w)
			f.NoText = true
		case w == "photos":
			feedbacksOnly(w)
			f.Photos = true
		case w == "answered" || w == "unanswered" || w == "all":
			f.Status = w
		case hasValue && k == "rating":
			feedbacksOnly(w)
			lo, hi, isRange := strings.Cut(v, "-")
			if !isRange {
				hi = lo
			}
			a, errA := strconv.Atoi(lo)
			b, errB := strconv.Atoi(hi)
			if errA != nil || errB != nil || a < 1 || b > 5 || a > b {
				errs = append(errs, fmt.Errorf("%q is not rating:N or rating:N-M with stars 1 to 5", w))
				continue
			}
			f.RatingMin, f.RatingMax = a, b
		case hasValue && k == "article" && v != "":
			f.Article = v
		case hasValue && k == "product" && v != "":
			f.Product = v
		case hasValue && !strings.ContainsAny(k, " ") && k != "" && strings.IndexFunc(k, func(r rune) bool { return r > 127 }) < 0:
			errs = append(errs, fmt.Errorf("%q: unknown filter %q (known: rating, notext, photos, answered, all, article, product)", w, k))
		default:
			text = append(text, w)
		}
	}
	f.Text = strings.Join(text, " ")
	return f, errors.Join(errs...)
}

// validateSections adds the sections' problems.
func (c *Config) validateSections(add func(key, format string, args ...any)) {
	names := map[string]bool{}
	for i, s := range c.Sections {
		key := fmt.Sprintf("sections[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			add(key+".name", "is empty: a section needs a name for its tab")
		}
		if !slices.Contains(Panes, s.Pane) {
			add(key+".pane", "%q is not one of %s", s.Pane, strings.Join(Panes, ", "))
			continue
		}
		if names[s.Pane+"\x00"+s.Name] {
			add(key+".name", "%s has two sections named %q", s.Pane, s.Name)
		}
		names[s.Pane+"\x00"+s.Name] = true
		if _, err := ParseSectionFilter(s.Pane, s.Filter); err != nil {
			for _, e := range unjoin(err) {
				add(key+".filter", "%v", e)
			}
		}
		if s.Days < 0 {
			add(key+".days", "%d is negative: leave it out for no limit", s.Days)
		}
		if s.DailyCap < 0 || s.DailyCap > MaxDailyCap {
			add(key+".daily_cap", "%d is not between 1 and %d (leave it out for 50)", s.DailyCap, MaxDailyCap)
		}
		if s.Template != "" && !slices.Contains(BulkPanes, s.Pane) {
			add(key+".template", "%s are not answered with templates in bulk (only %s)", s.Pane, strings.Join(BulkPanes, ", "))
		}
		if s.Auto && s.Template == "" {
			add(key+".auto", "auto = true needs a template to answer with")
		}
	}
}

// SectionTemplateProblems names every section whose template is not
// among the templates (has), so the app refuses to start rather than
// answer with nothing: the templates file is read after the config.
func (c *Config) SectionTemplateProblems(has func(name string) bool) []Problem {
	var ps []Problem
	for i, s := range c.Sections {
		if s.Template != "" && !has(s.Template) {
			ps = append(ps, Problem{Key: fmt.Sprintf("sections[%d].template", i),
				Msg: fmt.Sprintf("there is no template named %q in the templates file", s.Template)})
		}
	}
	return ps
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
