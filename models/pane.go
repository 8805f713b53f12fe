package models

// The vocabulary every layer shares: who an item comes from, what kind of
// item it is, and the tab that lists it. api, store, reply and ui name
// these types (api.Marketplace, store.Kind, store.Pane, reply.Pane,
// ui.PaneID are aliases of them), so no layer converts another's copy.

// Marketplace identifies the company an item, a token or a call belongs to.
type Marketplace string

const (
	YandexMarket Marketplace = "ym"
	Wildberries  Marketplace = "wb"
)

// Pane names a tab of the inbox. The number keys select tabs by Pane, so
// "3" is feedbacks even when a profile has no returns tab.
type Pane string

const (
	PaneInbox     Pane = "inbox" // everything awaiting an answer, most urgent first
	PaneReturns   Pane = "returns"
	PaneQuestions Pane = "questions"
	PaneFeedbacks Pane = "feedbacks"
	PaneChats     Pane = "chats"
	PaneClaims    Pane = "claims"
)

// Panes are the tabs of one kind of item each, in tab order (the Inbox
// lists every kind and is not among them).
var Panes = []Pane{PaneReturns, PaneQuestions, PaneFeedbacks, PaneChats, PaneClaims}

// Kind is the type of an item. Together with the marketplace and the
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

// Pane is the tab that lists items of kind k.
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

// Kind is the kind of item the pane lists.
func (p Pane) Kind() Kind {
	for _, k := range Kinds {
		if k.Pane() == p {
			return k
		}
	}
	return Kind(p)
}

// Marketplace is who items of kind k come from.
func (k Kind) Marketplace() Marketplace {
	if k == KindReturn {
		return YandexMarket
	}
	return Wildberries
}
