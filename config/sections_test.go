package config

import (
	"errors"
	"strings"
	"testing"
)

func TestSectionsParse(t *testing.T) {
	c, err := Parse("config.toml", []byte(`
[[sections]]
name = "5★ без текста"
pane = "feedbacks"
filter = "rating:5 notext"
days = 7
template = "Спасибо за оценку"
auto = true
daily_cap = 50

[[sections]]
name = "Размеры"
pane = "questions"
filter = "размер article:KRUZH-450"
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sections) != 2 || c.Sections[0].DailyCap != 50 || !c.Sections[0].Auto || c.Sections[1].Pane != "questions" {
		t.Fatalf("sections: %+v", c.Sections)
	}
	f, err := ParseSectionFilter("feedbacks", c.Sections[0].Filter)
	if err != nil || f.RatingMin != 5 || f.RatingMax != 5 || !f.NoText || f.Status != "unanswered" || f.Text != "" {
		t.Errorf("feedbacks filter: %+v, %v", f, err)
	}
	f, err = ParseSectionFilter("questions", c.Sections[1].Filter)
	if err != nil || f.Article != "KRUZH-450" || f.Text != "размер" {
		t.Errorf("questions filter: %+v, %v", f, err)
	}
	ps := c.SectionTemplateProblems(func(name string) bool { return name == "другой" })
	if len(ps) != 1 || ps[0].Key != "sections[0].template" || !strings.Contains(ps[0].Msg, "Спасибо за оценку") {
		t.Errorf("unknown template: %+v", ps)
	}
}

// TestSectionsValidate: every mistake is a start-up error naming the
// section's key and line.
func TestSectionsValidate(t *testing.T) {
	tests := []struct {
		name, toml, key, msg string
		line                 int
	}{
		{"unknown pane", "[[sections]]\nname = \"x\"\npane = \"reviews\"\n", "sections[0].pane", `"reviews" is not one of`, 3},
		{"unknown filter", "[[sections]]\nname = \"x\"\npane = \"feedbacks\"\nfilter = \"stars:5\"\n", "sections[0].filter", `unknown filter "stars"`, 4},
		{"bad rating", "[[sections]]\nname = \"x\"\npane = \"feedbacks\"\nfilter = \"rating:6\"\n", "sections[0].filter", "stars 1 to 5", 4},
		{"rating of questions", "[[sections]]\nname = \"x\"\npane = \"questions\"\nfilter = \"rating:5\"\n", "sections[0].filter", "feedbacks only", 4},
		{"auto without template", "[[sections]]\nname = \"x\"\npane = \"feedbacks\"\nauto = true\n", "sections[0].auto", "needs a template", 4},
		{"template on claims", "[[sections]]\nname = \"x\"\npane = \"claims\"\ntemplate = \"t\"\n", "sections[0].template", "not answered with templates", 4},
		{"no name", "[[sections]]\npane = \"feedbacks\"\n", "sections[0].name", "is empty", 1},
		{"twice", "[[sections]]\nname = \"x\"\npane = \"feedbacks\"\n[[sections]]\nname = \"x\"\npane = \"feedbacks\"\n", "sections[1].name", "two sections", 5},
		{"cap", "[[sections]]\nname = \"x\"\npane = \"feedbacks\"\ndaily_cap = -1\n", "sections[0].daily_cap", "between 1 and", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tt.toml))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("no config error: %v", err)
			}
			for _, p := range ce.Problems {
				if p.Key == tt.key && strings.Contains(p.Msg, tt.msg) {
					if p.Line != tt.line {
						t.Errorf("line %d, want %d", p.Line, tt.line)
					}
					return
				}
			}
			t.Errorf("no %s problem with %q: %v", tt.key, tt.msg, err)
		})
	}
}
