package ym

import (
	"context"
	"net/http"
	"slices"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// GetReturnAvailableDecisions lists the decisions the seller may take on a
// return now; empty when there is nothing to decide. The list is per
// return: each item may get any of them.
func (c *Client) GetReturnAvailableDecisions(ctx context.Context, returnID int64) (models.YMAvailableDecisions, error) {
	const op = "getReturnAvailableDecisions"
	if err := c.checkIDs(op, returnArg(returnID)); err != nil {
		return nil, err
	}
	biz, err := c.BusinessID(ctx)
	if err != nil {
		return nil, err
	}
	body := struct {
		CampaignID int64 `json:"campaignId"`
		ReturnID   int64 `json:"returnId"`
	}{c.campaignID, returnID}
	var res result[struct {
		AvailableDecisions models.YMAvailableDecisions `json:"availableDecisions"`
	}]
	r := c.request(op, http.MethodPost, "/v1/businesses/"+itoa(biz)+"/returns/decisions", api.GroupYMAvailableDecision, businessKey(biz), nil, body)
	r.Idempotent = true // a read that happens to be a POST
	if err := c.t.JSON(ctx, r, &res); err != nil {
		return nil, err
	}
	return res.Result.AvailableDecisions, nil
}

// SubmitReturnDecision sends the seller's decisions on a return's items
// (the current flow: GetReturnAvailableDecisions, then this). A network
// failure leaves api.Error.Unknown set: read the return back before sending
// again.
func (c *Client) SubmitReturnDecision(ctx context.Context, orderID, returnID int64, decisions []models.YMItemDecision) error {
	const op = "submitReturnDecision"
	if err := c.checkIDs(op, orderArg(orderID), returnArg(returnID)); err != nil {
		return err
	}
	if len(decisions) == 0 {
		return invalid(op, "give a decision for at least one item")
	}
	out := make([]models.YMItemDecision, len(decisions))
	seen := map[int64]bool{}
	for i, d := range decisions {
		if seen[d.ReturnItemID] {
			return invalid(op, "item %d has two decisions", d.ReturnItemID)
		}
		seen[d.ReturnItemID] = true
		var err error
		if out[i], err = checkDecision(op, d); err != nil {
			return err
		}
	}
	body := struct {
		ReturnItemDecisions []models.YMItemDecision `json:"returnItemDecisions"`
	}{out}
	r := c.request(op, http.MethodPost, c.campaignPath(returnPath(orderID, returnID)+"/decision/submit"), api.GroupYMSubmitDecision, c.campaignKey(), nil, body)
	return c.t.JSON(ctx, r, nil)
}

// ConfirmReturnDecision submits, without a body, the decisions chosen
// earlier with SetReturnDecision: the second step of the deprecated flow.
func (c *Client) ConfirmReturnDecision(ctx context.Context, orderID, returnID int64) error {
	const op = "submitReturnDecision"
	if err := c.checkIDs(op, orderArg(orderID), returnArg(returnID)); err != nil {
		return err
	}
	r := c.request(op, http.MethodPost, c.campaignPath(returnPath(orderID, returnID)+"/decision/submit"), api.GroupYMSubmitDecision, c.campaignKey(), nil, nil)
	return c.t.JSON(ctx, r, nil)
}

// SetReturnDecision chooses the decision on one item of a DBS return; it
// takes effect once confirmed with ConfirmReturnDecision.
//
// Deprecated: Yandex Market shuts setReturnDecision down on 2027-04-05 (it
// degrades from 2027-01-18). Use GetReturnAvailableDecisions and
// SubmitReturnDecision.
func (c *Client) SetReturnDecision(ctx context.Context, orderID, returnID int64, d models.YMSetDecision) error {
	const op = "setReturnDecision"
	if err := c.checkIDs(op, orderArg(orderID), returnArg(returnID)); err != nil {
		return err
	}
	checked, err := checkDecision(op, models.YMItemDecision{ReturnItemID: d.ReturnItemID, DecisionType: d.DecisionType, Comment: d.Comment, Compensation: d.Compensation})
	if err != nil {
		return err
	}
	d.Compensation = checked.Compensation
	r := c.request(op, http.MethodPost, c.campaignPath(returnPath(orderID, returnID)+"/decision"), api.GroupYMSetDecision, c.campaignKey(), nil, d)
	return c.t.JSON(ctx, r, nil)
}

// checkDecision applies the spec's rules to one decision and returns it with
// the compensation's currency defaulted to roubles.
func checkDecision(op string, d models.YMItemDecision) (models.YMItemDecision, error) {
	if d.ReturnItemID <= 0 {
		return d, invalid(op, "the return item ID must be a positive number (it is %d)", d.ReturnItemID)
	}
	if !slices.Contains(models.YMRequestDecisionTypes, d.DecisionType) {
		return d, invalid(op, "item %d: %q is not a decision Yandex Market accepts", d.ReturnItemID, d.DecisionType)
	}
	if d.DecisionReasonType != "" {
		if d.DecisionType != models.YMDecisionDeclineRefund {
			return d, invalid(op, "item %d: a reason is given only when declining", d.ReturnItemID)
		}
		if !slices.Contains(models.YMDeclineReasons, d.DecisionReasonType) {
			return d, invalid(op, "item %d: unknown reason for declining %q", d.ReturnItemID, d.DecisionReasonType)
		}
	}
	partial := d.DecisionType == models.YMDecisionPartialMoneyRefund
	switch {
	case partial && d.Compensation == nil:
		return d, invalid(op, "item %d: a partial refund needs the sum to refund", d.ReturnItemID)
	case !partial && d.Compensation != nil:
		return d, invalid(op, "item %d: a compensation sum goes with a partial refund only", d.ReturnItemID)
	case partial && d.Compensation.Value <= 0:
		return d, invalid(op, "item %d: the partial refund must be more than zero", d.ReturnItemID)
	}
	if d.Compensation != nil && d.Compensation.CurrencyID == "" {
		cp := *d.Compensation
		cp.CurrencyID = models.YMRouble
		d.Compensation = &cp
	}
	return d, nil
}
