package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// tmplField is a field of the template form, in focus order.
type tmplField int

const (
	fieldName tmplField = iota
	fieldPanes
	fieldRatings
	fieldText
	fieldCount
)

// tmplForm edits one template: name, the panes it is offered in, the
// feedback ratings it fits and its text, with the placeholders checked as
// they are typed.
type tmplForm struct {
	env     Env
	editing bool   // an existing template (else a new one)
	orig    string // its name in the store, which the form may change
	others  []reply.Template

	name, ratings textinput.Model
	text          textarea.Model
	panes         []reply.Pane // ticked, in reply.Panes order; none: every pane
	choice        int          // the panes field's cursor: 0 is "all", then reply.Panes
	focus         tmplField
	// tried: a save was refused, so every problem shows from now on
	// rather than only those of the placeholders.
	tried   bool
	initial string // the fields at opening, to tell whether esc loses work
}

// newTmplForm opens t (a zero Template for a new one). The template may
// come from a hand-edited file, so its name and text are made inert
// before they reach the inputs, which draw what they hold.
func newTmplForm(env Env, t reply.Template, editing bool, all []reply.Template) *tmplForm {
	f := &tmplForm{env: env, editing: editing}
	if editing {
		f.orig = t.Name
	}
	for _, o := range all {
		if !editing || o.Name != t.Name {
			f.others = append(f.others, o)
		}
	}
	tr := env.Tr
	f.name = newTmplInput(env, tr.Get("tm.name.placeholder"), 100)
	f.name.SetValue(safe.Line(t.Name))
	f.ratings = newTmplInput(env, tr.Get("tm.ratings.placeholder"), 20)
	f.ratings.SetValue(formatRatings(t.Ratings, "-"))
	for _, p := range reply.Panes {
		if slices.Contains(t.Panes, p) {
			f.panes = append(f.panes, p)
		}
	}
	f.text = textarea.New()
	f.text.ShowLineNumbers = false
	f.text.CharLimit = 0 // a long text is the user's call, never cut
	f.text.MaxHeight = 0
	f.text.Prompt = ""
	f.text.Placeholder = tr.Get("tm.text.placeholder")
	f.text.SetStyles(textareaStyles(env.Styles))
	f.text.SetValue(safe.Text(t.Text))
	f.focusField(fieldName)
	f.initial = f.snapshot()
	return f
}

func newTmplInput(env Env, placeholder string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	in.Placeholder = placeholder
	in.SetStyles(inputStyles(env.Styles))
	return in
}

// focusField moves the focus, wrapping around. The inputs' blink commands
// are dropped: the cursor stays lit.
func (f *tmplForm) focusField(i tmplField) {
	f.focus = (i%fieldCount + fieldCount) % fieldCount
	f.name.Blur()
	f.ratings.Blur()
	f.text.Blur()
	switch f.focus {
	case fieldName:
		f.name.Focus()
	case fieldRatings:
		f.ratings.Focus()
	case fieldText:
		f.text.Focus()
	}
}

// key handles a key that is not the form's own (save, fields, close).
func (f *tmplForm) key(msg tea.KeyPressMsg) {
	if f.focus != fieldPanes {
		f.edit(msg)
		return
	}
	k := f.env.Keys.Templates
	n := len(reply.Panes) + 1
	switch {
	case key.Matches(msg, k.PrevChoice):
		f.choice = (f.choice + n - 1) % n
	case key.Matches(msg, k.NextChoice):
		f.choice = (f.choice + 1) % n
	case key.Matches(msg, k.Toggle):
		f.toggle()
	}
}

// edit types a key or paste into the focused text field.
func (f *tmplForm) edit(msg tea.Msg) {
	switch f.focus {
	case fieldName:
		f.name, _ = f.name.Update(msg)
	case fieldRatings:
		f.ratings, _ = f.ratings.Update(msg)
	case fieldText:
		f.text, _ = f.text.Update(msg)
	}
}

// toggle ticks the pane under the cursor; "all" clears the ticks, as a
// template without panes is offered everywhere.
func (f *tmplForm) toggle() {
	if f.choice == 0 {
		f.panes = nil
		return
	}
	p := reply.Panes[f.choice-1]
	if i := slices.Index(f.panes, p); i >= 0 {
		f.panes = slices.Delete(f.panes, i, i+1)
		return
	}
	var out []reply.Pane
	for _, q := range reply.Panes {
		if q == p || slices.Contains(f.panes, q) {
			out = append(out, q)
		}
	}
	f.panes = out
}

func (f *tmplForm) snapshot() string {
	ps := make([]string, len(f.panes))
	for i, p := range f.panes {
		ps[i] = string(p)
	}
	return strings.Join([]string{f.name.Value(), strings.Join(ps, ","), f.ratings.Value(), f.text.Value()}, "\x00")
}

// dirty: leaving would lose something typed.
func (f *tmplForm) dirty() bool { return f.snapshot() != f.initial }

