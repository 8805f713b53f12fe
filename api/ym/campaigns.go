package ym

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// MaxCampaignsLimit is getCampaigns' page size cap ("do not pass more than 100").
const MaxCampaignsLimit = 100

// CampaignsQuery selects a page of campaigns. Limit 0 lets the service
// choose; PageToken is the previous page's NextPageToken.
type CampaignsQuery struct {
	Limit     int
	PageToken string
}

// GetCampaigns returns one page of the campaigns the Api-Key can see.
func (c *Client) GetCampaigns(ctx context.Context, q CampaignsQuery) (models.YMCampaignsPage, error) {
	const op = "getCampaigns"
	if q.Limit < 0 || q.Limit > MaxCampaignsLimit {
		return models.YMCampaignsPage{}, invalid(op, "limit must be between 1 and %d (it is %d)", MaxCampaignsLimit, q.Limit)
	}
	v := url.Values{}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.PageToken != "" {
		v.Set("pageToken", q.PageToken)
	}
	var page models.YMCampaignsPage
	r := c.request(op, http.MethodGet, "/v2/campaigns", api.GroupYMCampaigns, c.accountKey(), v, nil)
	err := c.t.JSON(ctx, r, &page)
	return page, err
}

// Campaigns follows every page of getCampaigns.
func (c *Client) Campaigns(ctx context.Context) ([]models.YMCampaign, error) {
	var out []models.YMCampaign
	err := follow("getCampaigns", func(token string) (string, error) {
		page, err := c.GetCampaigns(ctx, CampaignsQuery{Limit: MaxCampaignsLimit, PageToken: token})
		out = append(out, page.Campaigns...)
		return page.Paging.NextPageToken, err
	})
	return out, err
}

// Campaign finds the client's campaign among those the Api-Key can see; a
// campaign the key cannot see is a forbidden error naming it.
func (c *Client) Campaign(ctx context.Context) (models.YMCampaign, error) {
	const op = "getCampaigns"
	if err := c.checkCampaign(op); err != nil {
		return models.YMCampaign{}, err
	}
	all, err := c.Campaigns(ctx)
	if err != nil {
		return models.YMCampaign{}, err
	}
	for _, camp := range all {
		if camp.ID == c.campaignID {
			return camp, nil
		}
	}
	return models.YMCampaign{}, &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: op, Kind: api.KindForbidden,
		Message: fmt.Sprintf("campaign %d is not among the %d campaigns this Api-Key can see", c.campaignID, len(all))}
}

// maxPages stops a pagination loop that a misbehaving server never ends.
const maxPages = 100000

// follow calls fetch with each next-page token until one comes back empty.
func follow(op string, fetch func(token string) (next string, err error)) error {
	token := ""
	seen := map[string]bool{}
	for range maxPages {
		next, err := fetch(token)
		if err != nil || next == "" {
			return err
		}
		if seen[next] {
			return &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: op, Kind: api.KindDecode,
				Message: "the service repeated a page token; stopped to avoid an endless loop"}
		}
		seen[next] = true
		token = next
	}
	return &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Op: op, Kind: api.KindDecode,
		Message: fmt.Sprintf("more than %d pages; stopped", maxPages)}
}
