package store

import "github.com/sellerinbox/sellerinbox/models"

// Kind is the type of a stored item and Pane the tab that lists it: the
// shared vocabulary of package models.
type (
	Kind = models.Kind
	Pane = models.Pane
)

const (
	KindReturn   = models.KindReturn
	KindQuestion = models.KindQuestion
	KindFeedback = models.KindFeedback
	KindChat     = models.KindChat
	KindClaim    = models.KindClaim

	PaneReturns   = models.PaneReturns
	PaneQuestions = models.PaneQuestions
	PaneFeedbacks = models.PaneFeedbacks
	PaneChats     = models.PaneChats
	PaneClaims    = models.PaneClaims
)

// Kinds lists every kind in the panes' order; Panes every content pane in
// tab order.
var (
	Kinds = models.Kinds
	Panes = models.Panes
)
