package models

import (
	"encoding/json"
	"testing"
	"time"
)

// The documentation's own example of getReturn: postcode as a number.
const ymReturnDoc = `{
    "id": 31000899, "orderId": 540003296,
    "creationDate": "2020-02-02T14:30:30+03:00", "updateDate": "2020-02-03T09:00:00+03:00",
    "refundStatus": "STARTED_BY_USER",
    "logisticPickupPoint": {"id": 5, "name": "ПВЗ", "address": {"country": "Россия", "city": "Москва",
        "street": "Стрелецкая улица", "house": "9к2", "postcode": 123518}, "instruction": "", "type": "WAREHOUSE", "logisticPartnerId": 0},
    "shipmentRecipientType": "SHOP", "shipmentStatus": "CREATED",
    "refundAmount": 129050, "amount": {"value": 1290.5, "currencyId": "RUR"},
    "items": [{"marketSku": 100457812, "shopSku": "TSH-BASIC-BLK", "count": 2,
        "decisions": [{"returnItemId": 7700000001, "count": 2, "comment": "Маломерит",
            "reasonType": "DOES_NOT_FIT", "subreasonType": "USER_DID_NOT_LIKE", "decisionType": "REFUND_MONEY",
            "refundAmount": 129050, "amount": {"value": 1290.5, "currencyId": "RUR"},
            "partnerCompensation": 0, "partnerCompensationAmount": {"value": 0, "currencyId": "RUR"},
            "images": ["a1b2", "c3d4", "a1b2"]}],
        "instances": [{"stockType": "FIT", "status": "CREATED", "cis": "010460", "imei": "356938035643809"}],
        "tracks": [{"trackCode": "RA123RU"}]}],
    "returnType": "RETURN", "fastReturn": false}`

func TestYMReturnDecode(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		check func(t *testing.T, r YMReturn)
	}{
		{"documentation example", ymReturnDoc, func(t *testing.T, r YMReturn) {
			if r.ID != 31000899 || r.OrderID != 540003296 || r.ReturnType != YMReturnTypeReturn || r.RefundStatus != YMRefundStartedByUser {
				t.Errorf("header %+v", r)
			}
			want := time.Date(2020, 2, 2, 11, 30, 30, 0, time.UTC)
			if !r.CreationDate.Equal(want) {
				t.Errorf("creationDate %v, want %v", r.CreationDate, want)
			}
			if r.LogisticPickupPoint == nil || r.LogisticPickupPoint.Address.Postcode != "123518" || r.LogisticPickupPoint.Type != YMPointWarehouse {
				t.Errorf("pickup point %+v", r.LogisticPickupPoint)
			}
			it := r.Items[0]
			if it.ItemID() != 7700000001 || it.Count != 2 || it.Instances[0].IMEI == "" || it.Tracks[0].TrackCode != "RA123RU" {
				t.Errorf("item %+v", it)
			}
			d := it.Decisions[0]
			if !d.Decided() || d.ReasonType != YMReasonDoesNotFit || d.SubreasonType != YMSubreasonUserDidNotLike || d.Amount.Value != 1290.5 {
				t.Errorf("decision %+v", d)
			}
			if ph := r.Photos(); len(ph) != 2 || ph[0] != (YMPhotoRef{7700000001, "a1b2"}) {
				t.Errorf("photos %v", ph)
			}
			if tot, ok := r.Total(); !ok || tot.String() != "1290.5 RUR" {
				t.Errorf("total %v %v", tot, ok)
			}
		}},
		{"nulls, unknown enums, no amount", `{"id": 1, "orderId": 2, "items": [{"shopSku": "X", "count": 1, "decisions": null,
			"instances": null, "tracks": null}], "returnType": "EXCHANGE", "refundStatus": "SOMETHING_NEW",
			"shipmentStatus": "TELEPORTED", "logisticPickupPoint": null, "pickupTillDate": null, "refundAmount": 15700,
			"creationDate": "23-09-2022 09:12:41"}`, func(t *testing.T, r YMReturn) {
			if r.ReturnType.Label() != "EXCHANGE" || r.RefundStatus.Label() != "SOMETHING_NEW" || r.ShipmentStatus.Label() != "TELEPORTED" {
				t.Errorf("unknown values lost: %q %q %q", r.ReturnType, r.RefundStatus, r.ShipmentStatus)
			}
			if r.AwaitsDecision() || r.Items[0].ItemID() != 0 || len(r.Photos()) != 0 || !r.PickupTillDate.IsZero() {
				t.Errorf("%+v", r)
			}
			want := time.Date(2022, 9, 23, 9, 12, 41, 0, Moscow)
			if !r.CreationDate.Equal(want) {
				t.Errorf("DD-MM-YYYY creationDate %v, want %v", r.CreationDate, want)
			}
			if tot, ok := r.Total(); !ok || tot.Value != 157 || tot.CurrencyID != YMRouble {
				t.Errorf("total from kopecks: %v", tot)
			}
		}},
		{"awaiting decision", `{"id": 1, "orderId": 2, "items": [], "returnType": "RETURN", "refundStatus": "PREMODERATION_DECISION_WAITING"}`,
			func(t *testing.T, r YMReturn) {
				if !r.AwaitsDecision() || r.RefundStatus.Label() != "awaiting your decision" {
					t.Errorf("%q does not await", r.RefundStatus)
				}
				if _, ok := r.Total(); ok {
					t.Error("a total out of nothing")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r YMReturn
			if err := json.Unmarshal([]byte(tt.json), &r); err != nil {
				t.Fatal(err)
			}
			tt.check(t, r)
		})
	}
}