// submit is ctrl+s: the template when it can be saved; otherwise every
// problem shows from now on.
func (f *tmplForm) submit() (reply.Template, bool) {
	f.tried = true
	t, problems := f.check()
	return t, len(problems) == 0
}

// check builds the template from the fields and lists, in the UI's
// language, what keeps it from being saved. reply's own Check has the last
// word, so a rule added there can never be bypassed here.
func (f *tmplForm) check() (reply.Template, []string) {
	tr := f.env.Tr
	t := reply.Template{
		Name:  strings.TrimSpace(f.name.Value()),
		Text:  strings.TrimSpace(f.text.Value()),
		Panes: slices.Clone(f.panes),
	}
	var out []string
	switch {
	case t.Name == "":
		out = append(out, tr.Get("tm.err.no_name"))
	case f.taken(t.Name):
		out = append(out, tr.Get("tm.err.taken", safe.Line(t.Name)))
	}
	ratings, bad := parseRatings(f.ratings.Value())
	t.Ratings = ratings
	if bad != "" {
		out = append(out, tr.Get("tm.err.ratings", safe.Line(bad)))
	}
	if len(t.Ratings) > 0 && len(t.Panes) > 0 && !slices.Contains(t.Panes, reply.PaneFeedbacks) {
		out = append(out, tr.Get("tm.err.ratings_pane"))
	}
	if t.Text == "" {
		out = append(out, tr.Get("tm.err.no_text"))
	}
	out = append(out, f.placeholderProblems()...)
	if len(out) == 0 {
		if err := t.Check(); err != nil {
			out = append(out, ErrorText(err, tr))
		}
	}
	return t, out
}

// problems is what the form shows: the placeholders' and the ratings'
// problems as they are typed, everything once a save was refused.
func (f *tmplForm) problems() []string {
	if f.tried {
		_, out := f.check()
		return out
	}
	out := f.placeholderProblems()
	if _, bad := parseRatings(f.ratings.Value()); bad != "" {
		out = append(out, f.env.Tr.Get("tm.err.ratings", safe.Line(bad)))
	}
	return out
}

// placeholderProblems: an unclosed brace, or names reply does not know.
func (f *tmplForm) placeholderProblems() []string {
	tr := f.env.Tr
	used, err := reply.UsedPlaceholders(f.text.Value())
	if err != nil {
		return []string{tr.Get("tm.err.brace")}
	}
	var unknown []string
	for _, p := range used {
		if !knownPlaceholder(p) {
			unknown = append(unknown, p)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return []string{tr.Get("tm.err.unknown", safe.Line(braced(unknown)))}
}

// used lists the placeholders of the text, marking unknown ones; nil when
// the text cannot be parsed (the problem line says why).
func (f *tmplForm) used() (names []string, known []bool) {
	ps, err := reply.UsedPlaceholders(f.text.Value())
	if err != nil {
		return nil, nil
	}
	for _, p := range ps {
		names = append(names, p)
		known = append(known, knownPlaceholder(p))
	}
	return names, known
}

func (f *tmplForm) taken(name string) bool {
	k := strings.ToLower(name)
	return slices.ContainsFunc(f.others, func(t reply.Template) bool {
		return strings.ToLower(strings.TrimSpace(t.Name)) == k
	})
}

func knownPlaceholder(name string) bool {
	return slices.ContainsFunc(reply.Placeholders, func(p reply.Placeholder) bool { return p.Name == name })
}

func braced(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return strings.Join(out, " ")
}

// rangeDash joins "1 - 2", "1–2" and "1—2" into "1-2" before splitting.
var rangeDash = regexp.MustCompile(`\s*[-–—]\s*`)

// parseRatings reads the ratings field: stars 1 to 5 and ranges, separated
// by commas or spaces ("1-2, 5"); empty means any rating. bad is the first
// part that is not a rating, "" when all are.
func parseRatings(s string) (ratings []int, bad string) {
	s = rangeDash.ReplaceAllString(strings.TrimSpace(s), "-")
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
	star := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 1 && n <= 5
	}
	for _, p := range parts {
		from, to, isRange := strings.Cut(p, "-")
		if !isRange {
			to = from
		}
		a, okA := star(from)
		b, okB := star(to)
		if !okA || !okB || a > b {
			return nil, p
		}
		for r := a; r <= b; r++ {
			if !slices.Contains(ratings, r) {
				ratings = append(ratings, r)
			}
		}
	}
	slices.Sort(ratings)
	return ratings, ""
}

// formatRatings writes ratings back as ranges: [1 2 5] is "1-2, 5" with
// dash "-".
func formatRatings(rs []int, dash string) string {
	rs = slices.Compact(slices.Sorted(slices.Values(rs)))
	var parts []string
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d%s%d", rs[i], dash, rs[j]))
		} else {
			parts = append(parts, strconv.Itoa(rs[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
