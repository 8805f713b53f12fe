package wb

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

const pinsPath = "/api/feedbacks/v1/pins"

// PinsFilter narrows the pins list and count. Zero fields do not filter.
// The spec also documents a feedbackId filter typed as an integer while
// feedback IDs are strings; it is left out until that is settled.
type PinsFilter struct {
	State            models.PinState
	PinOn            models.PinOn
	ImtID, NmID      int64
	DateFrom, DateTo time.Time // bounds of the pin's changeStateAt
}

func (f PinsFilter) values(op string) (url.Values, error) {
	if f.State != "" && f.State != models.Pinned && f.State != models.Unpinned {
		return nil, fqInvalid(op, "unknown pin state %q: use pinned or unpinned", string(f.State))
	}
	if err := checkPinOn(op, f.PinOn, true); err != nil {
		return nil, err
	}
	if err := checkPeriod(op, f.DateFrom, f.DateTo); err != nil {
		return nil, err
	}
	v := url.Values{}
	if f.State != "" {
		v.Set("state", string(f.State))
	}
	if f.PinOn != "" {
		v.Set("pinOn", string(f.PinOn))
	}
	if f.ImtID != 0 {
		v.Set("imtId", strconv.FormatInt(f.ImtID, 10))
	}
	if f.NmID != 0 {
		v.Set("nmId", strconv.FormatInt(f.NmID, 10))
	}
	if !f.DateFrom.IsZero() {
		v.Set("dateFrom", f.DateFrom.UTC().Format(time.RFC3339))
	}
	if !f.DateTo.IsZero() {
		v.Set("dateTo", f.DateTo.UTC().Format(time.RFC3339))
	}
	return v, nil
}

func checkPinOn(op string, on models.PinOn, optional bool) error {
	if (optional && on == "") || on == models.PinOnNM || on == models.PinOnIMT {
		return nil
	}
	return fqInvalid(op, "unknown pin place %q: use nm (product card) or imt (merged card)", string(on))
}

// Pins returns one page of pins (pinned, and unpinned by Wildberries
// itself). next is the previous page's Next (0 for the first page); limit
// is 1..MaxPinsPage, 0 for the service's default (500).
func (c *Client) Pins(ctx context.Context, f PinsFilter, next int64, limit int) (models.PinsPage, error) {
	r := fqRequest(http.MethodGet, pinsPath, nil, nil)
	v, err := f.values(r.Op)
	if err != nil {
		return models.PinsPage{}, err
	}
	switch {
	case limit < 0 || limit > MaxPinsPage:
		return models.PinsPage{}, fqInvalid(r.Op, "limit must be between 1 and %d (it is %d)", MaxPinsPage, limit)
	case next < 0:
		return models.PinsPage{}, fqInvalid(r.Op, "next cannot be negative (it is %d)", next)
	}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	if next > 0 {
		v.Set("next", strconv.FormatInt(next, 10))
	}
	r.Query = v
	// Not the usual envelope: data and next side by side.
	var out struct {
		Data []models.Pin `json:"data"`
		Next int64        `json:"next"`
	}
	if err := c.t.JSON(ctx, r, &out); err != nil {
		return models.PinsPage{}, err
	}
	return models.PinsPage{Pins: out.Data, Next: out.Next}, nil
}

// PinsCount counts pins matching the filter.
func (c *Client) PinsCount(ctx context.Context, f PinsFilter) (int, error) {
	r := fqRequest(http.MethodGet, pinsPath+"/count", nil, nil)
	v, err := f.values(r.Op)
	if err != nil {
		return 0, err
	}
	r.Query = v
	var out struct {
		Data int `json:"data"`
	}
	err = c.t.JSON(ctx, r, &out)
	return out.Data, err
}

// PinsLimits returns the seller's pin allowances.
func (c *Client) PinsLimits(ctx context.Context) (models.PinLimits, error) {
	var out struct {
		Data models.PinLimits `json:"data"`
	}
	err := c.t.JSON(ctx, fqRequest(http.MethodGet, pinsPath+"/limits", nil, nil), &out)
	return out.Data, err
}

// Pin pins feedbacks (at most MaxPinsPerRequest). The answer carries one
// result per feedback, which is the confirmation; when some failed, the
// results come back together with an error naming them.
func (c *Client) Pin(ctx context.Context, items []models.PinRequest) ([]models.PinResult, error) {
	r := fqRequest(http.MethodPost, pinsPath, nil, items)
	if len(items) == 0 || len(items) > MaxPinsPerRequest {
		return nil, fqInvalid(r.Op, "pin between 1 and %d feedbacks at a time (got %d)", MaxPinsPerRequest, len(items))
	}
	for _, it := range items {
		if err := checkID(r.Op, "feedback", it.FeedbackID); err != nil {
			return nil, err
		}
		if it.PinMethod != models.PinBySubscription && it.PinMethod != models.PinByTariff {
			return nil, fqInvalid(r.Op, "unknown pin method %q for feedback %s: use subscription or tariff", string(it.PinMethod), it.FeedbackID)
		}
		if err := checkPinOn(r.Op, it.PinOn, false); err != nil {
			return nil, err
		}
	}
	var out struct {
		Data []models.PinResult `json:"data"`
	}
	if err := c.t.JSON(ctx, r, &out); err != nil {
		return nil, err
	}
	var failed []string
	code := ""
	for _, res := range out.Data {
		if res.OK() {
			continue
		}
		why := "no reason given"
		if len(res.Errors) > 0 {
			e := res.Errors[0]
			why, code = e.Title, string(e.Status)
			if e.Detail != "" {
				why += ": " + e.Detail
			}
		}
		failed = append(failed, fmt.Sprintf("%s (%s)", res.FeedbackID, why))
	}
	if len(out.Data) != len(items) {
		failed = append(failed, fmt.Sprintf("%d of %d feedbacks got no result", len(items)-len(out.Data), len(items)))
	}
	if len(failed) > 0 {
		e := fqInvalid(r.Op, "%d of %d feedbacks were not pinned: %s", len(failed), len(items), strings.Join(failed, "; "))
		e.Code = code
		return out.Data, e
	}
	return out.Data, nil
}

// Unpin removes pins by pin ID (at most MaxPinsPerRequest) and returns the
// IDs the service confirmed; the others are named in a not-found error.
func (c *Client) Unpin(ctx context.Context, pinIDs []int64) ([]int64, error) {
	r := fqRequest(http.MethodDelete, pinsPath, nil, pinIDs)
	if len(pinIDs) == 0 || len(pinIDs) > MaxPinsPerRequest {
		return nil, fqInvalid(r.Op, "unpin between 1 and %d pins at a time (got %d)", MaxPinsPerRequest, len(pinIDs))
	}
	for _, id := range pinIDs {
		if id <= 0 {
			return nil, fqInvalid(r.Op, "pin ID %d is not valid: pin IDs are positive", id)
		}
	}
	var out struct {
		Data []int64 `json:"data"`
	}
	if err := c.t.JSON(ctx, r, &out); err != nil {
		return nil, err
	}
	done := make(map[int64]bool, len(out.Data))
	for _, id := range out.Data {
		done[id] = true
	}
	var missing []string
	for _, id := range pinIDs {
		if !done[id] {
			missing = append(missing, strconv.FormatInt(id, 10))
		}
	}
	if len(missing) > 0 {
		return out.Data, fqError(r.Op, api.KindNotFound, "pins %s were not unpinned: no such pin, or it is no longer pinned", strings.Join(missing, ", "))
	}
	return out.Data, nil
}
