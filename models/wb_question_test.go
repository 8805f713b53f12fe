package models

import (
	"encoding/json"
	"testing"
	"time"
)

func TestQuestionDecodesRealShapes(t *testing.T) {
	const page = `{"countUnanswered": 24, "countArchive": 508, "questions": [
	  {"id": "2ncBtX4B9I0UHoornoqG", "text": "Question text", "createdDate": "2022-02-01T11:18:08.769513469Z",
	   "state": "suppliersPortalSynch", "answer": null,
	   "productDetails": {"imtId": 11157265, "nmId": 14917842, "productName": "Coffee", "supplierArticle": "123401",
	     "supplierName": " ГП Реклама и услуги", "brandName": "Nescafe"},
	   "wasViewed": false, "isWarned": false},
	  {"id": "TfWOp5QBfEYrrd0AMJau", "text": "Хороший карандаш?", "createdDate": "2025-01-27T11:38:21.202143857Z",
	   "state": "wbRu", "answer": {"text": "На следующей неделе", "editable": true, "createDate": "2025-07-28T08:24:37.187113704Z"},
	   "productDetails": {"nmId": 224747484, "size": ""}, "wasViewed": true, "isWarned": true},
	  {"id": "x", "state": "none", "answer": null},
	  {"id": "y", "state": "archivedByWB", "answer": {"text": "старый ответ"}}
	]}`
	var p QuestionsPage
	if err := json.Unmarshal([]byte(page), &p); err != nil {
		t.Fatal(err)
	}
	if p.CountUnanswered != 24 || p.CountArchive != 508 || len(p.Questions) != 4 {
		t.Fatalf("%+v", p)
	}
	q := p.Questions[0]
	want := time.Date(2022, 2, 1, 11, 18, 8, 769513469, time.UTC)
	if !q.CreatedDate.Equal(want) || q.CreatedDate.Nanosecond() != 769513469 {
		t.Errorf("nanosecond time lost: %s", q.CreatedDate.Format(time.RFC3339Nano))
	}
	if q.Answered() || q.State.Label() != "new" || q.ProductDetails.NmID != 14917842 || q.ProductDetails.SupplierName != " ГП Реклама и услуги" {
		t.Errorf("first %+v", q)
	}
	a := p.Questions[1]
	if !a.Answered() || a.Answer.Text != "На следующей неделе" || !a.Answer.Editable || a.Answer.CreateDate.Nanosecond() != 187113704 || !a.IsWarned {
		t.Errorf("second %+v %+v", a, a.Answer)
	}
	cases := []struct {
		q        Question
		answered bool
		label    string
	}{
		{p.Questions[2], true, "rejected"},     // rejected without an answer body
		{p.Questions[3], true, "archivedByWB"}, // unknown state: the answer decides
		{Question{State: "archivedByWB"}, false, "archivedByWB"},
	}
	for _, c := range cases {
		if c.q.Answered() != c.answered || c.q.State.Label() != c.label {
			t.Errorf("%+v: answered=%v label=%q", c.q, c.q.Answered(), c.q.State.Label())
		}
	}
}

func TestCountersDecode(t *testing.T) {
	var u UnansweredCount
	var n NewFeedbacksQuestions
	if err := json.Unmarshal([]byte(`{"countUnanswered":24,"countUnansweredToday":0}`), &u); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"hasNewQuestions":true,"hasNewFeedbacks":false}`), &n); err != nil {
		t.Fatal(err)
	}
	if u.CountUnanswered != 24 || !n.HasNewQuestions || n.HasNewFeedbacks {
		t.Errorf("%+v %+v", u, n)
	}
}
