package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/ui/keymap"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// FieldKind says how a form field is edited.
type FieldKind int

const (
	// FieldChoice is one of Choices, changed with ←/→ (h/l) only: space
	// is text elsewhere, and a space typed into a dialog by mistake must
	// not move a decision.
	FieldChoice FieldKind = iota
	FieldText             // free text, checked by Validate
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
	// Wrap makes a text field several lines high, wrapping what is typed
	// (a comment) instead of scrolling it sideways in one short line.
	Wrap  bool
	input textinput.Model
	area  textarea.Model
}

// formAreaLines is the height of a wrapping text field.
const formAreaLines = 4

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
	// TextTo names the text field that takes text typed while a choice
	// has the focus: the user is writing a comment, and letters must not
	// be lost or taken for choice keys. "" drops them.
	TextTo string
	env    Env
	focus  int
	err    string
}

// NewForm builds a form; text fields start empty (pre-fill with SetValue).
func NewForm(env Env, title string, fields ...*Field) *Form {
	f := &Form{Title: title, Fields: fields, env: env}
	for _, fd := range fields {
		if fd.Kind == FieldText && fd.Wrap {
			fd.area = textarea.New()
			fd.area.ShowLineNumbers = false
			fd.area.Prompt = ""
			fd.area.Placeholder = fd.Placeholder
			fd.area.CharLimit = fd.MaxLen
			fd.area.MaxHeight = 0
			fd.area.SetHeight(formAreaLines)
			fd.area.SetStyles(textareaStyles(env.Styles))
			continue
		}
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
		switch {
		case fd.Kind == FieldText && fd.Wrap:
			fd.area.SetValue(v)
		case fd.Kind == FieldText:
			fd.input.SetValue(v)
		case fd.Kind == FieldChoice:
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
			return strings.TrimSpace(fd.text())
		}
		if fd.Selected >= 0 && fd.Selected < len(fd.Choices) {
			return fd.Choices[fd.Selected].Value
		}
	}
	return ""
}

// text is a text field's raw value.
func (fd *Field) text() string {
	if fd.Wrap {
		return fd.area.Value()
	}
	return fd.input.Value()
}

// FocusField moves the focus to the field id, when it is shown.
func (f *Form) FocusField(id string) {
	for i, fd := range f.Fields {
		if fd.ID == id {
			f.setFocus(i)
			return
		}
	}
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
		switch {
		case fd.Wrap && j == f.focus:
			fd.area.Focus()
		case fd.Wrap:
			fd.area.Blur()
		case j == f.focus:
			fd.input.Focus()
		default:
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
		fk := f.env.Keys.Form
		switch {
		case key.Matches(k, fk.Cancel):
			return FormCanceled, nil
		case key.Matches(k, fk.Apply):
			for i, fd := range f.Fields {
				if fd.Kind == FieldText && fd.Validate != nil {
					if err := fd.Validate(strings.TrimSpace(fd.text())); err != nil {
						f.err = fd.Label + ": " + err.Error()
						f.setFocus(i)
						return FormOpen, nil
					}
				}
			}
			f.err = ""
			return FormApplied, nil
		case key.Matches(k, fk.PrevField):
			f.setFocus(f.focus - 1)
			return FormOpen, nil
		case key.Matches(k, fk.NextField):
			f.setFocus(f.focus + 1)
			return FormOpen, nil
		}
		if cur.Kind == FieldChoice && len(cur.Choices) > 0 {
			text := k.Text != "" && k.Mod&^tea.ModShift == 0
			if text && f.TextTo != "" {
				// A dialog that takes a comment reads letters as text, so
				// "hello" cannot flip the decision (h and l are choice
				// keys elsewhere); the arrows still move it.
				return f.typeInto(msg)
			}
			switch {
			case key.Matches(k, fk.PrevChoice):
				cur.Selected = (cur.Selected - 1 + len(cur.Choices)) % len(cur.Choices)
			case key.Matches(k, fk.NextChoice):
				cur.Selected = (cur.Selected + 1) % len(cur.Choices)
			case text:
				return f.typeInto(msg)
			}
			return FormOpen, nil
		}
	}
	if _, paste := msg.(tea.PasteMsg); paste && cur.Kind == FieldChoice {
		return f.typeInto(msg)
	}
	if cur.Kind == FieldText && cur.Wrap {
		var cmd tea.Cmd
		cur.area, cmd = cur.area.Update(msg)
		f.err = ""
		return FormOpen, cmd
	}
	if cur.Kind == FieldText {
		var cmd tea.Cmd
		cur.input, cmd = cur.input.Update(msg)
		f.err = ""
		return FormOpen, cmd
	}
	return FormOpen, nil
}

// typeInto moves the focus to the TextTo field, when it is shown, and
// types msg there.
func (f *Form) typeInto(msg tea.Msg) (FormResult, tea.Cmd) {
	for i, fd := range f.Fields {
		if fd.ID == f.TextTo && fd.Kind == FieldText && f.TextTo != "" {
			f.setFocus(i)
			return f.Update(msg)
		}
	}
	return FormOpen, nil
}

// ShortHelp is the footer while the form is open: its keys as bound, the
// two choice keys as one entry ("←/→ choose").
func (f *Form) ShortHelp() []key.Binding {
	k, tr := f.env.Keys.Form, f.env.Tr
	choose := key.NewBinding(key.WithKeys(append(k.PrevChoice.Keys(), k.NextChoice.Keys()...)...),
		key.WithHelp(keymap.Pair(k.PrevChoice, k.NextChoice), tr.Get("key.form.choose")))
	return []key.Binding{k.Apply, k.Cancel, k.NextField, choose}
}

// help names the form's keys as they are bound: "↑/↓ field · ←/→ choose
// · enter apply · esc cancel".
func (f *Form) help() string {
	k := f.env.Keys.Form
	return f.env.Tr.Get("form.help", keymap.Pair(k.PrevField, k.NextField), keymap.Pair(k.PrevChoice, k.NextChoice),
		k.Apply.Help().Key, k.Cancel.Help().Key)
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
		switch {
		case fd.Kind == FieldText && fd.Wrap:
			// under its label, the box's whole width: a comment wraps
			fd.area.SetWidth(max(inner-2, 10))
			b.WriteString(marker + st.DetailLabel.Render(safe.Truncate(fd.Label, inner)) + "\n")
			for _, l := range strings.Split(fd.area.View(), "\n") {
				b.WriteString("  " + l + "\n")
			}
			continue
		case fd.Kind == FieldText:
			val = fd.input.View()
		case fd.Kind == FieldChoice:
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
		b.WriteString("\n" + st.ErrorBox.Render(safe.Wrap(f.err, inner)) + "\n")
	}
	// wrapped, not cut: rebound keys can make it longer than the box
	b.WriteString("\n" + st.Muted.Render(safe.Wrap(f.help(), inner)))
	return st.Divider.Border(lipgloss.RoundedBorder()).Padding(0, 1).Width(inner + 4).Render(b.String())
}
