package sandbox

import (
	"fmt"
	"strings"
	"time"
)

// The YM wire format, written independently of package models so that a
// models bug cannot hide behind a matching sandbox bug.

const (
	ymISO      = "2006-01-02T15:04:05-07:00" // returns, getBusinessOrders
	ymDateTime = "02-01-2006 15:04:05"       // getOrder (Moscow, no zone)
	ymDayDMY   = "02-01-2006"                // getOrder delivery dates
	ymDayISO   = "2006-01-02"                // getBusinessOrders delivery dates
)

func ymTime(t time.Time, layout string) string { return t.In(ymMoscow).Format(layout) }

type ymAmountW struct {
	Value      float64 `json:"value"`
	CurrencyID string  `json:"currencyId"`
}

func rub(v float64) *ymAmountW { return &ymAmountW{Value: v, CurrencyID: "RUR"} }

type ymDecisionW struct {
	ReturnItemID              int64      `json:"returnItemId"`
	Count                     int        `json:"count"`
	Comment                   string     `json:"comment,omitempty"`
	ReasonType                string     `json:"reasonType,omitempty"`
	SubreasonType             string     `json:"subreasonType,omitempty"`
	DecisionType              string     `json:"decisionType,omitempty"`
	RefundAmount              int64      `json:"refundAmount,omitempty"`
	Amount                    *ymAmountW `json:"amount,omitempty"`
	PartnerCompensation       int64      `json:"partnerCompensation,omitempty"`
	PartnerCompensationAmount *ymAmountW `json:"partnerCompensationAmount,omitempty"`
	Images                    []string   `json:"images,omitempty"`
}

type ymInstanceW struct {
	StockType string `json:"stockType,omitempty"`
	Status    string `json:"status,omitempty"`
	CIS       string `json:"cis,omitempty"`
}

type ymTrackW struct {
	TrackCode string `json:"trackCode"`
}

type ymItemW struct {
	MarketSku int64         `json:"marketSku"`
	ShopSku   string        `json:"shopSku"`
	Count     int           `json:"count"`
	Decisions []ymDecisionW `json:"decisions,omitempty"`
	Instances []ymInstanceW `json:"instances,omitempty"`
	Tracks    []ymTrackW    `json:"tracks,omitempty"`
}

type ymPointW struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Address struct {
		Country  string `json:"country"`
		City     string `json:"city"`
		Street   string `json:"street"`
		House    string `json:"house"`
		Postcode string `json:"postcode"`
	} `json:"address"`
	Instruction       string `json:"instruction,omitempty"`
	Type              string `json:"type"`
	LogisticPartnerID int64  `json:"logisticPartnerId"`
}

type ymReturnW struct {
	ID                    int64      `json:"id"`
	OrderID               int64      `json:"orderId"`
	CreationDate          string     `json:"creationDate"`
	UpdateDate            string     `json:"updateDate"`
	RefundStatus          string     `json:"refundStatus,omitempty"`
	LogisticPickupPoint   *ymPointW  `json:"logisticPickupPoint,omitempty"`
	PickupTillDate        string     `json:"pickupTillDate,omitempty"`
	ShipmentRecipientType string     `json:"shipmentRecipientType,omitempty"`
	ShipmentStatus        string     `json:"shipmentStatus,omitempty"`
	RefundAmount          int64      `json:"refundAmount,omitempty"`
	Amount                *ymAmountW `json:"amount,omitempty"`
	Items                 []ymItemW  `json:"items"`
	ReturnType            string     `json:"returnType"`
	FastReturn            bool       `json:"fastReturn"`
}

// ymInstanceStatus maps a return's logistic status onto its units.
func ymInstanceStatus(shipment string) string {
	switch shipment {
	case "CREATED", "RECEIVED", "IN_TRANSIT", "READY_FOR_PICKUP", "PICKED", "LOST", "CANCELLED", "UTILIZED",
		"PREPARED_FOR_UTILIZATION", "NOT_IN_DEMAND":
		return shipment
	case "FULFILMENT_RECEIVED":
		return "RECEIVED_ON_FULFILLMENT"
	case "EXPIRED":
		return "CANCELLED"
	}
	return ""
}

