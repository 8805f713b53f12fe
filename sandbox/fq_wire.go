package sandbox

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Wire shapes of feedbacks-api. The sandbox writes them itself (it does not
// import models) so that a decoding bug cannot hide behind a symmetric
// encoding bug.

// Each endpoint's real timestamp format.
const (
	fqQuestionTime = "2006-01-02T15:04:05.000000000Z" // always UTC, nine digits
	fqFeedbackTime = "2006-01-02T15:04:05-07:00"      // Moscow offset
)

type fqEnvelope struct {
	Data             any      `json:"data"`
	Error            bool     `json:"error"`
	ErrorText        string   `json:"errorText"`
	AdditionalErrors []string `json:"additionalErrors"`
}

func fqOK(w http.ResponseWriter, data any) {
	writeJSON(w, http.StatusOK, fqEnvelope{Data: data})
}

type fqProductWire struct {
	NmID            int64  `json:"nmId"`
	ImtID           int64  `json:"imtId"`
	ProductName     string `json:"productName"`
	SupplierArticle string `json:"supplierArticle"`
	SupplierName    string `json:"supplierName"`
	BrandName       string `json:"brandName"`
	// Size is declared for feedbacks only; the questions schema has none.
	Size string `json:"size,omitempty"`
}

func fqProduct(i uint8) fqProductWire {
	p := catalogue[i]
	return fqProductWire{NmID: p.NmID, ImtID: fqImtID(p), ProductName: p.Name, SupplierArticle: p.Article,
		SupplierName: fqSupplierName, BrandName: p.Brand, Size: p.Size}
}

func fqQuestionProduct(i uint8) fqProductWire {
	p := fqProduct(i)
	p.Size = ""
	return p
}

type fqQuestionAnswerWire struct {
	Text       string `json:"text"`
	Editable   bool   `json:"editable"`
	CreateDate string `json:"createDate"`
}

type fqQuestionWire struct {
	ID             string                `json:"id"`
	Text           string                `json:"text"`
	CreatedDate    string                `json:"createdDate"`
	State          string                `json:"state"`
	Answer         *fqQuestionAnswerWire `json:"answer"`
	ProductDetails fqProductWire         `json:"productDetails"`
	WasViewed      bool                  `json:"wasViewed"`
	IsWarned       bool                  `json:"isWarned"`
}

func fqNano(n int64) string { return time.Unix(0, n).UTC().Format(fqQuestionTime) }

func (q *fqQuestion) wire(now time.Time) fqQuestionWire {
	out := fqQuestionWire{ID: q.id, Text: q.text, CreatedDate: fqNano(q.created), State: q.state,
		ProductDetails: fqQuestionProduct(q.product), WasViewed: q.viewed, IsWarned: q.warned}
	if q.answer != nil {
		out.Answer = &fqQuestionAnswerWire{Text: q.answer.text, Editable: q.state == fqQAnswered && fqEditable(q.answer, now),
			CreateDate: fqNano(q.answer.at)}
	}
	return out
}

type fqFeedbackAnswerWire struct {
	Text     string `json:"text"`
	State    string `json:"state"`
	Editable bool   `json:"editable"`
}

type fqPhotoWire struct {
	FullSize string `json:"fullSize"`
	MiniSize string `json:"miniSize"`
}

type fqVideoWire struct {
	PreviewImage string `json:"previewImage"`
	Link         string `json:"link"`
	DurationSec  int    `json:"durationSec"`
}

type fqFeedbackWire struct {
	ID                              string                `json:"id"`
	Text                            string                `json:"text"`
	Pros                            string                `json:"pros"`
	Cons                            string                `json:"cons"`
	ProductValuation                int                   `json:"productValuation"`
	CreatedDate                     string                `json:"createdDate"`
	Answer                          *fqFeedbackAnswerWire `json:"answer"`
	State                           string                `json:"state"`
	ProductDetails                  fqProductWire         `json:"productDetails"`
	Video                           *fqVideoWire          `json:"video"`
	WasViewed                       bool                  `json:"wasViewed"`
	PhotoLinks                      []fqPhotoWire         `json:"photoLinks"`
	UserName                        string                `json:"userName"`
	MatchingSize                    string                `json:"matchingSize"`
	OrderStatus                     string                `json:"orderStatus"`
	IsAbleSupplierFeedbackValuation bool                  `json:"isAbleSupplierFeedbackValuation"`
	SupplierFeedbackValuation       int                   `json:"supplierFeedbackValuation"`
	IsAbleSupplierProductValuation  bool                  `json:"isAbleSupplierProductValuation"`
	SupplierProductValuation        int                   `json:"supplierProductValuation"`
	IsAbleReturnProductOrders       bool                  `json:"isAbleReturnProductOrders"`
	ReturnProductOrdersDate         *string               `json:"returnProductOrdersDate"`
	Bables                          []string              `json:"bables"`
	LastOrderShkID                  int64                 `json:"lastOrderShkId"`
	LastOrderCreatedAt              string                `json:"lastOrderCreatedAt"`
	Color                           string                `json:"color"`
	SubjectID                       int64                 `json:"subjectId"`
	SubjectName                     string                `json:"subjectName"`
	ParentFeedbackID                *string               `json:"parentFeedbackId"`
	ChildFeedbackID                 *string               `json:"childFeedbackId"`
}

// orderStatus is what became of the order (buyout, rejected, returned,
// notSpecified). It follows from fields the seed already drew, so adding it
// changed no other seeded value: a return the seller requested makes the
// order returned, unhappy buyers sometimes refused or returned theirs, and
// a recent feedback's order may have no status yet.
func (f *fqFeedback) orderStatus(now time.Time) string {
	switch {
	case f.returnedAt != 0:
		return "returned"
	case f.rating <= 2 && f.shk%4 == 0:
		return "rejected"
	case f.rating <= 3 && f.shk%7 == 0:
		return "returned"
	case now.Unix()-f.created < 7*86400 && f.shk%3 == 0:
		return "notSpecified"
	}
	return "buyout"
}

func fqSec(sec int64) string { return time.Unix(sec, 0).In(fqMoscow).Format(fqFeedbackTime) }

// wire renders a feedback; r gives the host its photo links point at.
func (st *fqState) feedbackWire(f *fqFeedback, r *http.Request, now time.Time) fqFeedbackWire {
	p := catalogue[f.product]
	out := fqFeedbackWire{
		ID: f.id, Text: f.text, Pros: f.pros, Cons: f.cons, ProductValuation: int(f.rating),
		CreatedDate: fqSec(f.created), State: "none", ProductDetails: fqProduct(f.product),
		WasViewed: f.viewed, UserName: f.user, MatchingSize: f.matching, OrderStatus: f.orderStatus(now),
		IsAbleSupplierFeedbackValuation: f.canComplain, SupplierFeedbackValuation: int(f.valuation),
		IsAbleSupplierProductValuation: f.canReportProduct, SupplierProductValuation: int(f.prodValue),
		IsAbleReturnProductOrders: f.returnable, LastOrderShkID: f.shk, LastOrderCreatedAt: fqSec(f.orderAt),
		Color: fqColors[f.color], SubjectID: p.SubjectID, SubjectName: p.Subject,
	}
	if f.answer != nil {
		out.State = "wbRu"
		out.Answer = &fqFeedbackAnswerWire{Text: f.answer.text, State: f.answer.state, Editable: fqEditable(f.answer, now)}
	}
	for n := 1; n <= int(f.photos); n++ {
		out.PhotoLinks = append(out.PhotoLinks, fqPhotoWire{
			FullSize: mediaURL(r, "feedback", fmt.Sprintf("%s-%d.webp", f.id, n)),
			MiniSize: mediaURL(r, "feedback", fmt.Sprintf("%s-%d-mini.webp", f.id, n)),
		})
	}
	if f.video {
		out.Video = &fqVideoWire{PreviewImage: mediaURL(r, "feedback", f.id+"-video.webp"),
			Link: mediaURL(r, "feedback", f.id+".mp4"), DurationSec: 5 + int(f.shk%55)}
	}
	if f.returnedAt != 0 {
		s := time.Unix(f.returnedAt, 0).UTC().Format(time.RFC3339)
		out.ReturnProductOrdersDate = &s
	}
	for i, b := range fqBables {
		if f.bables&(1<<i) != 0 {
			out.Bables = append(out.Bables, b)
		}
	}
	if f.parent >= 0 {
		out.ParentFeedbackID = &st.feedbacks[f.parent].id
	}
	if f.child >= 0 {
		out.ChildFeedbackID = &st.feedbacks[f.child].id
	}
	return out
}

// fqTextOK applies the documented 2..5000 characters: at least two that are
// not blank, at most 5000 in all, counted as characters, not bytes.
func fqTextOK(s string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(s)) >= 2 && utf8.RuneCountInString(s) <= 5000
}

