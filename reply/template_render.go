package reply

import (
	"fmt"
	"slices"
	"strings"
)

// Placeholder is a value a template can insert.
type Placeholder struct {
	Name string
	Help string
}

// Placeholders are every name a template may use, written {name}; "{{"
// and "}}" stand for literal braces.
var Placeholders = []Placeholder{
	{"buyer", "the buyer's name"},
	{"product", "the product's name"},
	{"brand", "the product's brand"},
	{"article", "the seller's article (vendor code)"},
	{"nmid", "the Wildberries article (nmID)"},
	{"rating", "the feedback's stars, 1 to 5"},
	{"order", "the order number"},
	{"return", "the return or claim number"},
	{"date", "the item's date"},
	{"seller", "the shop's name"},
}

func knownPlaceholder(name string) bool {
	return slices.ContainsFunc(Placeholders, func(p Placeholder) bool { return p.Name == name })
}

// segment is literal text or, when ph is set, a placeholder.
type segment struct {
	text string
	ph   bool
}

// parseTemplate splits text into literals and placeholders.
func parseTemplate(text string) ([]segment, error) {
	var segs []segment
	var lit strings.Builder
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '{' && i+1 < len(rs) && rs[i+1] == '{':
			lit.WriteRune('{')
			i++
		case r == '}' && i+1 < len(rs) && rs[i+1] == '}':
			lit.WriteRune('}')
			i++
		case r == '{':
			end := slices.Index(rs[i+1:], '}')
			if end < 0 {
				return nil, fmt.Errorf("a { at character %d is never closed (write {{ for a literal brace)", i+1)
			}
			if lit.Len() > 0 {
				segs = append(segs, segment{text: lit.String()})
				lit.Reset()
			}
			segs = append(segs, segment{text: string(rs[i+1 : i+1+end]), ph: true})
			i += end + 1
		default:
			lit.WriteRune(r)
		}
	}
	if lit.Len() > 0 {
		segs = append(segs, segment{text: lit.String()})
	}
	return segs, nil
}

// UsedPlaceholders lists the placeholders a text uses, each once, in
// order of appearance.
func UsedPlaceholders(text string) ([]string, error) {
	segs, err := parseTemplate(text)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range segs {
		if s.ph && !slices.Contains(out, s.text) {
			out = append(out, s.text)
		}
	}
	return out, nil
}

// RenderError lists everything that kept a template from rendering.
type RenderError struct {
	Template string
	Unknown  []string // placeholders that do not exist
	Missing  []string // placeholders without a value for this item
}

func (e *RenderError) Error() string {
	var parts []string
	if len(e.Unknown) > 0 {
		parts = append(parts, "unknown placeholders "+Braces(e.Unknown))
	}
	if len(e.Missing) > 0 {
		parts = append(parts, "no value for "+Braces(e.Missing))
	}
	return fmt.Sprintf("template %q cannot be used: %s", e.Template, strings.Join(parts, "; "))
}

// Braces names placeholders as a template writes them: "{order}, {buyer}".
func Braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return strings.Join(out, ", ")
}

// Render fills t's placeholders from vars. Any unknown placeholder or
// missing (blank) value is an error naming all of them: a reply is never
// produced half-filled.
func Render(t Template, vars map[string]string) (string, error) {
	segs, err := parseTemplate(t.Text)
	if err != nil {
		return "", fmt.Errorf("template %q: %w", t.Name, err)
	}
	re := &RenderError{Template: t.Name}
	var b strings.Builder
	for _, s := range segs {
		if !s.ph {
			b.WriteString(s.text)
			continue
		}
		switch v := vars[s.text]; {
		case !knownPlaceholder(s.text):
			if !slices.Contains(re.Unknown, s.text) {
				re.Unknown = append(re.Unknown, s.text)
			}
		case strings.TrimSpace(v) == "":
			if !slices.Contains(re.Missing, s.text) {
				re.Missing = append(re.Missing, s.text)
			}
		default:
			b.WriteString(v)
		}
	}
	if len(re.Unknown) > 0 || len(re.Missing) > 0 {
		return "", re
	}
	return b.String(), nil
}
