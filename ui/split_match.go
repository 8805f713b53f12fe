package ui

import (
	"strings"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// matchNote is the detail's first line while the / text filters the
// list: the passage of the item that matched, the matched words
// highlighted, so a row found by a word of its product or buyer name, or
// by a message deep in a chat, says why it is there. "" without a text
// or a passage.
func (s *Split[T]) matchNote(i int) string {
	if i < 0 || i >= len(s.matches) || s.matches[i] == "" || s.list.Query() == "" {
		return ""
	}
	st, w := s.env.Styles, s.view.Width()
	label := s.env.Tr.Get("filter.matched") + " "
	room := w - safe.Width(label)
	if room < 8 {
		return ""
	}
	line, _ := highlight(s.matches[i], room, st.Muted, st.Match)
	return st.DetailLabel.Render(label) + line + "\n" + st.Divider.Render(strings.Repeat("─", max(w, 1))) + "\n"
}
