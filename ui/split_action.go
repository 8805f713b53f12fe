package ui

import tea "charm.land/bubbletea/v2"

// What a pane's action (an answer being written) asks of its Split: the
// item it answers, drawn above the editor, and the next item that needs
// action once the answer is sent.

// SelectedDetail is the selected item's detail at width, as the detail
// column shows it; ok is false with nothing selected.
func (s *Split[T]) SelectedDetail(width int) (string, bool) {
	it, ok := s.Selected()
	if !ok || s.cfg.Detail == nil {
		return "", false
	}
	return s.cfg.Detail(it, width, s.env.Styles, s.env.Tr), true
}

// NextAction moves the cursor to the next item that needs the seller, as
// n does; nil when the Split reads no store.
func (s *Split[T]) NextAction() tea.Cmd {
	if s.rows() == nil {
		return nil
	}
	return s.nextAction(true)
}