func (r *ymReturn) wire() ymReturnW {
	w := ymReturnW{
		ID: r.id, OrderID: r.orderID,
		CreationDate: ymTime(r.created, ymISO), UpdateDate: ymTime(r.updated, ymISO),
		RefundStatus: r.refund, ShipmentRecipientType: r.recipient, ShipmentStatus: r.shipment,
		ReturnType: "RETURN", FastReturn: r.fast,
	}
	if r.unredeemed {
		w.ReturnType = "UNREDEEMED"
	}
	if r.point >= 0 {
		p := ymPoints[r.point]
		pw := &ymPointW{ID: p.id, Name: p.name, Instruction: p.instruction, Type: p.kind, LogisticPartnerID: 1005471}
		pw.Address.Country, pw.Address.City, pw.Address.Street, pw.Address.House, pw.Address.Postcode = "Россия", p.city, p.street, p.house, p.postcode
		w.LogisticPickupPoint = pw
	}
	if r.shipment == "READY_FOR_PICKUP" {
		w.PickupTillDate = ymTime(r.updated.Add(7*24*time.Hour), ymISO)
	}
	total := r.total()
	w.Amount, w.RefundAmount = rub(total), int64(total*100)
	for i := range r.items {
		it := &r.items[i]
		p := catalogue[it.product]
		iw := ymItemW{MarketSku: p.MarketSku, ShopSku: p.Article, Count: it.count}
		d := ymDecisionW{ReturnItemID: it.id, Count: it.count, Comment: it.comment, ReasonType: it.reason, SubreasonType: it.subreason,
			Images: it.photoHashes(r.id)}
		if it.decisionType != "" {
			d.DecisionType = it.decisionType
			refund := float64(p.Price * it.count)
			switch it.decisionType {
			case "DECLINE_REFUND":
				refund = 0
			case "PARTIAL_MONEY_REFUND":
				refund = it.compensation
			case "REFUND_MONEY_INCLUDING_SHIPMENT":
				d.PartnerCompensationAmount, d.PartnerCompensation = rub(300), 30000
			}
			if it.decisionComment != "" {
				d.Comment = it.decisionComment
			}
			if refund > 0 {
				d.Amount, d.RefundAmount = rub(refund), int64(refund*100)
			}
		}
		iw.Decisions = []ymDecisionW{d}
		if st := ymInstanceStatus(r.shipment); st != "" && r.shipment != "CREATED" {
			for u := range it.count {
				in := ymInstanceW{Status: st}
				if r.shipment == "FULFILMENT_RECEIVED" {
					in.StockType = "FIT"
					if it.reason == "BAD_QUALITY" {
						in.StockType = "DEFECT"
					}
				}
				if it.cis {
					in.CIS = fmt.Sprintf("0104607%09d21%s%d", p.MarketSku%1_000_000_000, strings.ToUpper(fmt.Sprintf("%x", it.id%0xfffff)), u)
				}
				iw.Instances = append(iw.Instances, in)
			}
		}
		if r.recipient == "POST" && r.shipment != "CREATED" {
			iw.Tracks = []ymTrackW{{TrackCode: fmt.Sprintf("RA%09dRU", r.id%1_000_000_000)}}
		}
		w.Items = append(w.Items, iw)
	}
	return w
}

// Orders.

type ymRegionW struct {
	ID     int64      `json:"id"`
	Name   string     `json:"name"`
	Type   string     `json:"type"`
	Parent *ymRegionW `json:"parent,omitempty"`
}

func (r *ymReturn) regionW() *ymRegionW {
	rg := ymRegions[r.region]
	return &ymRegionW{ID: rg.id, Name: rg.name, Type: rg.kind,
		Parent: &ymRegionW{ID: rg.parentID, Name: rg.parentName, Type: "REPUBLIC",
			Parent: &ymRegionW{ID: 225, Name: "Россия", Type: "COUNTRY"}}}
}

// ymOrderLine is one position of the order behind a return.
type ymOrderLine struct {
	id      int64
	product Product
	count   int
}

func (r *ymReturn) orderLines() []ymOrderLine {
	var out []ymOrderLine
	for _, it := range r.items {
		out = append(out, ymOrderLine{id: it.id - 1_000_000_000, product: catalogue[it.product], count: it.count})
	}
	if r.extra >= 0 {
		out = append(out, ymOrderLine{id: r.orderID*10 + 9, product: catalogue[r.extra], count: 1})
	}
	return out
}

func (r *ymReturn) orderStatus() (status, substatus string) {
	switch {
	case r.unredeemed:
		return "CANCELLED", pick2(r.id, "USER_REFUSED_PRODUCT", "PICKUP_EXPIRED")
	case r.extra >= 0:
		return "PARTIALLY_RETURNED", "DELIVERY_SERVICE_DELIVERED"
	case r.refund == "REFUNDED" || r.refund == "REFUNDED_BY_SHOP" || r.refund == "REFUNDED_WITH_BONUSES":
		return "RETURNED", "DELIVERY_SERVICE_DELIVERED"
	}
	return "DELIVERED", "DELIVERY_SERVICE_DELIVERED"
}

func pick2(n int64, a, b string) string {
	if n%2 == 0 {
		return a
	}
	return b
}

