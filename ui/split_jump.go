package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// ErrNotFound is what a SplitConfig.Lookup returns for an ID it does not
// know: the item was removed, or answered and left the store.
var ErrNotFound = errors.New("not found")

// jumpFound is the result of the Lookup a JumpMsg started.
type jumpFound[T any] struct {
	Pane PaneID
	Seq  uint64
	ID   string
	Item T
	Then tea.Msg
	Err  error
}

func (m jumpFound[T]) TargetPane() PaneID { return m.Pane }

// jumpTo selects the item msg names when it is loaded; otherwise it looks
// the item up in a command. Either way a newer jump makes an older lookup
// stale, so the last jump the user asked for is the one that lands.
func (s *Split[T]) jumpTo(msg JumpMsg) tea.Cmd {
	seq := s.jumpSeq.Next()
	if i := s.indexOf(msg.ID); i >= 0 {
		s.showJumped(i)
		return jumpDone(s.cfg.ID, msg.Then)
	}
	title := s.Title()
	if s.cfg.Lookup == nil {
		return noticeErr(errors.New(s.env.Tr.Get("jump.not_loaded", title)))
	}
	pane, id, then, lookup, ctx := s.cfg.ID, msg.ID, msg.Then, s.cfg.Lookup, s.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		item, err := lookup(ctx, id)
		return jumpFound[T]{Pane: pane, Seq: seq, ID: id, Item: item, Then: then, Err: err}
	}
}

// jumpFound shows a looked-up item at the top of the list; the pages
// loaded later keep the cursor on it when they contain it.
func (s *Split[T]) jumpFound(msg jumpFound[T]) tea.Cmd {
	if !s.jumpSeq.Current(msg.Seq) {
		return nil // the user jumped elsewhere meanwhile
	}
	if msg.Err != nil {
		return noticeErr(jumpError(s.env.Tr, s.Title(), msg.Err))
	}
	i := s.indexOf(msg.ID) // a page may have brought it meanwhile
	if i < 0 {
		s.items = slices.Insert(s.items, 0, msg.Item)
		s.list.Reset()
		s.loaded = true
		s.countBadge()
		i = 0
	}
	s.showJumped(i)
	return jumpDone(s.cfg.ID, msg.Then)
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
		"jump.not_loaded":   "%s: that item is not loaded here and cannot be looked up",
		"jump.not_found":    "%s: the item is gone — it was answered, archived or removed",
		"jump.unknown_pane": "That item belongs to a tab this profile does not have (%s)",
		"jump.busy":         "%s: finish or close what is open there first",
	})
	i18n.Register(i18n.RU, map[string]string{
		"jump.not_loaded":   "%s: этот элемент не загружен, и найти его нельзя",
		"jump.not_found":    "%s: элемента больше нет — на него ответили, он в архиве или удалён",
		"jump.unknown_pane": "Этот элемент из вкладки, которой в этом профиле нет (%s)",
		"jump.busy":         "%s: сначала закончите или закройте то, что там открыто",
	})
}
