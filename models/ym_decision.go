package models

import (
	"fmt"
	"slices"
)

// YMCompensationBounds limit a partial refund (PartialCompensationBoundsDTO).
type YMCompensationBounds struct {
	MinAmount  YMAmount `json:"minAmount"`
	MaxAmount  YMAmount `json:"maxAmount"`
	MaxPercent int64    `json:"maxPercent"` // of the position's sum
}

// YMAvailableDecision is one decision the seller may take on a return
// (ReturnAvailableDecisionDTO).
type YMAvailableDecision struct {
	DecisionType YMDecisionType `json:"decisionType"`
	// DecisionReasonTypes are the refusal reasons (DECLINE_REFUND only).
	DecisionReasonTypes []YMDeclineReason `json:"decisionReasonTypes,omitempty"`
	// PartialCompensationBounds is set for PARTIAL_MONEY_REFUND only.
	PartialCompensationBounds *YMCompensationBounds `json:"partialCompensationBounds,omitempty"`
}

// YMAvailableDecisions is what getReturnAvailableDecisions allows for one
// return; the same choices apply to each of its items. Empty means nothing
// can be decided (already decided, or not the seller's turn).
type YMAvailableDecisions []YMAvailableDecision

// Find returns the entry for a decision type.
func (a YMAvailableDecisions) Find(t YMDecisionType) (YMAvailableDecision, bool) {
	for _, d := range a {
		if d.DecisionType == t {
			return d, true
		}
	}
	return YMAvailableDecision{}, false
}

// Check tells, before sending, whether Yandex Market will accept d: the type
// is offered, a refusal names an offered reason, and a partial refund stays
// within the bounds. The error is a sentence for the user.
func (a YMAvailableDecisions) Check(d YMItemDecision) error {
	av, ok := a.Find(d.DecisionType)
	if !ok {
		return fmt.Errorf("%q is not among the decisions Yandex Market offers for this return", d.DecisionType.Label())
	}
	if len(av.DecisionReasonTypes) > 0 {
		if d.DecisionReasonType == "" {
			return fmt.Errorf("choose a reason for declining")
		}
		if !slices.Contains(av.DecisionReasonTypes, d.DecisionReasonType) {
			return fmt.Errorf("reason %q is not offered for this return", d.DecisionReasonType.Label())
		}
	}
	if b := av.PartialCompensationBounds; b != nil {
		if d.Compensation == nil {
			return fmt.Errorf("a partial refund needs a sum between %s and %s", b.MinAmount, b.MaxAmount)
		}
		if v := d.Compensation.Value; v < b.MinAmount.Value || v > b.MaxAmount.Value {
			return fmt.Errorf("the partial refund must be between %s and %s", b.MinAmount, b.MaxAmount)
		}
	}
	return nil
}

// YMItemDecision is the seller's decision on one item for
// submitReturnDecision (ReturnItemDecisionDTO).
type YMItemDecision struct {
	ReturnItemID int64          `json:"returnItemId"`
	DecisionType YMDecisionType `json:"decisionType"`
	// DecisionReasonType is the refusal reason (DECLINE_REFUND).
	DecisionReasonType YMDeclineReason `json:"decisionReasonType,omitempty"`
	Comment            string          `json:"comment,omitempty"`
	// Compensation is the partial refund (PARTIAL_MONEY_REFUND only).
	Compensation *YMAmount `json:"compensation,omitempty"`
}

// YMSetDecision is the body of the deprecated setReturnDecision
// (SetReturnDecisionRequest).
type YMSetDecision struct {
	ReturnItemID int64          `json:"returnItemId"`
	DecisionType YMDecisionType `json:"decisionType"`
	Comment      string         `json:"comment,omitempty"`
	Compensation *YMAmount      `json:"compensation,omitempty"`
}
