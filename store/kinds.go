package store

import "github.com/sellerinbox/sellerinbox/api"

// Kind is the type of a stored item. Together with the marketplace and the
// marketplace's own ID it is an item's key.
type Kind string

const (
	KindReturn   Kind = "return"   // Yandex Market return or non-purchase
	KindQuestion Kind = "question" // Wildberries question
	KindFeedback Kind = "feedback" // Wildberries feedback
	KindChat     Kind = "chat"     // Wildberries buyer chat
	KindClaim    Kind = "claim"    // Wildberries buyer claim
)

// Kinds lists every kind in the panes' order.
var Kinds = []Kind{KindReturn, KindQuestion, KindFeedback, KindChat, KindClaim}

// Pane names the tab a kind is shown in. The values equal ui.PaneID's, so
// the UI converts with ui.PaneID(k.Pane()) without the store importing ui.
type Pane string

const (
	PaneReturns   Pane = "returns"
	PaneQuestions Pane = "questions"
	PaneFeedbacks Pane = "feedbacks"
	PaneChats     Pane = "chats"
	PaneClaims    Pane = "claims"
)

// Panes lists every pane in tab order.
var Panes = []Pane{PaneReturns, PaneQuestions, PaneFeedbacks, PaneChats, PaneClaims}

// Pane is the tab that shows items of kind k.
func (k Kind) Pane() Pane {
	switch k {
	case KindReturn:
		return PaneReturns
	case KindQuestion:
		return PaneQuestions
	case KindFeedback:
		return PaneFeedbacks
	case KindChat:
		return PaneChats
	case KindClaim:
		return PaneClaims
	}
	return Pane(k)
}

// Kind is the kind of item the pane shows.
func (p Pane) Kind() Kind {
	for _, k := range Kinds {
		if k.Pane() == p {
			return k
		}
	}
	return Kind(p)
}

// Marketplace is who the items of kind k come from.
func (k Kind) Marketplace() api.Marketplace {
	if k == KindReturn {
		return api.YandexMarket
	}
	return api.Wildberries
}