// fqQuery reads the optional query parameters of the list and count methods;
// a malformed one yields the service's "Плохой формат <name>".
type fqQuery struct {
	q   url.Values
	bad string
}

func (p *fqQuery) int(name string, def int64) int64 {
	v := p.q.Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil && p.bad == "" {
		p.bad = name
	}
	return n
}

func (p *fqQuery) bool(name string, def bool) bool {
	v := p.q.Get(name)
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil && p.bad == "" {
		p.bad = name
	}
	return b
}

// required marks a missing parameter as malformed.
func (p *fqQuery) required(names ...string) {
	for _, n := range names {
		if !p.q.Has(n) && p.bad == "" {
			p.bad = n
		}
	}
}

// period reads dateFrom/dateTo (Unix seconds) into a [from, to] range of
// Unix seconds; absent ends are open.
func (p *fqQuery) period() (from, to int64) {
	return p.int("dateFrom", 0), p.int("dateTo", 1<<62)
}

func (p *fqQuery) order() (desc bool) {
	switch v := p.q.Get("order"); v {
	case "", "dateDesc":
		return true
	case "dateAsc":
		return false
	default:
		if p.bad == "" {
			p.bad = "order"
		}
	}
	return true
}

func (p *fqQuery) fail(w http.ResponseWriter) bool {
	if p.bad == "" {
		return false
	}
	wbEnvelopeError(w, http.StatusBadRequest, "Плохой формат "+p.bad)
	return true
}

// fqDecodeFbapi reads a JSON body the way the feedback answer methods do:
// Content-Type first, then syntax, both with the standardized error.
func fqDecodeFbapi(w http.ResponseWriter, r *http.Request, v any) bool {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		wbProblem(w, http.StatusBadRequest, "bad request", "content-type header not specified", "fbapi")
		return false
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		wbProblem(w, http.StatusBadRequest, "bad request", "content-type is not a valid mime-type: "+ct, "fbapi")
		return false
	}
	if mt != "application/json" {
		wbProblem(w, http.StatusBadRequest, "bad request", "not a json content-type: "+mt, "fbapi")
		return false
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(v); err != nil {
		wbProblem(w, http.StatusBadRequest, "bad request", "Неверный синтаксис JSON", "fbapi")
		return false
	}
	return true
}

// page applies skip/take to n items.
func fqPage(n int, skip, take int64) (lo, hi int) {
	lo = int(min(max(skip, 0), int64(n)))
	hi = int(min(int64(lo)+max(take, 0), int64(n)))
	return lo, hi
}
