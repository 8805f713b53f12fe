package models

import (
	"encoding/json"
	"testing"
	"time"
)

// Shapes from the spec's example plus what the live service sends: zone-less
// times, protocol-relative media, nulls, a status number the spec lacks.
const claimsJSON = `{
  "claims": [
    {
      "id": "fe3e9337-e9f9-423c-8930-946a8ebef80",
      "claim_type": 1,
      "status": 2,
      "status_ex": 8,
      "nm_id": 196320101,
      "user_comment": "Длина провода не соответствует описанию",
      "wb_comment": "Продавец одобрил вашу заявку на возврат.",
      "dt": "2024-03-26T17:06:12.245611",
      "imt_name": "Кабель 0.5 м, 3797",
      "order_dt": "2020-10-27T05:18:56",
      "dt_update": "2024-05-10T18:01:06.999613",
      "photos": ["//photos.wbstatic.net/claim/fe3e9337/1.webp", "//photos.wbstatic.net/claim/fe3e9337/2.webp"],
      "video_paths": ["//video.wbstatic.net/claim/fe3e9337/1.mp4"],
      "actions": ["autorefund1", "approve1"],
      "price": 157,
      "currency_code": "643",
      "srid": "v5o_7143225816503318733.0.0",
      "origin_id_info": "IMEI 359889346153011, указанный покупателем в  заявке на возврат, не совпадает с IMEI 359889346238986",
      "delivery_dt": "2025-04-09T14:36:07"
    },
    {
      "id": "00000000-0000-4000-a000-000000000001",
      "claim_type": 7,
      "status": 0,
      "status_ex": 42,
      "nm_id": 1,
      "user_comment": "",
      "wb_comment": null,
      "dt": "2024-03-26T17:06:12",
      "imt_name": null,
      "order_dt": "2024-03-20T10:00:00",
      "dt_update": "2024-03-26T17:06:12",
      "photos": null,
      "video_paths": null,
      "actions": ["rejectcustom", "teleport"],
      "price": 99.5,
      "currency_code": "643",
      "srid": "x"
    }
  ],
  "total": 31
}`

func TestClaimsDecode(t *testing.T) {
	var p ClaimsPage
	if err := json.Unmarshal([]byte(claimsJSON), &p); err != nil {
		t.Fatal(err)
	}
	if p.Total != 31 || len(p.Claims) != 2 {
		t.Fatalf("page: %+v", p)
	}
	c := p.Claims[0]
	// Zone-less claim times are Moscow time.
	want := time.Date(2024, 3, 26, 14, 6, 12, 245611000, time.UTC)
	if !c.Dt.Equal(want) {
		t.Errorf("dt = %v, want %v", c.Dt.UTC(), want)
	}
	if c.OrderDt.Year() != 2020 || c.DtUpdate.Before(c.Dt.Time) {
		t.Errorf("order_dt/dt_update: %v %v", c.OrderDt, c.DtUpdate)
	}
	if c.Status.Label() != "approved" || c.StatusEx != ClaimGoodsBackToSale || c.ClaimType.Label() != "buyer portal" {
		t.Errorf("enums: %+v", c)
	}
	if !c.Allows(ClaimApprove1) || c.Allows(ClaimRejectCustom) || !c.Answerable() {
		t.Errorf("actions: %v", c.Actions)
	}
	if c.Photos[0] != "//photos.wbstatic.net/claim/fe3e9337/1.webp" {
		t.Errorf("photos must stay raw: %v", c.Photos)
	}
	if got := c.PhotoURLs("https"); got[1] != "https://photos.wbstatic.net/claim/fe3e9337/2.webp" {
		t.Errorf("PhotoURLs = %v", got)
	}
	if got := c.VideoURLs("http"); len(got) != 1 || got[0] != "http://video.wbstatic.net/claim/fe3e9337/1.mp4" {
		t.Errorf("VideoURLs = %v", got)
	}

	// Fields of the 2026-08 document.
	if !c.DeliveryDt.Equal(time.Date(2025, 4, 9, 11, 36, 7, 0, time.UTC)) || c.OriginIDInfo == "" {
		t.Errorf("delivery_dt %v, origin_id_info %q", c.DeliveryDt.UTC(), c.OriginIDInfo)
	}

	u := p.Claims[1]
	if !u.DeliveryDt.IsZero() || u.OriginIDInfo != "" {
		t.Errorf("absent delivery_dt/origin_id_info: %+v", u)
	}
	if u.WBComment != "" || u.ImtName != "" || u.Photos != nil || u.VideoPaths != nil || u.PhotoURLs("https") != nil {
		t.Errorf("nulls: %+v", u)
	}
	if u.ClaimType.Label() != "type 7" || u.StatusEx.Label() != "status 42" || u.Price != 99.5 {
		t.Errorf("unknown values must keep their raw number: %+v", u)
	}
	if !u.Allows("teleport") || ClaimAction("teleport").Label() != "teleport" {
		t.Errorf("unknown action must keep its raw value: %v", u.Actions)
	}
}

func TestClaimActionRules(t *testing.T) {
	cases := []struct {
		a                      ClaimAction
		needs, takes, isReject bool
	}{
		{ClaimRejectCustom, true, true, true},
		{ClaimApproveCC1, false, true, false},
		{ClaimReject1, false, false, true},
		{ClaimApprove1, false, false, false},
		{ClaimAutorefund1, false, false, false},
		{"unknown", false, false, false},
	}
	for _, c := range cases {
		if c.a.NeedsComment() != c.needs || c.a.TakesComment() != c.takes || c.a.IsReject() != c.isReject {
			t.Errorf("%s: needs=%v takes=%v reject=%v", c.a, c.a.NeedsComment(), c.a.TakesComment(), c.a.IsReject())
		}
	}
}
