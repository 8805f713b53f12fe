// Package ym is the typed Yandex Market client: returns and non-purchases,
// the seller's decisions on them, buyer photos and applications, orders and
// campaigns. Every call goes through the shared api.Transport; inputs are
// checked before anything is sent.
package ym

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Client works on one campaign (shop) and, for the methods addressed by
// account, on the business that owns it.
type Client struct {
	t          *api.Transport
	campaignID int64

	mu         sync.Mutex
	businessID int64 // resolved lazily from getCampaigns; 0 until then

	// now is the clock for order windows and getOrder's shutdown; nil is
	// the wall clock (tests set it).
	now func() time.Time
}

func (c *Client) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// New wraps a transport for a campaign. An invalid campaign ID is reported
// by the first call, as a validation error, so that construction cannot fail.
func New(t *api.Transport, campaignID int64) *Client {
	return &Client{t: t, campaignID: campaignID}
}

// ForCampaign is a client of another campaign over the same transport
// (its budgets and limits are shared, as the marketplace counts them).
func (c *Client) ForCampaign(id int64) *Client {
	return &Client{t: c.t, campaignID: id, now: c.now}
}

// CampaignID is the campaign the client works on.
func (c *Client) CampaignID() int64 { return c.campaignID }

// Transport is the underlying transport (budgets, base URLs).
func (c *Client) Transport() *api.Transport { return c.t }

// BusinessID is the ID of the account owning the campaign, read once from
// getCampaigns and cached; a failure is not cached, so a later call retries.
func (c *Client) BusinessID(ctx context.Context) (int64, error) {
	c.mu.Lock()
	id := c.businessID
	c.mu.Unlock()
	if id != 0 {
		return id, nil
	}
	if err := c.checkCampaign("getCampaigns"); err != nil {
		return 0, err
	}
	camp, err := c.Campaign(ctx)
	if err != nil {
		return 0, err
	}
	if camp.BusinessID() <= 0 {
		return 0, &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: "getCampaigns", Kind: api.KindDecode,
			Message: fmt.Sprintf("campaign %d came without its business ID", c.campaignID)}
	}
	c.mu.Lock()
	c.businessID = camp.BusinessID()
	c.mu.Unlock()
	return camp.BusinessID(), nil
}

func (c *Client) campaignKey() string { return "campaign:" + strconv.FormatInt(c.campaignID, 10) }

// accountKey is the parallel slot of getCampaigns, which names neither a
// campaign nor a business: Yandex Market counts it against the business
// (the cabinet) of the Api-Key, not against one of its shops. Until the
// business is known no business-addressed call can be in flight (each
// resolves the business through getCampaigns first), so a placeholder key
// still caps the resolving calls together.
func (c *Client) accountKey() string {
	c.mu.Lock()
	id := c.businessID
	c.mu.Unlock()
	if id != 0 {
		return businessKey(id)
	}
	return "business-of-campaign:" + strconv.FormatInt(c.campaignID, 10)
}

func businessKey(id int64) string { return "business:" + strconv.FormatInt(id, 10) }

// campaignPath builds /v2/campaigns/{campaignId}/... from already-numeric
// segments, so nothing needs escaping except the photo hash, which the
// caller escapes.
func (c *Client) campaignPath(rest string) string {
	return "/v2/campaigns/" + strconv.FormatInt(c.campaignID, 10) + rest
}

func returnPath(orderID, returnID int64) string {
	return "/orders/" + strconv.FormatInt(orderID, 10) + "/returns/" + strconv.FormatInt(returnID, 10)
}

// request fills what every YM request shares.
func (c *Client) request(op, method, path string, group api.Group, key string, query url.Values, body any) api.Request {
	return api.Request{
		Op: op, Service: api.ServiceYM, Method: method, Path: path, Query: query, JSON: body,
		Group: group, ParallelKey: key,
		Idempotent: method == http.MethodGet,
	}
}

// invalid is a validation error raised before sending.
func invalid(op, format string, args ...any) *api.Error {
	return &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: op, Kind: api.KindValidation,
		Message: fmt.Sprintf(format, args...)}
}

func (c *Client) checkCampaign(op string) error {
	if c.campaignID <= 0 {
		return invalid(op, "the campaign ID must be a positive number (it is %d); find it with `sellerinbox status` or in the seller cabinet under API and modules", c.campaignID)
	}
	return nil
}

// checkIDs validates the campaign and the named positive IDs in order.
func (c *Client) checkIDs(op string, ids ...namedID) error {
	if err := c.checkCampaign(op); err != nil {
		return err
	}
	for _, id := range ids {
		if id.v <= 0 {
			return invalid(op, "the %s ID must be a positive number (it is %d)", id.name, id.v)
		}
	}
	return nil
}

type namedID struct {
	name string
	v    int64
}

func orderArg(v int64) namedID  { return namedID{"order", v} }
func returnArg(v int64) namedID { return namedID{"return", v} }
func itemArg(v int64) namedID   { return namedID{"return item", v} }

// result is Yandex Market's {"status":"OK","result":...} wrapper.
type result[T any] struct {
	Status string `json:"status"`
	Result T      `json:"result"`
}
