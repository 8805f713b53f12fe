package models

import "strings"

// Orders come in two wire shapes: BusinessOrderDTO from getBusinessOrders
// (the current method, ISO dates) and OrderDTO from the deprecated getOrder
// ("DD-MM-YYYY HH:MM:SS" dates, buyer names). Both convert to YMOrder, the
// one shape the UI shows.

// YMRegion is a delivery region with its parents up to the country
// (RegionDTO).
type YMRegion struct {
	ID     int64     `json:"id"`
	Name   string    `json:"name"`
	Type   string    `json:"type"`
	Parent *YMRegion `json:"parent,omitempty"`
}

// Path is the region with its parents, nearest first: "Москва, Россия".
func (r *YMRegion) Path() string {
	var parts []string
	for x, depth := r, 0; x != nil && depth < 10; x, depth = x.Parent, depth+1 {
		if x.Name != "" && (len(parts) == 0 || parts[len(parts)-1] != x.Name) {
			parts = append(parts, x.Name)
		}
	}
	return strings.Join(parts, ", ")
}

// YMOrderAddress covers both address shapes (OrderDeliveryAddressDTO,
// BusinessOrderDeliveryAddressDTO).
type YMOrderAddress struct {
	Country   string      `json:"country,omitempty"`
	Postcode  LooseString `json:"postcode,omitempty"`
	City      string      `json:"city,omitempty"`
	District  string      `json:"district,omitempty"`
	Subway    string      `json:"subway,omitempty"`
	Street    string      `json:"street,omitempty"`
	House     string      `json:"house,omitempty"`
	Block     string      `json:"block,omitempty"`
	Apartment string      `json:"apartment,omitempty"`
	Recipient string      `json:"recipient,omitempty"`
}

