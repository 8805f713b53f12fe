package panes

import (
	"context"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Placeholders until the questions, feedbacks and chats panes land; their
// author deletes this file (and placeholder with it once stub_a.go is gone).
func newQuestionsPane(env ui.Env, d Deps) ui.Pane { return placeholder(env, ui.PaneQuestions) }
func newFeedbacksPane(env ui.Env, d Deps) ui.Pane { return placeholder(env, ui.PaneFeedbacks) }
func newChatsPane(env ui.Env, d Deps) ui.Pane     { return placeholder(env, ui.PaneChats) }

func placeholder(env ui.Env, id ui.PaneID) ui.Pane {
	return ui.NewSplit(env, ui.SplitConfig[string]{
		ID:         id,
		Row:        func(s string, w int, _ bool, _ theme.Styles) string { return s },
		FilterText: func(s string) string { return s },
		Detail:     func(s string, _ int, _ theme.Styles, _ i18n.T) string { return s },
		Load:       func(context.Context, string) ([]string, string, error) { return nil, "", nil },
	})
}
