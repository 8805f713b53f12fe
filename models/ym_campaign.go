package models

// YMBusiness is the seller's account that owns campaigns (BusinessDTO).
type YMBusiness struct {
	ID   int64  `json:"id"`
	Name string `json:"name,omitempty"`
}

// YMCampaign is one shop of the account (CampaignDTO).
type YMCampaign struct {
	ID              int64             `json:"id"`
	Domain          string            `json:"domain,omitempty"` // the shop's name
	ClientID        int64             `json:"clientId,omitempty"`
	Business        *YMBusiness       `json:"business,omitempty"`
	PlacementType   YMPlacementType   `json:"placementType,omitempty"`
	APIAvailability YMAPIAvailability `json:"apiAvailability,omitempty"`
}

// BusinessID is the owning account's ID, 0 when not given.
func (c YMCampaign) BusinessID() int64 {
	if c.Business == nil {
		return 0
	}
	return c.Business.ID
}

// APIUsable reports whether the campaign's methods may be called; an absent
// value is taken as usable, as older answers omit it.
func (c YMCampaign) APIUsable() bool {
	return c.APIAvailability == "" || c.APIAvailability == YMAPIAvailable
}

// YMCampaignsPage is one page of getCampaigns (GetCampaignsResponse).
type YMCampaignsPage struct {
	Campaigns []YMCampaign `json:"campaigns"`
	Paging    struct {
		NextPageToken string `json:"nextPageToken,omitempty"`
	} `json:"paging"`
	Pager *struct {
		Total       int `json:"total"`
		CurrentPage int `json:"currentPage"`
		PagesCount  int `json:"pagesCount"`
		PageSize    int `json:"pageSize"`
	} `json:"pager,omitempty"`
}
