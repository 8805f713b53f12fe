package ui

import (
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"

	"github.com/sellerinbox/sellerinbox/theme"
)

// The bubbles inputs ship their own colours; these map them onto the
// theme so light/dark and NO_COLOR apply to every field too.

func inputStyles(st theme.Styles) textinput.Styles {
	s := textinput.DefaultStyles(st.Dark)
	state := textinput.StyleState{Text: st.Text, Placeholder: st.Muted, Suggestion: st.Muted, Prompt: st.Accent}
	s.Focused, s.Blurred = state, state
	return s
}

func textareaStyles(st theme.Styles) textarea.Styles {
	s := textarea.DefaultStyles(st.Dark)
	state := textarea.StyleState{Base: st.Text, Text: st.Text, Placeholder: st.Muted, Prompt: st.Accent,
		CursorLine: st.Text, EndOfBuffer: st.Subtle, LineNumber: st.Subtle, CursorLineNumber: st.Muted}
	s.Focused, s.Blurred = state, state
	return s
}
