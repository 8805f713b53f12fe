package wb

import (
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestCountsAgreeWithLists(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)

	news, err := c.NewFeedbacksQuestions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !news.HasNewQuestions || !news.HasNewFeedbacks {
		t.Errorf("the demo data has unseen items: %+v", news)
	}

	qu, err := c.QuestionsCountUnanswered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	qp, err := c.Questions(ctx, QuestionsQuery{IsAnswered: false, Take: 1})
	if err != nil {
		t.Fatal(err)
	}
	if qu.CountUnanswered == 0 || qu.CountUnanswered != qp.CountUnanswered || qu.CountUnansweredToday > qu.CountUnanswered {
		t.Errorf("questions: count-unanswered %+v, list says %d", qu, qp.CountUnanswered)
	}
	qa, err := c.QuestionsCount(ctx, CountQuery{IsAnswered: true})
	if err != nil {
		t.Fatal(err)
	}
	qn, err := c.QuestionsCount(ctx, CountQuery{IsAnswered: false})
	if err != nil {
		t.Fatal(err)
	}
	if qa != qp.CountArchive || qn != qp.CountUnanswered || qa+qn != 300 {
		t.Errorf("questions count: answered %d unanswered %d, list %d/%d", qa, qn, qp.CountArchive, qp.CountUnanswered)
	}
	week, err := c.QuestionsCount(ctx, CountQuery{IsAnswered: false, DateFrom: time.Now().Add(-7 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if week == 0 || week > qn {
		t.Errorf("unanswered questions of the week: %d of %d", week, qn)
	}

	fu, err := c.FeedbacksCountUnanswered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := c.Feedbacks(ctx, FeedbacksQuery{IsAnswered: false, Take: 1})
	if err != nil {
		t.Fatal(err)
	}
	if fu.CountUnanswered == 0 || fu.CountUnanswered != fp.CountUnanswered {
		t.Errorf("feedbacks: count-unanswered %+v, list says %d", fu, fp.CountUnanswered)
	}
	fn, err := c.FeedbacksCount(ctx, CountQuery{IsAnswered: false})
	if err != nil {
		t.Fatal(err)
	}
	fa, err := c.FeedbacksCount(ctx, CountQuery{IsAnswered: true, DateTo: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if fn != fu.CountUnanswered || fa != fp.CountArchive {
		t.Errorf("feedbacks count: unanswered %d answered %d, list %d/%d", fn, fa, fp.CountUnanswered, fp.CountArchive)
	}
}

func TestCountPeriodValidatedBeforeSending(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	now := time.Now()
	bad := CountQuery{DateFrom: now, DateTo: now.Add(-time.Hour)}
	if _, err := c.QuestionsCount(ctxT(t), bad); err != nil {
		e := wantKind(t, err, api.KindValidation)
		if e.Status != 0 {
			t.Errorf("a local validation error has no HTTP status: %d", e.Status)
		}
	} else {
		t.Fatal("reversed period accepted")
	}
	if _, err := c.FeedbacksCount(ctxT(t), bad); err == nil {
		t.Fatal("reversed period accepted")
	}
	if n := seen(h, "GET /api/v1/questions/count") + seen(h, "GET /api/v1/feedbacks/count"); n != 0 {
		t.Errorf("%d requests sent for an invalid query", n)
	}
}
