package models

import "testing"

// The Yandex Market bodies as api/ym decodes them: {"status","result"}
// around the models (getBusinessOrders, getOrder and getCampaigns answer
// without the wrapper).

type ymResultWire[T any] struct {
	Status string `json:"status"`
	Result T      `json:"result"`
}

type ymReturnsWire struct {
	Paging struct {
		NextPageToken string `json:"nextPageToken"`
	} `json:"paging"`
	Returns []YMReturn `json:"returns"`
}

type ymDecisionsWire struct {
	AvailableDecisions YMAvailableDecisions `json:"availableDecisions"`
}

type ymLegacyOrderWire struct {
	Order YMLegacyOrder `json:"order"`
}

func FuzzYMReturnsPage(f *testing.F)        { fuzzDecode[ymResultWire[ymReturnsWire]](f) }
func FuzzYMReturn(f *testing.F)             { fuzzDecode[ymResultWire[YMReturn]](f) }
func FuzzYMBusinessOrders(f *testing.F)     { fuzzDecode[YMBusinessOrdersPage](f) }
func FuzzYMLegacyOrder(f *testing.F)        { fuzzDecode[ymLegacyOrderWire](f) }
func FuzzYMCampaigns(f *testing.F)          { fuzzDecode[YMCampaignsPage](f) }
func FuzzYMAvailableDecisions(f *testing.F) { fuzzDecode[ymResultWire[ymDecisionsWire]](f) }
