package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// PickerResult is what a key did to the template picker.
type PickerResult int

const (
	PickerOpen PickerResult = iota
	PickerPicked
	PickerCanceled
)

// TemplatePicker is the `t` fuzzy picker over the templates that fit the
// item (pane, rating): type to narrow, ↑/↓ to move, enter to insert.
// Editor.ManageTemplates cancels it with a command that opens the
// templates manager over the editor.
type TemplatePicker struct {
	env     Env
	all     []reply.Template
	input   textinput.Model
	matches []reply.Match
	cursor  int
	// vars, when set, are the item's values: the preview shows the
	// template as it would be inserted, not its placeholders.
	vars map[string]string
}

// WithValues makes the preview fill the templates with the item's values
// as the selection moves (live), saying which placeholders have none.
func (p *TemplatePicker) WithValues(vars map[string]string) *TemplatePicker {
	p.vars = vars
	return p
}

// previewText is the selected template as the preview shows it, and a
// warning when it cannot be filled for this item.
func (p *TemplatePicker) previewText(t reply.Template) (text, warning string) {
	if p.vars == nil {
		return t.Text, ""
	}
	filled, err := reply.Render(t, p.vars)
	if err == nil {
		return filled, ""
	}
	var re *reply.RenderError
	if errors.As(err, &re) && len(re.Missing) > 0 {
		return t.Text, p.env.Tr.Get("templates.preview_missing", reply.Braces(re.Missing))
	}
	return t.Text, ErrorText(err, p.env.Tr)
}

// NewTemplatePicker opens the picker over templates.
func NewTemplatePicker(env Env, templates []reply.Template) *TemplatePicker {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = env.Tr.Get("templates.search")
	in.SetStyles(inputStyles(env.Styles))
	in.Focus()
	p := &TemplatePicker{env: env, all: templates, input: in}
	p.matches = reply.Rank("", templates)
	return p
}

// Update handles a key; on PickerPicked, the template is returned.
func (p *TemplatePicker) Update(msg tea.Msg) (PickerResult, reply.Template, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, p.env.Keys.Editor.ManageTemplates) {
			return PickerCanceled, reply.Template{}, func() tea.Msg { return manageTemplatesMsg{} }
		}
		switch k.String() {
		case "esc":
			return PickerCanceled, reply.Template{}, nil
		case "enter":
			if p.cursor < len(p.matches) {
				return PickerPicked, p.matches[p.cursor].Template, nil
			}
			return PickerOpen, reply.Template{}, nil
		case "up", "ctrl+p":
			p.cursor = max(p.cursor-1, 0)
			return PickerOpen, reply.Template{}, nil
		case "down", "ctrl+n":
			p.cursor = min(p.cursor+1, max(len(p.matches)-1, 0))
			return PickerOpen, reply.Template{}, nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.matches = reply.Rank(p.input.Value(), p.all)
		p.cursor = 0
	}
	return PickerOpen, reply.Template{}, cmd
}

// View lists the matches with a preview of the selected one, and how to
// manage the templates on the last line.
func (p *TemplatePicker) View(w, h int) string {
	st, tr := p.env.Styles, p.env.Tr
	manage := p.env.Keys.Editor.ManageTemplates.Help()
	footer := st.HelpKey.Render(manage.Key) + " " + st.HelpDesc.Render(safe.Truncate(manage.Desc, max(w-safe.Width(manage.Key)-1, 1)))
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(tr.Get("templates.title")) + "\n")
	p.input.SetWidth(max(w-4, 10))
	b.WriteString(p.input.View() + "\n")
	if len(p.matches) == 0 {
		b.WriteString(st.Muted.Render(tr.Get("templates.none")) + "\n\n" + footer)
		return b.String()
	}
	rows := max(min(len(p.matches), h-7), 1)
	start := max(0, min(p.cursor-rows/2, len(p.matches)-rows))
	for i := start; i < start+rows && i < len(p.matches); i++ {
		name := safe.Truncate(safe.Line(p.matches[i].Template.Name), w-2)
		if i == p.cursor {
			b.WriteString(st.RowSelected.Render("› "+name) + "\n")
		} else {
			b.WriteString("  " + name + "\n")
		}
	}
	if p.cursor < len(p.matches) {
		// the preview gets what the list and the footer leave
		text, warning := p.previewText(p.matches[p.cursor].Template)
		if warning != "" {
			b.WriteString("\n" + st.StatusWarn.Render(safe.Truncate(warning, max(w, 10))))
			rows++
		}
		preview := strings.Split(safe.Wrap(safe.Text(text), max(w, 10)), "\n")
		preview = preview[:max(min(len(preview), h-rows-5), 0)]
		for _, l := range preview {
			b.WriteString("\n" + st.Muted.Render(l))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + footer)
	return b.String()
}
