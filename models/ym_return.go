package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// YMAmount is a sum with its currency (CurrencyValueDTO, BasePriceDTO).
type YMAmount struct {
	Value      float64    `json:"value"`
	CurrencyID YMCurrency `json:"currencyId"`
}

// String formats the sum for people: "1290.50 RUR", "157 RUR".
func (a YMAmount) String() string {
	return strconv.FormatFloat(a.Value, 'f', -1, 64) + " " + string(a.CurrencyID)
}

// LooseString decodes a JSON string or number as text: Yandex Market's own
// examples send a postcode as 123518 where the schema says string.
type LooseString string

// UnmarshalJSON accepts a string, a number or null.
func (s *LooseString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*s = ""
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = LooseString(v)
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*s = LooseString(b)
	default:
		return fmt.Errorf("models: expected a string or number, got %s", b)
	}
	return nil
}

// YMPickupAddress is a pickup point's address (PickupAddressDTO).
type YMPickupAddress struct {
	Country  string      `json:"country,omitempty"`
	City     string      `json:"city,omitempty"`
	Street   string      `json:"street,omitempty"`
	House    string      `json:"house,omitempty"`
	Postcode LooseString `json:"postcode,omitempty"`
}

// YMPickupPoint is where the seller collects a return (LogisticPickupPointDTO).
type YMPickupPoint struct {
	ID                int64               `json:"id,omitempty"`
	Name              string              `json:"name,omitempty"`
	Address           *YMPickupAddress    `json:"address,omitempty"`
	Instruction       string              `json:"instruction,omitempty"`
	Type              YMLogisticPointType `json:"type,omitempty"`
	LogisticPartnerID int64               `json:"logisticPartnerId,omitempty"`
}

// YMReturnDecision is the buyer's claim on an item and, once made, the
// seller's decision (ReturnDecisionDTO). ReturnItemID is the item ID that
// decisions and photos are addressed by.
type YMReturnDecision struct {
	ReturnItemID  int64           `json:"returnItemId,omitempty"`
	Count         int             `json:"count,omitempty"`
	Comment       string          `json:"comment,omitempty"` // buyer's text: untrusted
	ReasonType    YMReasonType    `json:"reasonType,omitempty"`
	SubreasonType YMSubreasonType `json:"subreasonType,omitempty"`
	DecisionType  YMDecisionType  `json:"decisionType,omitempty"`
	// RefundAmount is in kopecks (deprecated: use Amount).
	RefundAmount int64     `json:"refundAmount,omitempty"`
	Amount       *YMAmount `json:"amount,omitempty"`
	// PartnerCompensation is in kopecks (deprecated: use
	// PartnerCompensationAmount).
	PartnerCompensation       int64     `json:"partnerCompensation,omitempty"`
	PartnerCompensationAmount *YMAmount `json:"partnerCompensationAmount,omitempty"`
	Images                    []string  `json:"images,omitempty"` // photo hashes for getReturnPhoto
}

// Decided reports whether the seller's decision is recorded.
func (d YMReturnDecision) Decided() bool {
	return d.DecisionType != "" && d.DecisionType != YMDecisionUnknown
}

// YMReturnInstance is one returned unit (ReturnInstanceDTO).
type YMReturnInstance struct {
	StockType YMStockType      `json:"stockType,omitempty"`
	Status    YMInstanceStatus `json:"status,omitempty"`
	CIS       string           `json:"cis,omitempty"`
	IMEI      string           `json:"imei,omitempty"`
}

// YMTrack is a postal tracking code (TrackDTO).
type YMTrack struct {
	TrackCode string `json:"trackCode,omitempty"`
}

// YMReturnItem is one position of a return (ReturnItemDTO).
type YMReturnItem struct {
	MarketSku int64              `json:"marketSku,omitempty"`
	ShopSku   string             `json:"shopSku"`
	Count     int64              `json:"count"`
	Decisions []YMReturnDecision `json:"decisions,omitempty"`
	Instances []YMReturnInstance `json:"instances,omitempty"`
	Tracks    []YMTrack          `json:"tracks,omitempty"`
}

// ItemID is the returnItemId of the position (carried by its decisions;
// ReturnItemDTO has no ID of its own), 0 when none is given.
func (it YMReturnItem) ItemID() int64 {
	for _, d := range it.Decisions {
		if d.ReturnItemID != 0 {
			return d.ReturnItemID
		}
	}
	return 0
}

// YMReturn is a return or non-purchase (ReturnDTO).
type YMReturn struct {
	ID                    int64            `json:"id"`
	OrderID               int64            `json:"orderId"`
	CreationDate          Time             `json:"creationDate"`
	UpdateDate            Time             `json:"updateDate"`
	RefundStatus          YMRefundStatus   `json:"refundStatus,omitempty"`
	LogisticPickupPoint   *YMPickupPoint   `json:"logisticPickupPoint,omitempty"`
	PickupTillDate        Time             `json:"pickupTillDate"`
	ShipmentRecipientType YMRecipientType  `json:"shipmentRecipientType,omitempty"`
	ShipmentStatus        YMShipmentStatus `json:"shipmentStatus,omitempty"`
	// RefundAmount is in kopecks (deprecated: use Amount).
	RefundAmount int64          `json:"refundAmount,omitempty"`
	Amount       *YMAmount      `json:"amount,omitempty"`
	Items        []YMReturnItem `json:"items"`
	ReturnType   YMReturnType   `json:"returnType"`
	FastReturn   bool           `json:"fastReturn,omitempty"`
}

// AwaitsDecision reports whether the seller must decide on the return.
func (r YMReturn) AwaitsDecision() bool { return r.RefundStatus.AwaitsDecision() }

// Total is the refund sum, from Amount or, for old answers, the kopecks of
// RefundAmount; ok is false when neither is given.
func (r YMReturn) Total() (YMAmount, bool) {
	if r.Amount != nil {
		return *r.Amount, true
	}
	if r.RefundAmount != 0 {
		return YMAmount{Value: float64(r.RefundAmount) / 100, CurrencyID: YMRouble}, true
	}
	return YMAmount{}, false
}

// YMPhotoRef addresses one buyer photo for getReturnPhoto.
type YMPhotoRef struct {
	ItemID int64
	Hash   string
}

// Photos lists the buyer's photos of every item, in order, without
// repeats.
func (r YMReturn) Photos() []YMPhotoRef {
	var out []YMPhotoRef
	seen := map[YMPhotoRef]bool{}
	for _, it := range r.Items {
		for _, d := range it.Decisions {
			id := d.ReturnItemID
			if id == 0 {
				id = it.ItemID()
			}
			for _, h := range d.Images {
				ref := YMPhotoRef{ItemID: id, Hash: h}
				if h == "" || seen[ref] {
					continue
				}
				seen[ref] = true
				out = append(out, ref)
			}
		}
	}
	return out
}

// YMReturnsPage is one page of getReturns.
type YMReturnsPage struct {
	Returns []YMReturn
	// NextPageToken is empty on the last page.
	NextPageToken string
}
