package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// FieldKind says how a form field is edited.
type FieldKind int

const (
	FieldChoice FieldKind = iota // one of Choices, cycled with ←/→ or space
	FieldText                    // free text, checked by Validate
)

// Choice is one option of a choice field.
type Choice struct{ Label, Value string }

// Field is one row of a Form.
type Field struct {
	ID, Label string
	Kind      FieldKind
	Choices   []Choice
	Selected  int
	// Placeholder shows in an empty text field.
	Placeholder string
	// Validate checks a text field on apply; its error is shown inline.
	Validate func(string) error
	// MaxLen bounds a text field in characters; 0 is 64, enough for IDs
	// and dates but not for a comment.
	MaxLen int
	input  textinput.Model
}

// FormResult is what a key did to the form.
type FormResult int

const (
	FormOpen     FormResult = iota // still editing
	FormApplied                    // enter with every field valid
	FormCanceled                   // esc
)

// Form is a small modal of fields — the `f` filter menu and action
// dialogs. While it is open its pane reports ModeEdit, so every key
// (q, digits) is typed into it rather than firing globally.
type Form struct {
	Title  string
	Fields []*Field
	env    Env
	focus  int
	err    string
}

// NewForm builds a form; text fields start empty (pre-fill with SetValue).
func NewForm(env Env, title string, fields ...*Field) *Form {
	f := &Form{Title: title, Fields: fields, env: env}
	for _, fd := range fields {
		if fd.Kind == FieldText {
			fd.input = textinput.New()
			fd.input.Placeholder = fd.Placeholder
			fd.input.CharLimit = 64
			if fd.MaxLen > 0 {
				fd.input.CharLimit = fd.MaxLen
			}
			fd.input.SetWidth(24)
			fd.input.Prompt = ""
			fd.input.SetStyles(inputStyles(env.Styles))
		}
	}
	f.setFocus(0)
	return f
}

// SetValue pre-fills a text field or selects the choice with that value.
func (f *Form) SetValue(id, v string) {
	for _, fd := range f.Fields {
		if fd.ID != id {
			continue
		}
		switch fd.Kind {
		case FieldText:
			fd.input.SetValue(v)
		case FieldChoice:
			for i, c := range fd.Choices {
				if c.Value == v {
					fd.Selected = i
				}
			}
		}
	}
}

// Value is the field's text or the selected choice's value.
func (f *Form) Value(id string) string {
	for _, fd := range f.Fields {
		if fd.ID != id {
			continue
		}
		if fd.Kind == FieldText {
			return strings.TrimSpace(fd.input.Value())
		}
		if fd.Selected >= 0 && fd.Selected < len(fd.Choices) {
			return fd.Choices[fd.Selected].Value
		}
	}
	return ""
}

func (f *Form) setFocus(i int) {
	if len(f.Fields) == 0 {
		return
	}
	f.focus = (i + len(f.Fields)) % len(f.Fields)
	for j, fd := range f.Fields {
		if fd.Kind != FieldText {
			continue
		}
		if j == f.focus {
			fd.input.Focus()
		} else {
			fd.input.Blur()
		}
	}
}

// Update applies one key or paste.
func (f *Form) Update(msg tea.Msg) (FormResult, tea.Cmd) {
	if len(f.Fields) == 0 {
		return FormCanceled, nil
	}
	cur := f.Fields[f.focus]
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return FormCanceled, nil
		case "enter":
			for i, fd := range f.Fields {
				if fd.Kind == FieldText && fd.Validate != nil {
					if err := fd.Validate(strings.TrimSpace(fd.input.Value())); err != nil {
						f.err = fd.Label + ": " + err.Error()
						f.setFocus(i)
						return FormOpen, nil
					}
				}
			}
			f.err = ""
			return FormApplied, nil
		case "up", "shift+tab":
			f.setFocus(f.focus - 1)
			return FormOpen, nil
		case "down", "tab":
			f.setFocus(f.focus + 1)
			return FormOpen, nil
		}
		if cur.Kind == FieldChoice && len(cur.Choices) > 0 {
			switch k.String() {
			case "left", "h":
				cur.Selected = (cur.Selected - 1 + len(cur.Choices)) % len(cur.Choices)
			case "right", "l", "space", " ":
				cur.Selected = (cur.Selected + 1) % len(cur.Choices)
			}
			return FormOpen, nil
		}
	}
	if cur.Kind == FieldText {
		var cmd tea.Cmd
		cur.input, cmd = cur.input.Update(msg)
		f.err = ""
		return FormOpen, cmd
	}
	return FormOpen, nil
}

// View renders the form as a bordered box at most width cells wide.
func (f *Form) View(width int) string {
	st := f.env.Styles
	inner := max(min(width-4, 60), 20)
	labelW := 0
	for _, fd := range f.Fields {
		labelW = max(labelW, safe.Width(fd.Label))
	}
	labelW = min(labelW, inner/2)
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(f.Title, inner)))
	b.WriteString("\n\n")
	for i, fd := range f.Fields {
		marker := "  "
		if i == f.focus {
			marker = st.Accent.Render("› ")
		}
		label := st.DetailLabel.Render(safe.Pad(safe.Truncate(fd.Label, labelW), labelW))
		var val string
		switch fd.Kind {
		case FieldText:
			val = fd.input.View()
		case FieldChoice:
			if len(fd.Choices) > 0 {
				val = "‹ " + safe.Line(fd.Choices[fd.Selected].Label) + " ›"
				if i == f.focus {
					val = st.Accent.Render(val)
				}
			}
		}
		b.WriteString(marker + label + "  " + val + "\n")
	}
	if f.err != "" {
		b.WriteString("\n" + st.ErrorBox.Render(safe.Truncate(f.err, inner)) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(safe.Truncate(f.env.Tr.Get("form.help"), inner)))
	return st.Divider.Border(lipgloss.RoundedBorder()).Padding(0, 1).Width(inner + 4).Render(b.String())
}
