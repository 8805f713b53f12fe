package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
)

// Decisions: what the seller may decide depends on the return's state, and
// a decision moves the return on so later reads show it.

var ymAllDeclineReasons = []string{"ISSUE_WITH_THE_PRODUCT_WAS_NOT_CONFIRMED", "MECHANICAL_DAMAGE", "WARRANTY_PERIOD_HAS_EXPIRED",
	"CONFIGURATION_OR_PACKAGING_COMPROMISED", "PRODUCT_APPEARANCE_COMPROMISED", "WARRANTY_TERMS_VIOLATED", "DEVICE_ACTIVATED"}

type ymBoundsW struct {
	MinAmount  ymAmountW `json:"minAmount"`
	MaxAmount  ymAmountW `json:"maxAmount"`
	MaxPercent int64     `json:"maxPercent"`
}

type ymAvailableW struct {
	DecisionType              string     `json:"decisionType"`
	DecisionReasonTypes       []string   `json:"decisionReasonTypes,omitempty"`
	PartialCompensationBounds *ymBoundsW `json:"partialCompensationBounds,omitempty"`
}

// ymMaxPercent is the share of a position a partial refund may cover.
const ymMaxPercent = 50

// bounds of a partial refund: from one rouble to half of the cheapest
// position, so that the one range is valid for every item.
func (r *ymReturn) bounds() ymBoundsW {
	cheapest := math.MaxFloat64
	for _, it := range r.items {
		cheapest = min(cheapest, float64(catalogue[it.product].Price*it.count))
	}
	max := math.Floor(cheapest*ymMaxPercent) / 100
	return ymBoundsW{MinAmount: ymAmountW{1, "RUR"}, MaxAmount: ymAmountW{max, "RUR"}, MaxPercent: ymMaxPercent}
}

// available lists the decisions open now: none unless the return awaits
// the seller; DBS sellers choose from the full set, FBS/FBY/Express ones
// from what premoderation allows.
func (r *ymReturn) available() []ymAvailableW {
	if r.unredeemed || !r.awaiting() {
		return []ymAvailableW{}
	}
	b := r.bounds()
	partial := ymAvailableW{DecisionType: "PARTIAL_MONEY_REFUND", PartialCompensationBounds: &b}
	if r.dbs {
		return []ymAvailableW{
			{DecisionType: "REFUND_MONEY"}, {DecisionType: "REFUND_MONEY_INCLUDING_SHIPMENT"},
			{DecisionType: "REPAIR"}, {DecisionType: "REPLACE"}, {DecisionType: "SEND_TO_EXAMINATION"},
			{DecisionType: "DECLINE_REFUND", DecisionReasonTypes: ymAllDeclineReasons},
			{DecisionType: "OTHER_DECISION"}, partial,
		}
	}
	var out []ymAvailableW
	if r.fast {
		out = append(out, ymAvailableW{DecisionType: "FAST_REFUND_MONEY"})
	}
	out = append(out, ymAvailableW{DecisionType: "REFUND_MONEY"})
	reasons := []string{"ISSUE_WITH_THE_PRODUCT_WAS_NOT_CONFIRMED", "MECHANICAL_DAMAGE", "CONFIGURATION_OR_PACKAGING_COMPROMISED", "PRODUCT_APPEARANCE_COMPROMISED"}
	for _, it := range r.items {
		if it.reason == "BAD_QUALITY" {
			out = append(out, ymAvailableW{DecisionType: "SEND_TO_EXAMINATION"})
			reasons = append(reasons, "WARRANTY_PERIOD_HAS_EXPIRED", "WARRANTY_TERMS_VIOLATED", "DEVICE_ACTIVATED")
			break
		}
	}
	out = append(out, ymAvailableW{DecisionType: "DECLINE_REFUND", DecisionReasonTypes: reasons}, partial)
	return out
}

