package models

import (
	"encoding/json"
	"testing"
)

func TestPinShapesDecode(t *testing.T) {
	const results = `[
	  {"feedbackId": "VlbkVVl7mtw37wуWkJZz", "pinId": 18577062, "pinMethod": "subscription", "pinOn": "imt", "isErrors": false},
	  {"feedbackId": "DibuRAImknLyiqgzvGcU", "pinMethod": "tariff", "pinOn": "imt", "isErrors": true,
	   "errors": [{"status": "itemNotFound", "title": "item not found", "detail": "item not found or does not belong to seller",
	     "requestId": "0414dc48df701618e0a3bfc414fe3136", "origin": "pin-open-api"}]},
	  {"feedbackId": "z", "pinMethod": "barter", "pinOn": "shelf", "isErrors": true, "errors": [{"status": "newReason"}]}
	]`
	var rs []PinResult
	if err := json.Unmarshal([]byte(results), &rs); err != nil {
		t.Fatal(err)
	}
	if !rs[0].OK() || rs[0].PinID != 18577062 || rs[0].PinOn != PinOnIMT {
		t.Errorf("first %+v", rs[0])
	}
	if rs[1].OK() || rs[1].Errors[0].Status != PinItemNotFound {
		t.Errorf("second %+v", rs[1])
	}
	if rs[2].PinMethod != "barter" || rs[2].Errors[0].Status != "newReason" {
		t.Errorf("unknown enums must keep raw values: %+v", rs[2])
	}

	const list = `[{"changeStateAt": "2020-01-01T15:04:05Z", "imtId": 256971531, "nmId": 177974151, "pinId": 1857762,
	  "pinMethod": "subscription", "pinOn": "imt", "feedbackId": "DibuRAImknLyiqgzvGcU", "state": "unpinned",
	  "unpinnedCause": "sysTariffUnpinned"}]`
	var pins []Pin
	if err := json.Unmarshal([]byte(list), &pins); err != nil {
		t.Fatal(err)
	}
	p := pins[0]
	if p.ChangeStateAt.Year() != 2020 || p.State != Unpinned || p.UnpinnedCause.Label() != "the subscription or tariff option ended" {
		t.Errorf("%+v", p)
	}
	if UnpinnedCause("sysNew").Label() != "sysNew" {
		t.Error("unknown cause label")
	}

	var lim PinLimits
	if err := json.Unmarshal([]byte(`{"subscription": {"perUnitLimit": 2, "remaining": 5, "totalLimit": 15, "unlimited": false, "used": 10}, "tariff": null}`), &lim); err != nil {
		t.Fatal(err)
	}
	if lim.Tariff != nil || lim.Subscription.Remaining != 5 || lim.Subscription.Used != 10 {
		t.Errorf("%+v", lim)
	}
}
