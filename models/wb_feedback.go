package models

import "strings"

// FeedbackState is whether the seller has processed a feedback.
type FeedbackState string

const (
	FeedbackNew       FeedbackState = "none" // not processed
	FeedbackProcessed FeedbackState = "wbRu" // processed
)

// Label is a short human name; unknown states keep their raw value.
func (s FeedbackState) Label() string {
	switch s {
	case FeedbackNew:
		return "new"
	case FeedbackProcessed:
		return "processed"
	}
	return string(s)
}

// AnswerState is the moderation status of a seller's answer to a feedback.
type AnswerState string

const (
	AnswerNew            AnswerState = "none"
	AnswerPublished      AnswerState = "wbRu"
	AnswerReviewRequired AnswerState = "reviewRequired"
	AnswerRejected       AnswerState = "rejected"
)

// Label is a short human name; unknown states keep their raw value.
func (s AnswerState) Label() string {
	switch s {
	case AnswerNew:
		return "new"
	case AnswerPublished:
		return "published"
	case AnswerReviewRequired:
		return "under review"
	case AnswerRejected:
		return "rejected by moderation"
	}
	return string(s)
}

// MatchingSize is the buyer's verdict on the size.
type MatchingSize string

const (
	SizeNone    MatchingSize = ""
	SizeOK      MatchingSize = "ok"
	SizeSmaller MatchingSize = "smaller"
	SizeBigger  MatchingSize = "bigger"
)

// Normalized folds the spellings Wildberries uses for one value: the spec
// documents "ок" in Cyrillic while its examples send Latin "ok", and
// sizeless goods come as " ".
func (m MatchingSize) Normalized() MatchingSize {
	switch v := strings.TrimSpace(string(m)); v {
	case "ок", "ok", "OK":
		return SizeOK
	default:
		return MatchingSize(v)
	}
}

// Label is a short human name; unknown values keep their raw value.
func (m MatchingSize) Label() string {
	switch n := m.Normalized(); n {
	case SizeNone:
		return ""
	case SizeOK:
		return "true to size"
	case SizeSmaller:
		return "runs small"
	case SizeBigger:
		return "runs large"
	default:
		return string(n)
	}
}

// OrderStatus is what became of the order a feedback is about (field
// orderStatus, documented since 2026).
type OrderStatus string

const (
	OrderBuyout       OrderStatus = "buyout"       // bought out
	OrderRejected     OrderStatus = "rejected"     // the buyer refused it
	OrderReturned     OrderStatus = "returned"     // the buyer returned it
	OrderNotSpecified OrderStatus = "notSpecified" // no status assigned yet
)

// GaveBack reports a buyer who refused or returned the order: their
// feedback reads differently, and the seller wants to see that at once.
func (s OrderStatus) GaveBack() bool { return s == OrderRejected || s == OrderReturned }

// Label is a short human name; unknown values keep their raw value.
func (s OrderStatus) Label() string {
	switch s {
	case OrderBuyout:
		return "bought out"
	case OrderRejected:
		return "refused"
	case OrderReturned:
		return "returned"
	case OrderNotSpecified:
		return "no status"
	}
	return string(s)
}

// FeedbackAnswer is the seller's answer to a feedback.
type FeedbackAnswer struct {
	Text  string      `json:"text"`
	State AnswerState `json:"state"`
	// Editable: the one edit allowed within 60 days is still available.
	Editable bool `json:"editable"`
}

// PhotoLink is one buyer photo in two sizes: WebP since February 2026,
// JPEG before.
type PhotoLink struct {
	FullSize string `json:"fullSize"`
	MiniSize string `json:"miniSize"`
}

// FeedbackVideo is a buyer's video; Link is an HLS playlist on WB's CDN.
type FeedbackVideo struct {
	PreviewImage string `json:"previewImage"`
	Link         string `json:"link"`
	DurationSec  int    `json:"durationSec"`
}

// Feedback is a buyer's review of a product.
type Feedback struct {
	ID               string           `json:"id"`
	Text             string           `json:"text"`
	Pros             string           `json:"pros"`
	Cons             string           `json:"cons"`
	ProductValuation int              `json:"productValuation"` // rating 1..5
	CreatedDate      Time             `json:"createdDate"`
	Answer           *FeedbackAnswer  `json:"answer"` // nil until answered
	State            FeedbackState    `json:"state"`
	ProductDetails   WBProductDetails `json:"productDetails"`
	Video            *FeedbackVideo   `json:"video"`
	WasViewed        bool             `json:"wasViewed"`
	PhotoLinks       []PhotoLink      `json:"photoLinks"`
	UserName         string           `json:"userName"`
	MatchingSize     MatchingSize     `json:"matchingSize"`
	OrderStatus      OrderStatus      `json:"orderStatus"` // "" when not sent
	// The seller may complain about the feedback / report a product problem.
	IsAbleSupplierFeedbackValuation bool `json:"isAbleSupplierFeedbackValuation"`
	SupplierFeedbackValuation       int  `json:"supplierFeedbackValuation"`
	IsAbleSupplierProductValuation  bool `json:"isAbleSupplierProductValuation"`
	SupplierProductValuation        int  `json:"supplierProductValuation"`
	// IsAbleReturnProductOrders: ReturnFeedbackOrder may be called.
	IsAbleReturnProductOrders bool `json:"isAbleReturnProductOrders"`
	// ReturnProductOrdersDate is when a return request was accepted; zero if never.
	ReturnProductOrdersDate Time     `json:"returnProductOrdersDate"`
	Bables                  []string `json:"bables"` // buyer's tags ("цена", "качество"...)
	LastOrderShkID          int64    `json:"lastOrderShkId"`
	LastOrderCreatedAt      Time     `json:"lastOrderCreatedAt"`
	Color                   string   `json:"color"`
	SubjectID               int64    `json:"subjectId"`
	SubjectName             string   `json:"subjectName"`
	// ParentFeedbackID is the original this feedback supplements ("" if none);
	// ChildFeedbackID the later supplement to this one ("" if none).
	ParentFeedbackID string `json:"parentFeedbackId"`
	ChildFeedbackID  string `json:"childFeedbackId"`
}

// Answered reports whether the seller has answered.
func (f Feedback) Answered() bool { return f.Answer != nil && f.Answer.Text != "" }

// FeedbacksPage is one page of GET /api/v1/feedbacks (the counters are the
// seller's totals) or of the archive (counters zero).
type FeedbacksPage struct {
	CountUnanswered int        `json:"countUnanswered"`
	CountArchive    int        `json:"countArchive"`
	Feedbacks       []Feedback `json:"feedbacks"`
}
