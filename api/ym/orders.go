package ym

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Limits of getBusinessOrders.
const (
	MaxBusinessOrdersLimit = 50
	MaxBusinessOrderIDs    = 50
	// MaxOrderWindowDays is the widest creation-date range one request may
	// cover; without dates the service looks back this far, order IDs or
	// not (NOTES.md, "Checked 2026-12").
	MaxOrderWindowDays = 30
	// MaxOrderWindows bounds how far before its return Orders looks for an
	// order: 25 windows of 30 days, a little over two years, the longest a
	// buyer may claim a defect when the goods have no warranty.
	MaxOrderWindows = 25
)

// GetOrderShutdown is when Yandex Market switches getOrder off; from then
// on the client never calls it.
var GetOrderShutdown = time.Date(2027, 4, 12, 0, 0, 0, 0, models.Moscow)

// BusinessOrdersQuery filters getBusinessOrders. The client always limits
// the search to its own campaign.
type BusinessOrdersQuery struct {
	OrderIDs []int64
	Statuses []models.YMOrderStatus
	// CreatedFrom (inclusive) and CreatedTo (exclusive) bound the creation
	// date by calendar day in Moscow, at most 30 days apart. Zero leaves
	// the bound to the service: the last 30 days.
	CreatedFrom, CreatedTo time.Time
	Limit                  int // 1..50; 0 is the service's default (50)
	PageToken              string
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
	Dates       *orderDates            `json:"dates,omitempty"`
}

// orderDates is OrderDatesFilterDTO's creation-date part.
type orderDates struct {
	CreationDateFrom string `json:"creationDateFrom,omitempty"`
	CreationDateTo   string `json:"creationDateTo,omitempty"`
}

// GetBusinessOrders returns one page of the account's orders of this
// campaign created in the given window (the last 30 days by default, also
// when order IDs are given).
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
	from, to := day(q.CreatedFrom), day(q.CreatedTo)
	if from != "" && to != "" {
		if days := daysBetween(q.CreatedFrom, q.CreatedTo); days < 1 || days > MaxOrderWindowDays {
			return models.YMBusinessOrdersPage{}, invalid(op, "the creation dates %s..%s must span 1 to %d days", from, to, MaxOrderWindowDays)
		}
	}
	if from != "" || to != "" {
		body.Dates = &orderDates{CreationDateFrom: from, CreationDateTo: to}
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

// dayStart is the start of t's calendar day in Moscow.
func dayStart(t time.Time) time.Time {
	y, m, d := t.In(models.Moscow).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, models.Moscow)
}

// daysBetween counts Moscow calendar days from a to b.
func daysBetween(a, b time.Time) int {
	return int(dayStart(b).Sub(dayStart(a)).Round(time.Hour) / (24 * time.Hour))
}

// getOrderGone reports whether getOrder has been switched off.
func (c *Client) getOrderGone() bool { return !c.clock().Before(GetOrderShutdown) }

// GetOrder reads one order of the campaign.
//
// Deprecated: Yandex Market shuts getOrder down on 2027-04-12 (it degrades
// from 2027-01-18); from that date this returns an error without calling
// it. Use Order or Orders, which fall back to it only until then.
func (c *Client) GetOrder(ctx context.Context, orderID int64) (models.YMLegacyOrder, error) {
	const op = "getOrder"
	if err := c.checkIDs(op, orderArg(orderID)); err != nil {
		return models.YMLegacyOrder{}, err
	}
	if c.getOrderGone() {
		return models.YMLegacyOrder{}, invalid(op, "Yandex Market switched getOrder off on %s", GetOrderShutdown.Format(time.DateOnly))
	}
	var res struct {
		Order models.YMLegacyOrder `json:"order"`
	}
	r := c.request(op, http.MethodGet, c.campaignPath("/orders/"+itoa(orderID)), api.GroupYMOrder, c.campaignKey(), nil, nil)
	err := c.t.JSON(ctx, r, &res)
	return res.Order, err
}

// OrderRef names an order and a time it was created no later than: the
// creation date of its return. A zero Before means now.
type OrderRef struct {
	ID     int64
	Before time.Time
}

