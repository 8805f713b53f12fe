package models

// QuestionState is a Wildberries question's status (questions[].state).
type QuestionState string

const (
	// QuestionNew is a question nobody has answered or rejected yet.
	QuestionNew QuestionState = "suppliersPortalSynch"
	// QuestionAnswered has an answer shown on the buyers' site.
	QuestionAnswered QuestionState = "wbRu"
	// QuestionRejected was rejected by the seller and is hidden from buyers.
	QuestionRejected QuestionState = "none"
)

// Label is a short human name; unknown states keep their raw value.
func (s QuestionState) Label() string {
	switch s {
	case QuestionNew:
		return "new"
	case QuestionAnswered:
		return "answered"
	case QuestionRejected:
		return "rejected"
	}
	return string(s)
}

// WBProductDetails is the productDetails object of questions and feedbacks.
// Wildberries sends null for some of the strings; they decode as "".
type WBProductDetails struct {
	NmID            int64  `json:"nmId"`
	ImtID           int64  `json:"imtId"`
	ProductName     string `json:"productName"`
	SupplierArticle string `json:"supplierArticle"`
	SupplierName    string `json:"supplierName"`
	BrandName       string `json:"brandName"`
	Size            string `json:"size"` // techSize; feedbacks only
}

// QuestionAnswer is the seller's answer to a question.
type QuestionAnswer struct {
	Text string `json:"text"`
	// Editable: the one edit allowed within 60 days is still available.
	Editable   bool `json:"editable"`
	CreateDate Time `json:"createDate"`
}

// Question is a buyer's question about a product.
type Question struct {
	ID             string           `json:"id"`
	Text           string           `json:"text"`
	CreatedDate    Time             `json:"createdDate"`
	State          QuestionState    `json:"state"`
	Answer         *QuestionAnswer  `json:"answer"` // nil until answered or rejected
	ProductDetails WBProductDetails `json:"productDetails"`
	WasViewed      bool             `json:"wasViewed"`
	// IsWarned: published, but the seller portal flags it as suspicious.
	IsWarned bool `json:"isWarned"`
}

// Answered reports whether the question is processed: answered or rejected.
// For a state Wildberries may add later, an answer present decides.
func (q Question) Answered() bool {
	switch q.State {
	case QuestionNew:
		return false
	case QuestionAnswered, QuestionRejected:
		return true
	}
	return q.Answer != nil
}

// QuestionsPage is one page of GET /api/v1/questions. The two counters are
// the seller's totals, not the page's.
type QuestionsPage struct {
	CountUnanswered int        `json:"countUnanswered"`
	CountArchive    int        `json:"countArchive"`
	Questions       []Question `json:"questions"`
}

// UnansweredCount is what both count-unanswered methods return.
type UnansweredCount struct {
	CountUnanswered      int `json:"countUnanswered"`
	CountUnansweredToday int `json:"countUnansweredToday"`
}

// NewFeedbacksQuestions says whether anything unseen is waiting.
type NewFeedbacksQuestions struct {
	HasNewQuestions bool `json:"hasNewQuestions"`
	HasNewFeedbacks bool `json:"hasNewFeedbacks"`
}
