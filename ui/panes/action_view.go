package panes

import (
	"strings"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// view draws the open act in the detail column: the part in front, a
// form with the reason its last try failed above it, an editor with the
// pane's head above it and the attachments under it.
func (s *actions) view(width, h int) string {
	a := s.open
	if a == nil {
		return ""
	}
	st := s.env.Styles
	switch {
	case a.loading:
		return st.DetailTitle.Render(safe.Truncate(a.title, width)) + "\n" +
			st.Muted.Render(safe.Wrap(a.wait, width))
	case a.confirm != nil:
		return a.confirm.View(width)
	case a.picker != nil:
		return a.picker.View(width, h)
	case a.attach != nil:
		return a.attach.View(width, h)
	case a.editor == nil:
		var b strings.Builder
		if a.note != "" {
			b.WriteString(st.ErrorBox.Render(safe.Wrap(a.note, max(width, 10))) + "\n")
		}
		b.WriteString(a.form.View(width))
		if a.foot != nil {
			b.WriteString(a.foot(width))
		}
		return b.String()
	}
	head, least := "", 5
	if a.head != nil {
		// the head is the form the editor follows: it keeps its lines
		head, least = a.head(width), 4
	}
	files := attachedFilesView(s.env, a.files, width)
	n := strings.Count(head, "\n")
	if files != "" {
		n += strings.Count(files, "\n") + 1
	}
	out := head + a.editor.View(width, max(h-n, least))
	if files != "" {
		out += "\n" + files
	}
	return out
}