// Order reads one order created by now; see OrderBefore.
func (c *Client) Order(ctx context.Context, orderID int64) (models.YMOrder, error) {
	return c.OrderBefore(ctx, orderID, time.Time{})
}

// OrderBefore reads one order created no later than before (the return's
// creation date): getBusinessOrders in 30-day windows going back from it,
// getOrder until its shutdown when the account method is refused or does
// not find the order.
func (c *Client) OrderBefore(ctx context.Context, orderID int64, before time.Time) (models.YMOrder, error) {
	got, err := c.OrdersBefore(ctx, []OrderRef{{ID: orderID, Before: before}})
	if err != nil {
		return models.YMOrder{}, err
	}
	return got[orderID], nil
}

// Orders reads several orders created by now; see OrdersBefore.
func (c *Client) Orders(ctx context.Context, orderIDs []int64) (map[int64]models.YMOrder, error) {
	refs := make([]OrderRef, len(orderIDs))
	for i, id := range orderIDs {
		refs[i] = OrderRef{ID: id}
	}
	return c.OrdersBefore(ctx, refs)
}

// OrdersBefore reads several orders. getBusinessOrders sees 30 days of
// orders at a time, so each order is looked for in windows going back from
// its Before, at most MaxOrderWindows of them; orders whose windows overlap
// share a request, 50 IDs per request. What the account method refuses or
// does not find comes from getOrder until its shutdown, and is a not-found
// error after it. Every requested order is in the map or the call fails.
func (c *Client) OrdersBefore(ctx context.Context, refs []OrderRef) (map[int64]models.YMOrder, error) {
	const op = "getBusinessOrders"
	if err := c.checkCampaign(op); err != nil {
		return nil, err
	}
	now := c.clock()
	// end is the exclusive end day of the next window to search for each
	// order, floor the day before which it is not looked for.
	end := map[int64]time.Time{}
	floor := map[int64]time.Time{}
	for _, ref := range refs {
		if ref.ID <= 0 {
			return nil, invalid(op, "the order ID must be a positive number (it is %d)", ref.ID)
		}
		latest := ref.Before
		if latest.IsZero() || latest.After(now) {
			latest = now
		}
		e := dayStart(latest).AddDate(0, 0, 1)
		if e.After(end[ref.ID]) {
			end[ref.ID] = e
			floor[ref.ID] = e.AddDate(0, 0, -MaxOrderWindows*MaxOrderWindowDays)
		}
	}
	ids := slices.Sorted(maps.Keys(end))
	out := make(map[int64]models.YMOrder, len(ids))
	var refused error
	for len(end) > 0 && refused == nil {
		// The latest pending window; every order whose own range reaches
		// into it is looked for there.
		var top time.Time
		for _, e := range end {
			if e.After(top) {
				top = e
			}
		}
		from := top.AddDate(0, 0, -MaxOrderWindowDays)
		var batch []int64
		for id, e := range end {
			if e.After(from) {
				batch = append(batch, id)
			}
		}
		slices.Sort(batch)
		for chunk := range slices.Chunk(batch, MaxBusinessOrderIDs) {
			err := follow(op, func(token string) (string, error) {
				page, err := c.GetBusinessOrders(ctx, BusinessOrdersQuery{OrderIDs: chunk, CreatedFrom: from, CreatedTo: top, PageToken: token})
				if err != nil {
					return "", err
				}
				for _, o := range page.Orders {
					if _, want := end[o.OrderID]; want && slices.Contains(chunk, o.OrderID) {
						out[o.OrderID] = o.Order()
					}
				}
				return page.Paging.NextPageToken, nil
			})
			switch {
			case err == nil:
			case refusedMethod(err):
				refused = err
			default:
				return nil, err
			}
			if refused != nil {
				break
			}
		}
		if refused != nil {
			break
		}
		for _, id := range batch {
			if _, ok := out[id]; ok || !from.After(floor[id]) {
				delete(end, id)
				continue
			}
			end[id] = from
		}
	}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		if c.getOrderGone() {
			if refused != nil {
				return nil, refused
			}
			return nil, &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: op, Kind: api.KindNotFound,
				Message: fmt.Sprintf("order %d is not among the campaign's orders of the %d days before its return", id, MaxOrderWindows*MaxOrderWindowDays)}
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