// String joins the non-empty parts: "Москва, Тверская улица, 7".
func (a *YMOrderAddress) String() string {
	if a == nil {
		return ""
	}
	var parts []string
	for _, s := range []string{string(a.Postcode), a.Country, a.City, a.District, a.Street, a.House, a.Block, a.Apartment} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// YMDeliveryDates covers OrderDeliveryDatesDTO (DD-MM-YYYY) and
// BusinessOrderDeliveryDatesDTO (YYYY-MM-DD); Time decodes both.
type YMDeliveryDates struct {
	FromDate         Time   `json:"fromDate"`
	ToDate           Time   `json:"toDate"`
	FromTime         string `json:"fromTime,omitempty"`
	ToTime           string `json:"toTime,omitempty"`
	RealDeliveryDate Time   `json:"realDeliveryDate"`
}

// YMBusinessOrderItem is an item of getBusinessOrders (BusinessOrderItemDTO).
type YMBusinessOrderItem struct {
	ID        int64  `json:"id"`
	OfferID   string `json:"offerId"`
	OfferName string `json:"offerName"`
	Count     int    `json:"count"`
	Prices    *struct {
		Payment  *YMAmount `json:"payment,omitempty"`
		Subsidy  *YMAmount `json:"subsidy,omitempty"`
		Cashback *YMAmount `json:"cashback,omitempty"`
	} `json:"prices,omitempty"`
}

// YMBusinessOrderPlace is courier or pickup delivery detail.
type YMBusinessOrderPlace struct {
	Address         *YMOrderAddress `json:"address,omitempty"`
	Region          *YMRegion       `json:"region,omitempty"`
	LogisticPointID int64           `json:"logisticPointId,omitempty"`
	OutletCode      string          `json:"outletCode,omitempty"`
}

// YMBusinessOrderDelivery is BusinessOrderDeliveryDTO.
type YMBusinessOrderDelivery struct {
	Type                YMDeliveryType        `json:"type"`
	ServiceName         string                `json:"serviceName"`
	DeliveryServiceID   int64                 `json:"deliveryServiceId"`
	DeliveryPartnerType string                `json:"deliveryPartnerType"`
	DispatchType        string                `json:"dispatchType,omitempty"`
	Dates               YMDeliveryDates       `json:"dates"`
	Courier             *YMBusinessOrderPlace `json:"courier,omitempty"`
	Pickup              *YMBusinessOrderPlace `json:"pickup,omitempty"`
}

// YMBusinessOrder is an order from getBusinessOrders (BusinessOrderDTO).
type YMBusinessOrder struct {
	OrderID       int64                 `json:"orderId"`
	CampaignID    int64                 `json:"campaignId"`
	ProgramType   string                `json:"programType,omitempty"`
	Status        YMOrderStatus         `json:"status"`
	Substatus     YMOrderSubstatus      `json:"substatus"`
	CreationDate  Time                  `json:"creationDate"`
	UpdateDate    Time                  `json:"updateDate"`
	PaymentType   string                `json:"paymentType"`
	PaymentMethod string                `json:"paymentMethod"`
	Fake          bool                  `json:"fake"`
	Items         []YMBusinessOrderItem `json:"items"`
	Prices        *struct {
		Payment *YMAmount `json:"payment,omitempty"`
	} `json:"prices,omitempty"`
	Delivery  YMBusinessOrderDelivery `json:"delivery"`
	BuyerType YMBuyerType             `json:"buyerType,omitempty"`
	Notes     string                  `json:"notes,omitempty"`
}

// YMBusinessOrdersPage is one page of getBusinessOrders
// (GetBusinessOrdersResponse).
type YMBusinessOrdersPage struct {
	Orders []YMBusinessOrder `json:"orders"`
	Paging struct {
		NextPageToken string `json:"nextPageToken,omitempty"`
	} `json:"paging"`
}

// Order converts to the common shape.
func (o YMBusinessOrder) Order() YMOrder {
	out := YMOrder{
		ID: o.OrderID, CampaignID: o.CampaignID, Status: o.Status, Substatus: o.Substatus,
		CreatedAt: o.CreationDate, UpdatedAt: o.UpdateDate, BuyerType: o.BuyerType, Notes: o.Notes, Fake: o.Fake,
		Delivery: YMOrderDelivery{
			Type: o.Delivery.Type, ServiceName: o.Delivery.ServiceName,
			From: o.Delivery.Dates.FromDate, To: o.Delivery.Dates.ToDate, Delivered: o.Delivery.Dates.RealDeliveryDate,
		},
		Source: YMOrderFromBusinessOrders,
	}
	for _, p := range []*YMBusinessOrderPlace{o.Delivery.Courier, o.Delivery.Pickup} {
		if p == nil {
			continue
		}
		if out.Delivery.Region == "" && p.Region != nil {
			out.Delivery.Region = p.Region.Path()
		}
		if out.Delivery.Address == "" {
			out.Delivery.Address = p.Address.String()
		}
	}
	if o.Prices != nil && o.Prices.Payment != nil {
		t := *o.Prices.Payment
		out.Total = &t
	}
	for _, it := range o.Items {
		oi := YMOrderItem{ID: it.ID, OfferID: it.OfferID, Name: it.OfferName, Count: it.Count}
		if it.Prices != nil && it.Prices.Payment != nil {
			p := *it.Prices.Payment
			oi.Total = &p
		}
		out.Items = append(out.Items, oi)
	}
	return out
}

// YMLegacyOrderItem is an item of getOrder (OrderItemDTO).
type YMLegacyOrderItem struct {
	ID                       int64   `json:"id"`
	OfferID                  string  `json:"offerId"`
	OfferName                string  `json:"offerName"`
	Price                    float64 `json:"price"`
	BuyerPrice               float64 `json:"buyerPrice"`
	BuyerPriceBeforeDiscount float64 `json:"buyerPriceBeforeDiscount"`
	Count                    int     `json:"count"`
	ShopSku                  string  `json:"shopSku,omitempty"` // deprecated: offerId
}

// YMLegacyOrderDelivery is OrderDeliveryDTO.
type YMLegacyOrderDelivery struct {
	Type                YMDeliveryType  `json:"type"`
	ServiceName         string          `json:"serviceName"`
	DeliveryPartnerType string          `json:"deliveryPartnerType"`
	DeliveryServiceID   int64           `json:"deliveryServiceId"`
	Dates               YMDeliveryDates `json:"dates"`
	Region              *YMRegion       `json:"region,omitempty"`
	Address             *YMOrderAddress `json:"address,omitempty"`
}

// YMLegacyBuyer is OrderBuyerDTO: names only for DBS.
type YMLegacyBuyer struct {
	ID         string      `json:"id,omitempty"`
	LastName   string      `json:"lastName,omitempty"`
	FirstName  string      `json:"firstName,omitempty"`
	MiddleName string      `json:"middleName,omitempty"`
	Type       YMBuyerType `json:"type"`
}

// YMLegacyOrder is an order from the deprecated getOrder (OrderDTO).
type YMLegacyOrder struct {
	ID                            int64                 `json:"id"`
	Status                        YMOrderStatus         `json:"status"`
	Substatus                     YMOrderSubstatus      `json:"substatus"`
	CreationDate                  Time                  `json:"creationDate"`
	UpdatedAt                     Time                  `json:"updatedAt"`
	Currency                      YMCurrency            `json:"currency"`
	ItemsTotal                    float64               `json:"itemsTotal"`
	DeliveryTotal                 float64               `json:"deliveryTotal"`
	BuyerItemsTotalBeforeDiscount float64               `json:"buyerItemsTotalBeforeDiscount"`
	PaymentType                   string                `json:"paymentType"`
	PaymentMethod                 string                `json:"paymentMethod"`
	Fake                          bool                  `json:"fake"`
	Items                         []YMLegacyOrderItem   `json:"items"`
	Delivery                      YMLegacyOrderDelivery `json:"delivery"`
	Buyer                         YMLegacyBuyer         `json:"buyer"`
	Notes                         string                `json:"notes,omitempty"`
	TaxSystem                     string                `json:"taxSystem"`
}

// Order converts to the common shape.
func (o YMLegacyOrder) Order() YMOrder {
	cur := o.Currency
	if cur == "" {
		cur = YMRouble
	}
	out := YMOrder{
		ID: o.ID, Status: o.Status, Substatus: o.Substatus, CreatedAt: o.CreationDate, UpdatedAt: o.UpdatedAt,
		BuyerType: o.Buyer.Type, Notes: o.Notes, Fake: o.Fake,
		Total: &YMAmount{Value: o.ItemsTotal, CurrencyID: cur},
		Delivery: YMOrderDelivery{
			Type: o.Delivery.Type, ServiceName: o.Delivery.ServiceName,
			From: o.Delivery.Dates.FromDate, To: o.Delivery.Dates.ToDate, Delivered: o.Delivery.Dates.RealDeliveryDate,
			Address: o.Delivery.Address.String(),
		},
		Source: YMOrderFromLegacyOrder,
	}
	if o.Delivery.Region != nil {
		out.Delivery.Region = o.Delivery.Region.Path()
	}
	var name []string
	for _, s := range []string{o.Buyer.FirstName, o.Buyer.MiddleName, o.Buyer.LastName} {
		if s != "" {
			name = append(name, s)
		}
	}
	out.BuyerName = strings.Join(name, " ")
	for _, it := range o.Items {
		offer := it.OfferID
		if offer == "" {
			offer = it.ShopSku
		}
		out.Items = append(out.Items, YMOrderItem{
			ID: it.ID, OfferID: offer, Name: it.OfferName, Count: it.Count,
			Total: &YMAmount{Value: it.BuyerPrice * float64(it.Count), CurrencyID: cur},
		})
	}
	return out
}

// YMOrderSource names the method an order was read with.
type YMOrderSource string

const (
	YMOrderFromBusinessOrders YMOrderSource = "getBusinessOrders"
	YMOrderFromLegacyOrder    YMOrderSource = "getOrder"
)

// YMOrderItem is an order position in the common shape.
type YMOrderItem struct {
	ID      int64     `json:"id"`
	OfferID string    `json:"offerId"` // the seller's SKU: matches a return item's shopSku
	Name    string    `json:"name"`
	Count   int       `json:"count"`
	Total   *YMAmount `json:"total,omitempty"` // what the buyer paid for all units
}

// YMOrderDelivery is the delivery in the common shape.
type YMOrderDelivery struct {
	Type        YMDeliveryType `json:"type"`
	ServiceName string         `json:"serviceName"`
	From        Time           `json:"from"`
	To          Time           `json:"to"`
	Delivered   Time           `json:"delivered"`
	Region      string         `json:"region,omitempty"`
	Address     string         `json:"address,omitempty"`
}

// YMOrder is an order as the UI shows it, whichever method it came from.
type YMOrder struct {
	ID         int64            `json:"id"`
	CampaignID int64            `json:"campaignId,omitempty"`
	Status     YMOrderStatus    `json:"status"`
	Substatus  YMOrderSubstatus `json:"substatus"`
	CreatedAt  Time             `json:"createdAt"`
	UpdatedAt  Time             `json:"updatedAt"`
	Items      []YMOrderItem    `json:"items"`
	Total      *YMAmount        `json:"total,omitempty"`
	BuyerType  YMBuyerType      `json:"buyerType,omitempty"`
	// BuyerName is given by getOrder for DBS orders only: untrusted text.
	BuyerName string          `json:"buyerName,omitempty"`
	Delivery  YMOrderDelivery `json:"delivery"`
	Notes     string          `json:"notes,omitempty"`
	Fake      bool            `json:"fake,omitempty"`
	Source    YMOrderSource   `json:"source"`
}

// Item finds the position selling shopSku (a return item's shopSku).
func (o YMOrder) Item(shopSku string) (YMOrderItem, bool) {
	for _, it := range o.Items {
		if it.OfferID == shopSku {
			return it, true
		}
	}
	return YMOrderItem{}, false
}