func (s *Server) ymGetAvailableDecisions(w http.ResponseWriter, r *http.Request) {
	if !ymBusinessParam(w, r) {
		return
	}
	var req struct {
		CampaignID *int64 `json:"campaignId"`
		ReturnID   *int64 `json:"returnId"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		ymBadRequest(w, "request body: %v", err)
		return
	}
	if req.CampaignID == nil || req.ReturnID == nil || *req.CampaignID < 1 || *req.ReturnID < 1 {
		ymBadRequest(w, "campaignId and returnId are required positive numbers")
		return
	}
	if !ymCampaignAccess(w, *req.CampaignID) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ret := s.ymFind(*req.CampaignID, *req.ReturnID)
	if ret == nil {
		ymNotFound(w, "Return %d not found", *req.ReturnID)
		return
	}
	ymOK(w, map[string]any{"availableDecisions": ret.available()})
}

// ymDecisionIn is ReturnItemDecisionDTO / SetReturnDecisionRequest.
type ymDecisionIn struct {
	ReturnItemID       int64      `json:"returnItemId"`
	DecisionType       string     `json:"decisionType"`
	DecisionReasonType string     `json:"decisionReasonType"`
	Comment            string     `json:"comment"`
	Compensation       *ymAmountW `json:"compensation"`
}

// check validates one decision against what the return allows. The
// deprecated setReturnDecision has no field for a refusal reason, so legacy
// refusals go without one.
func (r *ymReturn) check(d ymDecisionIn, legacy bool) error {
	if r.item(d.ReturnItemID) == nil {
		return fmt.Errorf("returnItemId %d is not an item of return %d", d.ReturnItemID, r.id)
	}
	i := slices.IndexFunc(r.available(), func(a ymAvailableW) bool { return a.DecisionType == d.DecisionType })
	if i < 0 {
		return fmt.Errorf("item %d: decision %q is not available for return %d", d.ReturnItemID, d.DecisionType, r.id)
	}
	av := r.available()[i]
	if d.DecisionReasonType != "" && d.DecisionType != "DECLINE_REFUND" {
		return fmt.Errorf("item %d: decisionReasonType goes with DECLINE_REFUND only", d.ReturnItemID)
	}
	if d.DecisionType == "DECLINE_REFUND" && !legacy && !slices.Contains(av.DecisionReasonTypes, d.DecisionReasonType) {
		return fmt.Errorf("item %d: DECLINE_REFUND needs decisionReasonType, one of %v", d.ReturnItemID, av.DecisionReasonTypes)
	}
	if d.DecisionType != "PARTIAL_MONEY_REFUND" {
		if d.Compensation != nil {
			return fmt.Errorf("item %d: compensation goes with PARTIAL_MONEY_REFUND only", d.ReturnItemID)
		}
		return nil
	}
	b := av.PartialCompensationBounds
	switch c := d.Compensation; {
	case c == nil:
		return fmt.Errorf("item %d: PARTIAL_MONEY_REFUND needs compensation", d.ReturnItemID)
	case c.CurrencyID != "RUR":
		return fmt.Errorf("item %d: compensation currency %q must be RUR", d.ReturnItemID, c.CurrencyID)
	case c.Value < b.MinAmount.Value || c.Value > b.MaxAmount.Value:
		return fmt.Errorf("item %d: compensation %.2f is outside %.2f..%.2f RUR", d.ReturnItemID, c.Value, b.MinAmount.Value, b.MaxAmount.Value)
	}
	return nil
}

func (it *ymItem) record(d ymDecisionIn, pending bool) {
	it.decisionType, it.declineReason, it.decisionComment, it.pending = d.DecisionType, d.DecisionReasonType, d.Comment, pending
	it.compensation = 0
	if d.Compensation != nil {
		it.compensation = d.Compensation.Value
	}
}

// decide moves a return on once every item is decided: the refund status
// becomes "decision made" the way its flow (DBS or premoderation) names it.
func (r *ymReturn) decide(s *Server) {
	for i := range r.items {
		r.items[i].pending = false
	}
	if r.dbs {
		r.refund = "DECISION_MADE"
	} else {
		r.refund = "PREMODERATION_DECISION_MADE"
	}
	r.updated = s.now().Truncate(1e9)
}

func (s *Server) ymSubmitReturnDecision(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		ymBadRequest(w, "request body: %v", err)
		return
	}
	var req struct {
		ReturnItemDecisions []ymDecisionIn `json:"returnItemDecisions"`
	}
	empty := len(bytes.TrimSpace(raw)) == 0
	if !empty {
		if err := json.Unmarshal(raw, &req); err != nil {
			ymBadRequest(w, "request body: %v", err)
			return
		}
		if len(req.ReturnItemDecisions) == 0 {
			ymBadRequest(w, "returnItemDecisions must hold at least one decision")
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ret := s.ymReturnParam(w, r)
	if ret == nil {
		return
	}
	if !ret.awaiting() {
		ymBadRequest(w, "Return %d is not waiting for a decision (refund status %s)", ret.id, ret.refund)
		return
	}
	if empty {
		// The deprecated flow: confirm what setReturnDecision chose.
		for _, it := range ret.items {
			if !it.pending {
				ymBadRequest(w, "Item %d of return %d has no decision: choose one with setReturnDecision or send returnItemDecisions", it.id, ret.id)
				return
			}
		}
		ret.decide(s)
		ymOK(w, nil)
		return
	}
	seen := map[int64]bool{}
	for _, d := range req.ReturnItemDecisions {
		if seen[d.ReturnItemID] {
			ymBadRequest(w, "returnItemId %d is given twice", d.ReturnItemID)
			return
		}
		seen[d.ReturnItemID] = true
		if err := ret.check(d, false); err != nil {
			ymBadRequest(w, "%v", err)
			return
		}
	}
	for _, it := range ret.items {
		if !seen[it.id] {
			ymBadRequest(w, "Every item needs a decision: item %d has none", it.id)
			return
		}
	}
	for _, d := range req.ReturnItemDecisions {
		ret.item(d.ReturnItemID).record(d, false)
	}
	ret.decide(s)
	ymOK(w, nil)
}

func (s *Server) ymSetReturnDecision(w http.ResponseWriter, r *http.Request) {
	var d ymDecisionIn
	if err := json.NewDecoder(r.Body).Decode(&d); err != nil {
		ymBadRequest(w, "request body: %v", err)
		return
	}
	if d.ReturnItemID == 0 || d.DecisionType == "" {
		ymBadRequest(w, "returnItemId and decisionType are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ret := s.ymReturnParam(w, r)
	if ret == nil {
		return
	}
	if !ret.dbs || !ret.awaiting() {
		ymBadRequest(w, "setReturnDecision works for DBS returns waiting for a decision; use submitReturnDecision for return %d", ret.id)
		return
	}
	d.DecisionReasonType = "" // not part of SetReturnDecisionRequest
	if err := ret.check(d, true); err != nil {
		ymBadRequest(w, "%v", err)
		return
	}
	ret.item(d.ReturnItemID).record(d, true)
	ret.updated = s.now().Truncate(1e9)
	ymOK(w, nil)
}
