package ym

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Limits of getReturns.
const (
	MaxReturnsLimit    = 100 // larger limits are cut to this by the service
	MaxReturnsOrderIDs = 50
)

// ReturnsQuery filters getReturns. Zero fields do not filter.
type ReturnsQuery struct {
	Statuses         []models.YMRefundStatus
	ShipmentStatuses []models.YMShipmentStatus
	Type             models.YMReturnType // RETURN, UNREDEEMED or "" for both
	// FromDate and ToDate bound the update date, by calendar day in Moscow.
	FromDate, ToDate time.Time
	OrderIDs         []int64
	Limit            int // 1..100; 0 is the service's default (50)
	PageToken        string
}

func (q ReturnsQuery) values(op string) (url.Values, error) {
	v := url.Values{}
	if q.Limit < 0 || q.Limit > MaxReturnsLimit {
		return nil, invalid(op, "limit must be between 1 and %d (it is %d)", MaxReturnsLimit, q.Limit)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.PageToken != "" {
		v.Set("pageToken", q.PageToken)
	}
	ids := uniq(q.OrderIDs)
	if len(ids) > MaxReturnsOrderIDs {
		return nil, invalid(op, "at most %d order IDs per request (got %d)", MaxReturnsOrderIDs, len(ids))
	}
	// One comma-separated value per array parameter, as the documentation
	// says ("several are listed separated by commas"); a repeated key is
	// not documented and may keep only one of the values.
	idList := make([]string, 0, len(ids))
	for _, id := range ids {
		if id <= 0 {
			return nil, invalid(op, "the order ID must be a positive number (it is %d)", id)
		}
		idList = append(idList, strconv.FormatInt(id, 10))
	}
	setList(v, "orderIds", idList)
	var statuses []string
	for _, s := range uniq(q.Statuses) {
		if !slices.Contains(models.YMRefundStatuses, s) {
			return nil, invalid(op, "unknown refund status %q", s)
		}
		statuses = append(statuses, string(s))
	}
	setList(v, "statuses", statuses)
	var shipment []string
	for _, s := range uniq(q.ShipmentStatuses) {
		if !slices.Contains(models.YMShipmentStatuses, s) {
			return nil, invalid(op, "unknown shipment status %q", s)
		}
		shipment = append(shipment, string(s))
	}
	setList(v, "shipmentStatuses", shipment)
	switch q.Type {
	case "":
	case models.YMReturnTypeReturn, models.YMReturnTypeUnredeemed:
		v.Set("type", string(q.Type))
	default:
		return nil, invalid(op, "type must be RETURN or UNREDEEMED (it is %q)", q.Type)
	}
	from, to := day(q.FromDate), day(q.ToDate)
	if from != "" && to != "" && from > to {
		return nil, invalid(op, "fromDate %s is after toDate %s", from, to)
	}
	if from != "" {
		v.Set("fromDate", from)
	}
	if to != "" {
		v.Set("toDate", to)
	}
	return v, nil
}

// setList sets an array query parameter the way YM documents it.
func setList(v url.Values, name string, values []string) {
	if len(values) > 0 {
		v.Set(name, strings.Join(values, ","))
	}
}

// day is the calendar day in Moscow, the zone Yandex Market dates are in.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Moscow).Format(time.DateOnly)
}

func uniq[T comparable](xs []T) []T {
	seen := make(map[T]bool, len(xs))
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// pagedReturns is PagedReturnsDTO.
type pagedReturns struct {
	Paging struct {
		NextPageToken string `json:"nextPageToken"`
	} `json:"paging"`
	Returns []models.YMReturn `json:"returns"`
}

// GetReturns returns one page of returns and non-purchases.
func (c *Client) GetReturns(ctx context.Context, q ReturnsQuery) (models.YMReturnsPage, error) {
	const op = "getReturns"
	if err := c.checkCampaign(op); err != nil {
		return models.YMReturnsPage{}, err
	}
	v, err := q.values(op)
	if err != nil {
		return models.YMReturnsPage{}, err
	}
	var res result[pagedReturns]
	r := c.request(op, http.MethodGet, c.campaignPath("/returns"), api.GroupYMReturns, c.campaignKey(), v, nil)
	if err := c.t.JSON(ctx, r, &res); err != nil {
		return models.YMReturnsPage{}, err
	}
	return models.YMReturnsPage{Returns: res.Result.Returns, NextPageToken: res.Result.Paging.NextPageToken}, nil
}

// Returns iterates over every return matching q, page by page from
// q.PageToken; it stops at the first error, which it yields.
func (c *Client) Returns(ctx context.Context, q ReturnsQuery) iter.Seq2[models.YMReturn, error] {
	return func(yield func(models.YMReturn, error) bool) {
		stopped := false
		err := follow("getReturns", func(token string) (string, error) {
			if token != "" {
				q.PageToken = token
			}
			page, err := c.GetReturns(ctx, q)
			if err != nil {
				return "", err
			}
			for _, r := range page.Returns {
				if !yield(r, nil) {
					stopped = true
					return "", nil
				}
			}
			return page.NextPageToken, nil
		})
		if err != nil && !stopped {
			yield(models.YMReturn{}, err)
		}
	}
}

// AllReturns collects every page of returns matching q.
func (c *Client) AllReturns(ctx context.Context, q ReturnsQuery) ([]models.YMReturn, error) {
	var out []models.YMReturn
	for r, err := range c.Returns(ctx, q) {
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// GetReturn reads one return of an order.
func (c *Client) GetReturn(ctx context.Context, orderID, returnID int64) (models.YMReturn, error) {
	const op = "getReturn"
	if err := c.checkIDs(op, orderArg(orderID), returnArg(returnID)); err != nil {
		return models.YMReturn{}, err
	}
	var res result[models.YMReturn]
	r := c.request(op, http.MethodGet, c.campaignPath(returnPath(orderID, returnID)), api.GroupYMReturn, c.campaignKey(), nil, nil)
	err := c.t.JSON(ctx, r, &res)
	return res.Result, err
}
