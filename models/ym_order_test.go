package models

import (
	"encoding/json"
	"testing"
	"time"
)

func TestYMOrdersDecodeBothShapes(t *testing.T) {
	const business = `{"orders": [{"orderId": 540003296, "campaignId": 1000, "status": "PARTIALLY_RETURNED",
		"substatus": "SOME_FUTURE_SUBSTATUS", "creationDate": "2026-11-15T10:19:44+03:00", "updateDate": "2026-11-23T11:54:29+03:00",
		"paymentType": "PREPAID", "paymentMethod": "YANDEX", "fake": false,
		"items": [{"id": 11, "offerId": "KAB-USBC-05", "offerName": "Кабель USB-C 0,5 м", "count": 2,
			"prices": {"payment": {"value": 314, "currencyId": "RUR"}}, "instances": null, "tags": null}],
		"prices": {"payment": {"value": 314, "currencyId": "RUR"}},
		"delivery": {"type": "PICKUP", "serviceName": "Доставка Маркета", "deliveryServiceId": 1005471,
			"deliveryPartnerType": "YANDEX_MARKET", "dates": {"fromDate": "2026-11-17", "toDate": "2026-11-18"},
			"pickup": {"region": {"id": 213, "name": "Москва", "type": "CITY", "parent": {"id": 225, "name": "Россия", "type": "COUNTRY"}},
				"address": {"city": "Москва", "street": "Тверская", "house": "7", "postcode": 125009}}},
		"buyerType": "PERSON"}], "paging": {"nextPageToken": "abc"}}`
	const legacy = `{"order": {"id": 540003296, "status": "PARTIALLY_RETURNED", "substatus": "SOME_FUTURE_SUBSTATUS",
		"creationDate": "15-11-2026 10:19:44", "updatedAt": "23-11-2026 11:54:29", "currency": "RUR",
		"itemsTotal": 314, "deliveryTotal": 0, "buyerItemsTotalBeforeDiscount": 314,
		"paymentType": "PREPAID", "paymentMethod": "YANDEX", "fake": false, "taxSystem": "USN",
		"items": [{"id": 11, "offerId": "", "shopSku": "KAB-USBC-05", "offerName": "Кабель USB-C 0,5 м", "price": 157,
			"buyerPrice": 157, "buyerPriceBeforeDiscount": 157, "count": 2, "promos": null}],
		"delivery": {"type": "PICKUP", "serviceName": "Доставка Маркета", "deliveryPartnerType": "YANDEX_MARKET",
			"deliveryServiceId": 1005471, "dates": {"fromDate": "17-11-2026", "toDate": "18-11-2026"},
			"region": {"id": 213, "name": "Москва", "type": "CITY", "parent": {"id": 225, "name": "Россия", "type": "COUNTRY"}},
			"address": {"city": "Москва", "street": "Тверская", "house": "7", "postcode": "125009"}, "shipments": null},
		"buyer": {"type": "PERSON", "firstName": "Анна", "lastName": "К."}}}`
	var page YMBusinessOrdersPage
	if err := json.Unmarshal([]byte(business), &page); err != nil {
		t.Fatal(err)
	}
	var lres struct {
		Order YMLegacyOrder `json:"order"`
	}
	if err := json.Unmarshal([]byte(legacy), &lres); err != nil {
		t.Fatal(err)
	}
	if page.Paging.NextPageToken != "abc" || len(page.Orders) != 1 {
		t.Fatalf("page %+v", page)
	}
	a, b := page.Orders[0].Order(), lres.Order.Order()
	created := time.Date(2026, 11, 15, 7, 19, 44, 0, time.UTC)
	for _, o := range []YMOrder{a, b} {
		if !o.CreatedAt.Equal(created) || o.Status.Label() != "partially returned" || o.Substatus != "SOME_FUTURE_SUBSTATUS" {
			t.Errorf("%s: created %v status %q %q", o.Source, o.CreatedAt, o.Status, o.Substatus)
		}
		it, ok := o.Item("KAB-USBC-05")
		if !ok || it.Count != 2 || it.Total == nil || it.Total.Value != 314 {
			t.Errorf("%s: item %+v", o.Source, it)
		}
		if o.Delivery.Region != "Москва, Россия" || o.Delivery.Address != "125009, Москва, Тверская, 7" {
			t.Errorf("%s: region %q address %q", o.Source, o.Delivery.Region, o.Delivery.Address)
		}
		if !o.Delivery.From.Equal(time.Date(2026, 11, 17, 0, 0, 0, 0, Moscow)) {
			t.Errorf("%s: delivery from %v", o.Source, o.Delivery.From)
		}
		if o.Total == nil || o.Total.Value != 314 {
			t.Errorf("%s: total %v", o.Source, o.Total)
		}
	}
	if a.Source != YMOrderFromBusinessOrders || b.Source != YMOrderFromLegacyOrder || b.BuyerName != "Анна К." || a.CampaignID != 1000 {
		t.Errorf("sources %s %s, buyer %q", a.Source, b.Source, b.BuyerName)
	}
}

func TestYMCampaignDecode(t *testing.T) {
	var page YMCampaignsPage
	err := json.Unmarshal([]byte(`{"campaigns": [{"domain": "Магазин", "id": 1000, "clientId": 9, "business": {"id": 2000, "name": "ИП"},
		"placementType": "FBS", "apiAvailability": "AVAILABLE"}, {"id": 1001, "apiAvailability": "DISABLED_BY_INACTIVITY"},
		{"id": 1002, "business": null}], "pager": {"total": 3, "currentPage": 1, "pagesCount": 1, "pageSize": 3}}`), &page)
	if err != nil {
		t.Fatal(err)
	}
	c := page.Campaigns
	if c[0].BusinessID() != 2000 || !c[0].APIUsable() || c[1].APIUsable() || !c[2].APIUsable() || c[2].BusinessID() != 0 {
		t.Errorf("%+v", c)
	}
	if page.Pager == nil || page.Pager.Total != 3 || page.Paging.NextPageToken != "" {
		t.Errorf("pager %+v paging %+v", page.Pager, page.Paging)
	}
}