func TestLooseString(t *testing.T) {
	tests := []struct{ in, want string }{{`"123518"`, "123518"}, {`123518`, "123518"}, {`null`, ""}, {`-7`, "-7"}}
	for _, tt := range tests {
		var s LooseString
		if err := json.Unmarshal([]byte(tt.in), &s); err != nil || string(s) != tt.want {
			t.Errorf("%s → %q, %v; want %q", tt.in, s, err, tt.want)
		}
	}
	var s LooseString
	if err := json.Unmarshal([]byte(`{"a":1}`), &s); err == nil {
		t.Error("an object decoded as a string")
	}
}

func TestYMAvailableDecisionsCheck(t *testing.T) {
	var av YMAvailableDecisions
	err := json.Unmarshal([]byte(`[{"decisionType": "REFUND_MONEY"},
		{"decisionType": "DECLINE_REFUND", "decisionReasonTypes": ["MECHANICAL_DAMAGE", "DEVICE_ACTIVATED"]},
		{"decisionType": "PARTIAL_MONEY_REFUND", "decisionReasonTypes": null,
		 "partialCompensationBounds": {"minAmount": {"value": 1, "currencyId": "RUR"}, "maxAmount": {"value": 645, "currencyId": "RUR"}, "maxPercent": 50}},
		{"decisionType": "BRAND_NEW_DECISION"}]`), &av)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		d    YMItemDecision
		ok   bool
	}{
		{"offered", YMItemDecision{DecisionType: YMDecisionRefundMoney}, true},
		{"not offered", YMItemDecision{DecisionType: YMDecisionRepair}, false},
		{"decline with offered reason", YMItemDecision{DecisionType: YMDecisionDeclineRefund, DecisionReasonType: YMDeclineDeviceActivated}, true},
		{"decline without reason", YMItemDecision{DecisionType: YMDecisionDeclineRefund}, false},
		{"decline with other reason", YMItemDecision{DecisionType: YMDecisionDeclineRefund, DecisionReasonType: YMDeclineWarrantyExpired}, false},
		{"partial within", YMItemDecision{DecisionType: YMDecisionPartialMoneyRefund, Compensation: &YMAmount{Value: 645, CurrencyID: YMRouble}}, true},
		{"partial above", YMItemDecision{DecisionType: YMDecisionPartialMoneyRefund, Compensation: &YMAmount{Value: 645.01}}, false},
		{"partial below", YMItemDecision{DecisionType: YMDecisionPartialMoneyRefund, Compensation: &YMAmount{Value: 0.5}}, false},
		{"partial without sum", YMItemDecision{DecisionType: YMDecisionPartialMoneyRefund}, false},
		{"unknown type the service offers", YMItemDecision{DecisionType: "BRAND_NEW_DECISION"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := av.Check(tt.d); (err == nil) != tt.ok {
				t.Errorf("Check = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	if !YMDecisionDeclineRefund.CommentExpected() || YMDecisionRefundMoney.CommentExpected() {
		t.Error("CommentExpected")
	}
}
