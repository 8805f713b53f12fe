package panes

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
)

// pickTemplate gives msg to an open template picker, closing it (*picker
// = nil) when the user picks or cancels. A picked template, filled with
// vars, comes back appended to the editor's current text; one that needs a
// value the item lacks comes back as err, naming it, and inserts nothing.
// cmd is the picker's own command, for the caller to return otherwise.
func pickTemplate(picker **ui.TemplatePicker, msg tea.Msg, vars map[string]string, current string) (text string, picked bool, cmd tea.Cmd, err error) {
	res, t, cmd := (*picker).Update(msg)
	switch res {
	case ui.PickerCanceled:
		*picker = nil
	case ui.PickerPicked:
		*picker = nil
		text, err = reply.Render(t, vars)
		if err != nil {
			return "", false, cmd, err
		}
		if cur := strings.TrimSpace(current); cur != "" {
			text = cur + "\n" + text
		}
		return text, true, cmd, nil
	}
	return "", false, cmd, nil
}
