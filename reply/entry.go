package reply

import (
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Kind is what an outbox entry does.
type Kind string

const (
	KindQuestionAnswer Kind = "question.answer"
	KindQuestionEdit   Kind = "question.edit"
	KindQuestionReject Kind = "question.reject"
	KindQuestionViewed Kind = "question.viewed"
	KindFeedbackAnswer Kind = "feedback.answer"
	KindFeedbackEdit   Kind = "feedback.edit"
	KindFeedbackReturn Kind = "feedback.return"
	KindChatMessage    Kind = "chat.message"
	KindClaimAnswer    Kind = "claim.answer"
	KindReturnDecision Kind = "return.decision"
)

// Kinds lists every kind.
var Kinds = []Kind{
	KindQuestionAnswer, KindQuestionEdit, KindQuestionReject, KindQuestionViewed,
	KindFeedbackAnswer, KindFeedbackEdit, KindFeedbackReturn,
	KindChatMessage, KindClaimAnswer, KindReturnDecision,
}

// Pane is the list the kind's item lives in.
func (k Kind) Pane() Pane {
	switch k {
	case KindQuestionAnswer, KindQuestionEdit, KindQuestionReject, KindQuestionViewed:
		return PaneQuestions
	case KindFeedbackAnswer, KindFeedbackEdit, KindFeedbackReturn:
		return PaneFeedbacks
	case KindChatMessage:
		return PaneChats
	case KindClaimAnswer:
		return PaneClaims
	case KindReturnDecision:
		return PaneReturns
	}
	return ""
}

// Marketplace is who receives the kind.
func (k Kind) Marketplace() api.Marketplace {
	if k == KindReturnDecision {
		return api.YandexMarket
	}
	return api.Wildberries
}

// Label is a short description for the outbox list.
func (k Kind) Label() string {
	switch k {
	case KindQuestionAnswer:
		return "answer to a question"
	case KindQuestionEdit:
		return "edited answer to a question"
	case KindQuestionReject:
		return "rejection of a question"
	case KindQuestionViewed:
		return "question marked as seen"
	case KindFeedbackAnswer:
		return "answer to a feedback"
	case KindFeedbackEdit:
		return "edited answer to a feedback"
	case KindFeedbackReturn:
		return "return request for a feedback's order"
	case KindChatMessage:
		return "chat message"
	case KindClaimAnswer:
		return "answer to a claim"
	case KindReturnDecision:
		return "decision on a return"
	}
	return string(k)
}

// ConsumesDraft reports whether delivering the kind uses up the item's
// draft. Marking a question viewed or asking for a feedback's return is
// not an answer: the reply being written stays.
func (k Kind) ConsumesDraft() bool {
	return k != KindQuestionViewed && k != KindFeedbackReturn
}

// Resolves reports whether delivering the kind ends the item's turn (it
// leaves the inbox): edits, "viewed" marks and return requests change no
// one's turn. An item takes one reply of these kinds at a time.
func (k Kind) Resolves() bool {
	switch k {
	case KindQuestionAnswer, KindQuestionReject, KindFeedbackAnswer,
		KindChatMessage, KindClaimAnswer, KindReturnDecision:
		return true
	}
	return false
}

// Undoable reports the kinds that cannot be taken back once delivered (a
// rejection, a return request, a claim or return decision, an edited
// answer): the outbox holds them for its undo window before sending.
// Answers and chat messages go at once.
func (k Kind) Undoable() bool {
	switch k {
	case KindQuestionReject, KindQuestionEdit, KindFeedbackEdit, KindFeedbackReturn, KindClaimAnswer, KindReturnDecision:
		return true
	}
	return false
}

// waits reports an entry the outbox holds for its undo window: an
// undoable kind, or any entry of a bulk answer.
func (e Entry) waits() bool { return e.Kind.Undoable() || e.Batch != "" }

// Held reports an entry waiting out its undo window, and how long is
// left. Only an entry untouched since Enqueue put its first attempt later
// is held: an attempt or a Retry changes Updated.
func (e Entry) Held(now time.Time) (time.Duration, bool) {
	if e.State != StateQueued || e.Attempts != 0 || !e.waits() || !e.Updated.Equal(e.Created) ||
		!e.NextAttempt.After(e.Created) || !e.NextAttempt.After(now) {
		return 0, false
	}
	return e.NextAttempt.Sub(now), true
}

// takesText reports whether the kind sends the entry's Text.
func (k Kind) takesText() bool {
	return k != KindQuestionViewed && k != KindFeedbackReturn && k != KindReturnDecision
}

// State is where an entry is in its delivery.
type State string

const (
	StateQueued   State = "queued"   // waiting for its first attempt
	StateSending  State = "sending"  // an attempt is running (or was, when the app died)
	StateRetrying State = "retrying" // a temporary failure; NextAttempt says when
	StateSent     State = "sent"     // the marketplace shows the reply
	StateFailed   State = "failed"   // refused, or given up; LastError says why
)

// Pending reports whether the outbox will still try to deliver the entry.
func (s State) Pending() bool { return s == StateQueued || s == StateRetrying }

// Entry is one reply waiting for, or done with, delivery.
type Entry struct {
	ID          string          `json:"id"`
	Profile     string          `json:"profile"`
	Marketplace api.Marketplace `json:"marketplace"`
	Kind        Kind            `json:"kind"`
	// ItemID is the question, feedback, chat, claim or (YM) return ID.
	ItemID string `json:"itemId"`
	// Agent is who queued the entry in the team inbox ("" in a local
	// app): a second reply to the item is refused with this name, and the
	// audit records it.
	Agent string `json:"agent,omitempty"`
	// Text is the answer, chat message, rejection reason or claim comment.
	Text string `json:"text,omitempty"`
	// Files are attachment paths (chat messages), read when sending.
	Files []string `json:"files,omitempty"`
	// Action is the claim action (models.ClaimAction).
	Action string `json:"action,omitempty"`
	// ReplySign is the chat's signature from the chat list, kept so that a
	// message queued before a restart can still be sent.
	ReplySign string `json:"replySign,omitempty"`
	// ClaimActions are the answers the claim offered when the user chose
	// Action; the sender reloads the claim anyway.
	ClaimActions []models.ClaimAction `json:"claimActions,omitempty"`
	// OrderID, ReturnID and Decisions describe a YM return decision.
	OrderID   int64                   `json:"orderId,omitempty"`
	ReturnID  int64                   `json:"returnId,omitempty"`
	Decisions []models.YMItemDecision `json:"decisions,omitempty"`
	// CampaignID is the YM campaign the return belongs to, so that a
	// decision queued before a switch of campaign still goes to its shop
	// (0: the profile's campaign, as entries of earlier versions).
	CampaignID int64 `json:"campaignId,omitempty"`
	// Batch names the bulk answer the entry was queued with (one template
	// over many items, confirmed once): every entry of a batch waits out
	// the undo window, whatever its kind, so one u takes the whole batch
	// back before any of it leaves.
	Batch string `json:"batch,omitempty"`

	State       State     `json:"state"`
	Attempts    int       `json:"attempts"`
	NextAttempt time.Time `json:"nextAttempt,omitzero"`
	// LastError is a sentence for the user; empty once sent.
	LastError string `json:"lastError,omitempty"`
	// Refusal names a failure the UI answers with an offer of its own
	// (RefusalAnswered: offer the edit); empty for any other outcome.
	Refusal Refusal `json:"refusal,omitempty"`
	// Unknown is set while an attempt may have reached the marketplace
	// without an answer; the next attempt reads back before sending.
	Unknown bool      `json:"unknown,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// DraftKey is the draft the entry was written in: in the team inbox,
// the agent's own.
func (e Entry) DraftKey() DraftKey {
	return DraftKey{Profile: DraftOwner(e.Profile, e.Agent), Marketplace: e.Kind.Marketplace(), Pane: e.Kind.Pane(), ItemID: e.ItemID}
}

// normalize fills what can be derived.
func (e *Entry) normalize() {
	if e.Marketplace == "" {
		e.Marketplace = e.Kind.Marketplace()
	}
	if e.Kind == KindReturnDecision && e.ItemID == "" && e.ReturnID > 0 {
		e.ItemID = strconv.FormatInt(e.ReturnID, 10)
	}
}
