package cli

import (
	"strings"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// inertText is text that may carry a server's words (an error's title or
// detail, a campaign name) as it may reach stdout or stderr: every line
// sanitized, the line breaks between them kept.
func inertText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safe.Line(l)
	}
	return strings.Join(lines, "\n")
}
