package panes

import (
	"charm.land/bubbles/v2/key"

	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The WB panes share who owns the keyboard and the footer: an open answer
// editor (or its question), then the filter menu, then the list.

// wbShortHelp is the footer of a WB pane.
func wbShortHelp(w *actions, m *wbMenu, tr i18n.T, list func() []key.Binding) []key.Binding {
	if h, ok := w.shortHelp(); ok {
		return h
	}
	if m.isOpen() {
		return m.help(tr)
	}
	return list()
}

// wbMode is the input mode of a WB pane.
func wbMode(w *actions, m *wbMenu, list func() ui.Mode) ui.Mode {
	if mode, ok := w.mode(); ok {
		return mode
	}
	if m.isOpen() {
		return ui.ModeEdit
	}
	return list()
}
