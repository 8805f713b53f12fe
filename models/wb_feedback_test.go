package models

import (
	"encoding/json"
	"testing"
	"time"
)

// A feedback as the service sends it, with every nullable field null, an
// enum value nobody has documented yet and the Cyrillic "ок".
const feedbackNulls = `{
  "id": "YX52RZEBhH9mrcYdEJuD", "text": "Спасибо, всё подошло", "pros": "Удобный", "cons": "Нет",
  "productValuation": 5, "createdDate": "2024-09-26T10:20:48+03:00",
  "answer": null, "state": "none",
  "productDetails": {"imtId": 123456789, "nmId": 987654321, "productName": "ВАЗ",
    "supplierArticle": null, "supplierName": null, "brandName": null, "size": "0"},
  "video": null, "wasViewed": false, "photoLinks": null, "userName": "Николай", "matchingSize": "ок",
  "isAbleSupplierFeedbackValuation": false, "supplierFeedbackValuation": 1,
  "isAbleSupplierProductValuation": false, "supplierProductValuation": 2,
  "isAbleReturnProductOrders": false, "returnProductOrdersDate": null, "bables": null,
  "lastOrderShkId": 123456789, "lastOrderCreatedAt": "2024-08-12T10:20:48+03:00",
  "color": "colorless", "subjectId": 219, "subjectName": "Футболки-поло",
  "parentFeedbackId": null, "childFeedbackId": null
}`

// The spec's own example: everything present.
const feedbackFull = `{
  "id": "YX52RZEBhH9mrcYdEJuD", "text": "", "pros": "", "cons": "", "productValuation": 1,
  "createdDate": "2024-09-26T10:20:48+03:00",
  "answer": {"text": "Пожалуйста. Ждём вас снова!", "state": "moderationQueue", "editable": true},
  "state": "wbRu",
  "productDetails": {"imtId": 1, "nmId": 2, "productName": "ВАЗ", "supplierArticle": "DP02/черный", "supplierName": "ГП", "brandName": "Бест", "size": "0"},
  "video": {"previewImage": "https://v/preview.webp", "link": "https://v/index.m3u8", "durationSec": 10},
  "wasViewed": true,
  "photoLinks": [{"fullSize": "https://f/fs.jpg", "miniSize": "https://f/ms.jpg"}],
  "matchingSize": "bigger", "returnProductOrdersDate": "2024-08-20T16:39:49Z",
  "bables": ["цена"], "parentFeedbackId": "aaa", "childFeedbackId": "bIjTCZDvJni7NGnLbUlf",
  "someFieldAddedTomorrow": {"x": 1}
}`

func TestFeedbackDecodesRealShapes(t *testing.T) {
	var f Feedback
	if err := json.Unmarshal([]byte(feedbackNulls), &f); err != nil {
		t.Fatal(err)
	}
	if f.Answered() || f.Answer != nil || f.Video != nil || f.PhotoLinks != nil || f.Bables != nil {
		t.Errorf("nulls decoded as values: %+v", f)
	}
	if !f.ReturnProductOrdersDate.IsZero() || f.ParentFeedbackID != "" || f.ProductDetails.BrandName != "" {
		t.Errorf("null scalars: %+v", f)
	}
	if f.MatchingSize.Normalized() != SizeOK || f.MatchingSize.Label() != "true to size" {
		t.Errorf("Cyrillic ок: %q -> %q", f.MatchingSize, f.MatchingSize.Normalized())
	}
	if f.State.Label() != "new" || f.ProductValuation != 5 || f.SubjectID != 219 || f.LastOrderShkID != 123456789 {
		t.Errorf("fields %+v", f)
	}
	want := time.Date(2024, 9, 26, 7, 20, 48, 0, time.UTC)
	if !f.CreatedDate.Equal(want) {
		t.Errorf("createdDate %s, want %s", f.CreatedDate, want)
	}
	if _, off := f.CreatedDate.Zone(); off != 3*3600 {
		t.Errorf("the +03:00 offset is kept for display, got %d", off)
	}

	var g Feedback
	if err := json.Unmarshal([]byte(feedbackFull), &g); err != nil {
		t.Fatal(err)
	}
	if !g.Answered() || !g.Answer.Editable || g.Answer.State != "moderationQueue" || g.Answer.State.Label() != "moderationQueue" {
		t.Errorf("unknown answer state must keep its raw value: %+v", g.Answer)
	}
	if g.Video.DurationSec != 10 || len(g.PhotoLinks) != 1 || g.PhotoLinks[0].MiniSize != "https://f/ms.jpg" {
		t.Errorf("media %+v %+v", g.Video, g.PhotoLinks)
	}
	if g.ReturnProductOrdersDate.UTC() != time.Date(2024, 8, 20, 16, 39, 49, 0, time.UTC) || g.ChildFeedbackID == "" {
		t.Errorf("return date %s", g.ReturnProductOrdersDate)
	}
}

func TestMatchingSizeLabels(t *testing.T) {
	cases := map[MatchingSize]string{"": "", " ": "", "ok": "true to size", "ок": "true to size",
		"smaller": "runs small", "bigger": "runs large", "huge": "huge"}
	for in, want := range cases {
		if got := in.Label(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestFeedbacksPageNullList(t *testing.T) {
	var p FeedbacksPage
	if err := json.Unmarshal([]byte(`{"countUnanswered":52,"countArchive":1000,"feedbacks":null}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.CountUnanswered != 52 || p.CountArchive != 1000 || len(p.Feedbacks) != 0 {
		t.Errorf("%+v", p)
	}
}

// orderStatus (2026-08 document): each documented value decodes, a buyer
// who refused or returned is told apart, an unknown value stays visible.
func TestFeedbackOrderStatus(t *testing.T) {
	cases := []struct {
		json     string
		want     OrderStatus
		gaveBack bool
		label    string
	}{
		{`"buyout"`, OrderBuyout, false, "bought out"},
		{`"rejected"`, OrderRejected, true, "refused"},
		{`"returned"`, OrderReturned, true, "returned"},
		{`"notSpecified"`, OrderNotSpecified, false, "no status"},
		{`"lost"`, "lost", false, "lost"},
		{`null`, "", false, ""},
	}
	for _, c := range cases {
		var f Feedback
		if err := json.Unmarshal([]byte(`{"id":"x","orderStatus":`+c.json+`}`), &f); err != nil {
			t.Fatalf("%s: %v", c.json, err)
		}
		if f.OrderStatus != c.want || f.OrderStatus.GaveBack() != c.gaveBack || f.OrderStatus.Label() != c.label {
			t.Errorf("%s: %q gaveBack=%v label=%q", c.json, f.OrderStatus, f.OrderStatus.GaveBack(), f.OrderStatus.Label())
		}
	}
}
