package reply

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

const templatesHeader = `# sellerinbox reply templates.
# Each [[template]] has a name, a text and, optionally, the panes it is
# offered in (returns, questions, feedbacks, chats, claims) and the feedback
# ratings it fits (1 to 5). Placeholders in the text are filled from the item:
`

// encodeTemplates writes the file by hand rather than with the TOML
// encoder: people edit it, and multi-line texts read better as """ blocks.
func encodeTemplates(list []Template) []byte {
	var b strings.Builder
	b.WriteString(templatesHeader)
	for _, p := range Placeholders {
		fmt.Fprintf(&b, "#   {%s} %s\n", p.Name, p.Help)
	}
	b.WriteString("# Write {{ and }} for literal braces.\n")
	for _, t := range list {
		b.WriteString("\n[[template]]\n")
		fmt.Fprintf(&b, "name = %s\n", tomlString(t.Name))
		if len(t.Panes) > 0 {
			ps := make([]string, len(t.Panes))
			for i, p := range t.Panes {
				ps[i] = tomlString(string(p))
			}
			fmt.Fprintf(&b, "panes = [%s]\n", strings.Join(ps, ", "))
		}
		if len(t.Ratings) > 0 {
			rs := make([]string, len(t.Ratings))
			for i, r := range t.Ratings {
				rs[i] = strconv.Itoa(r)
			}
			fmt.Fprintf(&b, "ratings = [%s]\n", strings.Join(rs, ", "))
		}
		fmt.Fprintf(&b, "text = %s\n", tomlText(t.Text))
	}
	return []byte(b.String())
}

// tomlString is a TOML basic string.
func tomlString(s string) string { return `"` + tomlEscape(s, false) + `"` }

// tomlText is a multi-line basic string when s has line breaks.
func tomlText(s string) string {
	if !strings.Contains(s, "\n") {
		return tomlString(s)
	}
	// The newline right after the opening """ is not part of the value.
	return "\"\"\"\n" + tomlEscape(s, true) + "\"\"\""
}

func tomlEscape(s string, multiline bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n' && multiline:
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
