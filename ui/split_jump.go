package ui

import (
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// ErrNotFound: the item a jump named is not stored, or its pane's filter
// hides it: it was removed, or answered and left the store.
var ErrNotFound = errors.New("not found")

// jumpTo selects the item msg names among the loaded pages (a pane that
// reads the store anchors a window at it instead: windowJumpTo).
func (s *Split[T]) jumpTo(msg JumpMsg) tea.Cmd {
	if i := s.indexOf(msg.ID); i >= 0 {
		s.showJumped(i)
		return jumpDone(s.cfg.ID, msg.Then)
	}
	return noticeErr(errors.New(s.env.Tr.Get("jump.not_loaded", s.Title())))
}

func (s *Split[T]) indexOf(id string) int {
	if s.cfg.Key == nil || id == "" {
		return -1
	}
	return slices.IndexFunc(s.items, func(it T) bool { return s.cfg.Key(it) == id })
}

// showJumped puts the cursor on item i, clearing a filter that hides it,
// and shows its detail: beside the list, or instead of it on a narrow
// window as enter would.
func (s *Split[T]) showJumped(i int) {
	if !s.list.Select(s.winStart + i) {
		s.list.ClearFilter()
		s.list.Select(s.winStart + i)
	}
	if !s.wide() {
		s.focus = focusDetail
	}
	s.layout() // re-renders the detail for the new selection
}

func jumpDone(pane PaneID, then tea.Msg) tea.Cmd {
	return func() tea.Msg { return JumpDoneMsg{Pane: pane, Then: then} }
}

func noticeErr(err error) tea.Cmd { return func() tea.Msg { return NoticeMsg{Err: err} } }

// jumpError says why a looked-up item cannot be shown, naming the pane.
func jumpError(tr i18n.T, pane string, err error) error {
	if errors.Is(err, ErrNotFound) {
		return errors.New(tr.Get("jump.not_found", pane))
	}
	return fmt.Errorf("%s: %w", pane, err)
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"jump.not_loaded":   "%s: that item is not among the items loaded here",
		"jump.not_found":    "%s: the item is gone — it was answered, archived or removed",
		"jump.unknown_pane": "That item belongs to a tab this profile does not have (%s)",
		"jump.busy":         "%s: finish or close what is open there first",
	})
	i18n.Register(i18n.RU, map[string]string{
		"jump.not_loaded":   "%s: этого элемента нет среди загруженных",
		"jump.not_found":    "%s: элемента больше нет — на него ответили, он в архиве или удалён",
		"jump.unknown_pane": "Этот элемент из вкладки, которой в этом профиле нет (%s)",
		"jump.busy":         "%s: сначала закончите или закройте то, что там открыто",
	})
}
