package models

// PinMethod is what pays for a pinned feedback.
type PinMethod string

const (
	PinBySubscription PinMethod = "subscription" // the "Джем" subscription
	PinByTariff       PinMethod = "tariff"       // the paid tariff option
)

// PinOn is where a feedback is pinned.
type PinOn string

const (
	PinOnNM  PinOn = "nm"  // the product card
	PinOnIMT PinOn = "imt" // the merged card
)

// PinState says whether a pin is in force.
type PinState string

const (
	Pinned   PinState = "pinned"
	Unpinned PinState = "unpinned"
)

// UnpinnedCause is why Wildberries removed a pin by itself.
type UnpinnedCause string

const (
	UnpinnedTariffEnded    UnpinnedCause = "sysTariffUnpinned"   // subscription or option ended
	UnpinnedLimitReached   UnpinnedCause = "sysLimitReached"     // the subscription's limit ran out
	UnpinnedNotRated       UnpinnedCause = "sysNoratingUnpinned" // feedback left the rating (deleted, banned)
	UnpinnedAdditionalSlot UnpinnedCause = "sysAdditionalSlot"   // the card has the maximum of pins
)

// Label is a human sentence; unknown causes keep their raw value.
func (c UnpinnedCause) Label() string {
	switch c {
	case UnpinnedTariffEnded:
		return "the subscription or tariff option ended"
	case UnpinnedLimitReached:
		return "the subscription's pin limit ran out"
	case UnpinnedNotRated:
		return "the feedback was removed from the rating"
	case UnpinnedAdditionalSlot:
		return "the card already had the maximum number of pins"
	}
	return string(c)
}

// Pin is one pin operation (openapi.PinnedReviewItemResult).
type Pin struct {
	ChangeStateAt Time          `json:"changeStateAt"`
	ImtID         int64         `json:"imtId"`
	NmID          int64         `json:"nmId"`
	PinID         int64         `json:"pinId"`
	PinMethod     PinMethod     `json:"pinMethod"`
	PinOn         PinOn         `json:"pinOn"`
	FeedbackID    string        `json:"feedbackId"`
	State         PinState      `json:"state"`
	UnpinnedCause UnpinnedCause `json:"unpinnedCause"`
}

// PinsPage is one page of the pins list; Next is 0 on the last page.
type PinsPage struct {
	Pins []Pin
	Next int64
}

// PinRequest asks to pin one feedback (openapi.PinReviewItem).
type PinRequest struct {
	PinMethod  PinMethod `json:"pinMethod"`
	PinOn      PinOn     `json:"pinOn"`
	FeedbackID string    `json:"feedbackId"`
}

// PinErrorStatus is the machine-readable reason a pin failed.
type PinErrorStatus string

const (
	PinFeedbackNotFound        PinErrorStatus = "feedbackNotFound"
	PinItemNotFound            PinErrorStatus = "itemNotFound"
	PinFeedbackMismatch        PinErrorStatus = "feedbackMismatch"
	PinItemNoImages            PinErrorStatus = "itemNoImages"
	PinFeedbackExcluded        PinErrorStatus = "feedbackExcluded"
	PinImtNotDisplayed         PinErrorStatus = "imtNotDisplayed"
	PinGlobalLimitReached      PinErrorStatus = "globalLimitReached"
	PinUnitLimitReached        PinErrorStatus = "unitLimitReached"
	PinTariffRestriction       PinErrorStatus = "tariffRestriction"
	PinSubscriptionRestriction PinErrorStatus = "subscriptionRestriction"
	PinAlreadyPinned           PinErrorStatus = "alreadyPinned"
	PinBodyNotValid            PinErrorStatus = "bodyNotValid"
)

// PinError is one reason a feedback was not pinned (openapi.ResultErr).
type PinError struct {
	Origin    string         `json:"origin"`
	Detail    string         `json:"detail"`
	RequestID string         `json:"requestId"`
	Status    PinErrorStatus `json:"status"`
	Title     string         `json:"title"`
}

// PinResult is the outcome of pinning one feedback; PinID is 0 when it failed.
type PinResult struct {
	FeedbackID string     `json:"feedbackId"`
	PinID      int64      `json:"pinId"`
	PinMethod  PinMethod  `json:"pinMethod"`
	PinOn      PinOn      `json:"pinOn"`
	IsErrors   bool       `json:"isErrors"`
	Errors     []PinError `json:"errors"`
}

// OK reports whether the feedback was pinned.
func (r PinResult) OK() bool { return !r.IsErrors && r.PinID != 0 }

// PinLimit is one of the seller's pin allowances (openapi.SellerLimit).
type PinLimit struct {
	PerUnitLimit int  `json:"perUnitLimit"` // pins per card or merged card
	Remaining    int  `json:"remaining"`
	TotalLimit   int  `json:"totalLimit"`
	Unlimited    bool `json:"unlimited"`
	Used         int  `json:"used"`
}

// PinLimits are the allowances by subscription and by tariff; nil when the
// seller has neither.
type PinLimits struct {
	Subscription *PinLimit `json:"subscription"`
	Tariff       *PinLimit `json:"tariff"`
}
