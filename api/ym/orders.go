package ym

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Limits of getBusinessOrders.
const (
	MaxBusinessOrdersLimit = 50
	MaxBusinessOrderIDs    = 50
)

// BusinessOrdersQuery filters getBusinessOrders. The client always limits
// the search to its own campaign.
type BusinessOrdersQuery struct {
	OrderIDs  []int64
	Statuses  []models.YMOrderStatus
	Limit     int // 1..50; 0 is the service's default (50)
	PageToken string
}

var orderStatuses = []models.YMOrderStatus{
	models.YMOrderStatusPlacing, models.YMOrderStatusReserved, models.YMOrderStatusUnpaid, models.YMOrderStatusProcessing,
	models.YMOrderStatusDelivery, models.YMOrderStatusPickup, models.YMOrderStatusDelivered, models.YMOrderStatusCancelled,
	models.YMOrderStatusPending, models.YMOrderStatusPartiallyReturned, models.YMOrderStatusReturned, models.YMOrderStatusUnknown,
}

// businessOrdersRequest is GetBusinessOrdersRequest; nil slices are left out
// because the spec wants at least one element when a filter is present.
type businessOrdersRequest struct {
	OrderIDs    []int64                `json:"orderIds,omitempty"`
	CampaignIDs []int64                `json:"campaignIds,omitempty"`
	Statuses    []models.YMOrderStatus `json:"statuses,omitempty"`
}

// GetBusinessOrders returns one page of the account's orders of this
// campaign. Without order IDs the service looks back 30 days only.
func (c *Client) GetBusinessOrders(ctx context.Context, q BusinessOrdersQuery) (models.YMBusinessOrdersPage, error) {
	const op = "getBusinessOrders"
	if err := c.checkCampaign(op); err != nil {
		return models.YMBusinessOrdersPage{}, err
	}
	if q.Limit < 0 || q.Limit > MaxBusinessOrdersLimit {
		return models.YMBusinessOrdersPage{}, invalid(op, "limit must be between 1 and %d (it is %d)", MaxBusinessOrdersLimit, q.Limit)
	}
	body := businessOrdersRequest{CampaignIDs: []int64{c.campaignID}}
	body.OrderIDs = uniq(q.OrderIDs)
	if len(body.OrderIDs) > MaxBusinessOrderIDs {
		return models.YMBusinessOrdersPage{}, invalid(op, "at most %d order IDs per request (got %d)", MaxBusinessOrderIDs, len(body.OrderIDs))
	}
	for _, id := range body.OrderIDs {
		if id <= 0 {
			return models.YMBusinessOrdersPage{}, invalid(op, "the order ID must be a positive number (it is %d)", id)
		}
	}
	body.Statuses = uniq(q.Statuses)
	for _, s := range body.Statuses {
		if !slices.Contains(orderStatuses, s) {
			return models.YMBusinessOrdersPage{}, invalid(op, "unknown order status %q", s)
		}
	}
	if len(body.OrderIDs) == 0 {
		body.OrderIDs = nil
	}
	if len(body.Statuses) == 0 {
		body.Statuses = nil
	}
	biz, err := c.BusinessID(ctx)
	if err != nil {
		return models.YMBusinessOrdersPage{}, err
	}
	v := url.Values{}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.PageToken != "" {
		v.Set("pageToken", q.PageToken)
	}
	var page models.YMBusinessOrdersPage
	r := c.request(op, http.MethodPost, "/v1/businesses/"+itoa(biz)+"/orders", api.GroupYMBusinessOrders, businessKey(biz), v, body)
	r.Idempotent = true // a search: repeating it changes nothing
	err = c.t.JSON(ctx, r, &page)
	return page, err
}

// GetOrder reads one order of the campaign.
//
// Deprecated: Yandex Market shuts getOrder down on 2027-04-12 (it degrades
// from 2027-01-18). Use Order or GetBusinessOrders, which fall back to it
// only where getBusinessOrders is refused.
func (c *Client) GetOrder(ctx context.Context, orderID int64) (models.YMLegacyOrder, error) {
	const op = "getOrder"
	if err := c.checkIDs(op, orderArg(orderID)); err != nil {
		return models.YMLegacyOrder{}, err
	}
	var res struct {
		Order models.YMLegacyOrder `json:"order"`
	}
	r := c.request(op, http.MethodGet, c.campaignPath("/orders/"+itoa(orderID)), api.GroupYMOrder, c.campaignKey(), nil, nil)
	err := c.t.JSON(ctx, r, &res)
	return res.Order, err
}

// Order reads one order: getBusinessOrders first, getOrder when the
// account method is refused (404, 403, unsupported) or does not list the
// order.
func (c *Client) Order(ctx context.Context, orderID int64) (models.YMOrder, error) {
	got, err := c.Orders(ctx, []int64{orderID})
	if err != nil {
		return models.YMOrder{}, err
	}
	return got[orderID], nil
}

// Orders reads several orders, 50 per getBusinessOrders call, with the same
// fallback as Order for each order the account method does not give. Every
// requested order is in the map or the call fails.
func (c *Client) Orders(ctx context.Context, orderIDs []int64) (map[int64]models.YMOrder, error) {
	const op = "getBusinessOrders"
	if err := c.checkCampaign(op); err != nil {
		return nil, err
	}
	ids := uniq(orderIDs)
	for _, id := range ids {
		if id <= 0 {
			return nil, invalid(op, "the order ID must be a positive number (it is %d)", id)
		}
	}
	out := make(map[int64]models.YMOrder, len(ids))
	legacy := false
	for chunk := range slices.Chunk(ids, MaxBusinessOrderIDs) {
		if legacy {
			break
		}
		err := follow(op, func(token string) (string, error) {
			page, err := c.GetBusinessOrders(ctx, BusinessOrdersQuery{OrderIDs: chunk, PageToken: token})
			if err != nil {
				return "", err
			}
			for _, o := range page.Orders {
				if slices.Contains(chunk, o.OrderID) {
					out[o.OrderID] = o.Order()
				}
			}
			return page.Paging.NextPageToken, nil
		})
		switch {
		case err == nil:
		case refusedMethod(err):
			legacy = true
		default:
			return nil, err
		}
	}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		o, err := c.GetOrder(ctx, id)
		if err != nil {
			return nil, err
		}
		out[id] = o.Order()
	}
	return out, nil
}

// refusedMethod reports an answer that means "this method is not for you"
// rather than "this request is wrong".
func refusedMethod(err error) bool {
	e, ok := api.AsError(err)
	if !ok {
		return false
	}
	switch {
	case e.Kind == api.KindNotFound, e.Kind == api.KindForbidden:
		return true
	case e.Status == http.StatusMethodNotAllowed, e.Status == http.StatusNotImplemented:
		return true
	}
	return false
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