func (r *ymReturn) delivered() time.Time { return r.ordered.Add(2 * 24 * time.Hour) }

// businessOrderW is BusinessOrderDTO.
func (r *ymReturn) businessOrderW() map[string]any {
	status, sub := r.orderStatus()
	var items []map[string]any
	sum := 0.0
	for _, l := range r.orderLines() {
		pay := float64(l.product.Price * l.count)
		sum += pay
		items = append(items, map[string]any{
			"id": l.id, "offerId": l.product.Article, "offerName": l.product.Name, "count": l.count,
			"prices": map[string]any{"payment": rub(pay), "subsidy": rub(0)},
		})
	}
	delivery := map[string]any{
		"type": "PICKUP", "serviceName": "Доставка Маркета", "deliveryServiceId": 1005471,
		"deliveryPartnerType": "YANDEX_MARKET", "dispatchType": "MARKET_BRANDED_OUTLET",
		"dates": map[string]any{
			"fromDate":         ymTime(r.delivered(), ymDayISO),
			"toDate":           ymTime(r.delivered().Add(24*time.Hour), ymDayISO),
			"realDeliveryDate": ymTime(r.delivered(), ymDayISO),
		},
		"pickup": map[string]any{
			"region":          r.regionW(),
			"address":         map[string]any{"country": "Россия", "city": ymRegions[r.region].name, "street": "улица Пушкина", "house": fmt.Sprint(1 + r.orderID%90)},
			"logisticPointId": 10000000 + r.orderID%997,
		},
		"shipment": map[string]any{"shipmentDate": ymTime(r.ordered.Add(24*time.Hour), ymDayISO)},
	}
	buyerType := "PERSON"
	if r.business {
		buyerType = "BUSINESS"
	}
	return map[string]any{
		"orderId": r.orderID, "campaignId": r.campaign, "programType": ymFindCampaign(r.campaign).placement,
		"status": status, "substatus": sub,
		"creationDate": ymTime(r.ordered, ymISO), "updateDate": ymTime(r.updated, ymISO),
		"paymentType": "PREPAID", "paymentMethod": "YANDEX", "fake": false,
		"items":     items,
		"prices":    map[string]any{"payment": rub(sum)},
		"delivery":  delivery,
		"buyerType": buyerType,
	}
}

// legacyOrderW is getOrder's OrderDTO, with its DD-MM-YYYY dates.
func (r *ymReturn) legacyOrderW() map[string]any {
	status, sub := r.orderStatus()
	var items []map[string]any
	sum := 0.0
	for _, l := range r.orderLines() {
		price := float64(l.product.Price)
		sum += price * float64(l.count)
		items = append(items, map[string]any{
			"id": l.id, "offerId": l.product.Article, "offerName": l.product.Name, "count": l.count,
			"price": price, "buyerPrice": price, "buyerPriceBeforeDiscount": price, "vat": "VAT_20",
		})
	}
	first, last, _ := strings.Cut(r.buyer, " ")
	buyer := map[string]any{"type": "PERSON", "firstName": first}
	if last != "" {
		buyer["lastName"] = last
	}
	if r.business {
		buyer = map[string]any{"type": "BUSINESS"}
	}
	return map[string]any{
		"id": r.orderID, "status": status, "substatus": sub,
		"creationDate": ymTime(r.ordered, ymDateTime), "updatedAt": ymTime(r.updated, ymDateTime),
		"currency": "RUR", "itemsTotal": sum, "deliveryTotal": 0, "buyerItemsTotalBeforeDiscount": sum,
		"paymentType": "PREPAID", "paymentMethod": "YANDEX", "fake": false, "taxSystem": "USN",
		"items": items,
		"delivery": map[string]any{
			"type": "PICKUP", "serviceName": "Доставка Маркета", "deliveryPartnerType": "YANDEX_MARKET", "deliveryServiceId": 1005471,
			"dates": map[string]any{
				"fromDate":         ymTime(r.delivered(), ymDayDMY),
				"toDate":           ymTime(r.delivered().Add(24*time.Hour), ymDayDMY),
				"realDeliveryDate": ymTime(r.delivered(), ymDayDMY),
			},
			"region":  r.regionW(),
			"address": map[string]any{"country": "Россия", "city": ymRegions[r.region].name, "street": "улица Пушкина", "house": fmt.Sprint(1 + r.orderID%90)},
		},
		"buyer": buyer,
	}
}

func ymCampaignW(c ymCampaign) map[string]any {
	return map[string]any{
		"id": c.id, "domain": c.domain, "clientId": 90000000 + c.id,
		"business":      map[string]any{"id": BusinessID, "name": ymBusinessName},
		"placementType": c.placement, "apiAvailability": c.api,
	}
}
