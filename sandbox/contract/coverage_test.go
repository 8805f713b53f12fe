package contract_test

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// TestEveryOperationIsExercised drives every operation of both specs once
// through the typed clients against the sandbox, with the validator on:
// one place that proves the whole contract is covered (the per-vertical
// tests go deeper).
func TestEveryOperationIsExercised(t *testing.T) {
	calls := &callLog{}
	h := contract.Start(t, sandbox.Options{NoLimits: true}, func(c *api.Config) {
		c.Logger = slog.New(calls)
		c.Limits = map[api.Group]api.Limit{}
		for g := range api.Limits {
			c.Limits[g] = api.Limit{Per: time.Millisecond, Burst: 100}
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	y := ym.New(h.Transport, sandbox.CampaignID)
	w := wb.New(h.Transport)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}

	// Yandex Market.
	_, err := y.Campaigns(ctx)
	must("campaigns", err)
	rets, err := y.AllReturns(ctx, ym.ReturnsQuery{Limit: ym.MaxReturnsLimit})
	must("returns", err)
	var photo, submit, set *models.YMReturn
	for i := range rets {
		r := &rets[i]
		if photo == nil && len(r.Photos()) > 0 {
			photo = r
		}
		if submit == nil && r.RefundStatus == models.YMRefundPremoderationDecisionWaiting && r != photo {
			submit = r
		}
		if set == nil && r.RefundStatus == models.YMRefundWaitingForDecision && r != photo {
			set = r
		}
	}
	if photo == nil || submit == nil || set == nil {
		t.Fatalf("seed data lacks returns to exercise: photo=%v submit=%v set=%v", photo != nil, submit != nil, set != nil)
	}
	_, err = y.GetReturn(ctx, photo.OrderID, photo.ID)
	must("getReturn", err)
	ref := photo.Photos()[0]
	_, err = y.GetReturnPhoto(ctx, photo.OrderID, photo.ID, ref.ItemID, ref.Hash)
	must("getReturnPhoto", err)
	_, err = y.GetReturnApplication(ctx, photo.OrderID, photo.ID)
	must("getReturnApplication", err)
	_, err = y.GetBusinessOrders(ctx, ym.BusinessOrdersQuery{OrderIDs: []int64{photo.OrderID}})
	must("getBusinessOrders", err)
	_, err = y.GetOrder(ctx, photo.OrderID)
	must("getOrder", err)
	avail, err := y.GetReturnAvailableDecisions(ctx, submit.ID)
	must("getReturnAvailableDecisions", err)
	if d, ok := avail.Find(models.YMDecisionRefundMoney); ok {
		var ds []models.YMItemDecision
		for _, it := range submit.Items {
			ds = append(ds, models.YMItemDecision{ReturnItemID: it.ItemID(), DecisionType: d.DecisionType})
		}
		must("submitReturnDecision", y.SubmitReturnDecision(ctx, submit.OrderID, submit.ID, ds))
	} else {
		t.Errorf("REFUND_MONEY not offered for %d: %v", submit.ID, avail)
	}
	if len(set.Items) > 0 {
		// Deprecated flow: a validation refusal still exercises the contract.
		_ = y.SetReturnDecision(ctx, set.OrderID, set.ID, models.YMSetDecision{ReturnItemID: set.Items[0].ItemID(), DecisionType: models.YMDecisionRefundMoney})
	}

	// Wildberries questions and feedbacks.
	_, err = w.NewFeedbacksQuestions(ctx)
	must("new-feedbacks-questions", err)
	_, err = w.QuestionsCountUnanswered(ctx)
	must("questions count-unanswered", err)
	_, err = w.QuestionsCount(ctx, wb.CountQuery{})
	must("questions count", err)
	qs, err := w.Questions(ctx, wb.QuestionsQuery{Take: 10})
	must("questions", err)
	if len(qs.Questions) > 0 {
		q := qs.Questions[0]
		_, err = w.Question(ctx, q.ID)
		must("question", err)
		_, err = w.AnswerQuestion(ctx, q.ID, "Здравствуйте! Да, размер соответствует таблице.")
		must("answer question (PATCH)", err)
	}
	_, err = w.FeedbacksCountUnanswered(ctx)
	must("feedbacks count-unanswered", err)
	_, err = w.FeedbacksCount(ctx, wb.CountQuery{})
	must("feedbacks count", err)
	fs, err := w.Feedbacks(ctx, wb.FeedbacksQuery{Take: 50})
	must("feedbacks", err)
	_, err = w.FeedbacksArchive(ctx, wb.ArchiveQuery{Take: 10})
	must("feedbacks archive", err)
	var returnable string
	for _, f := range fs.Feedbacks {
		if f.IsAbleReturnProductOrders && returnable == "" {
			returnable = f.ID
		}
	}
	if len(fs.Feedbacks) > 0 {
		f := fs.Feedbacks[0]
		_, err = w.Feedback(ctx, f.ID)
		must("feedback", err)
		_, err = w.AnswerFeedback(ctx, f.ID, "Спасибо за отзыв! Нам очень жаль, разберёмся.")
		must("answer feedback", err)
		_, err = w.EditFeedbackAnswer(ctx, f.ID, "Спасибо за отзыв! Мы уже связались со складом.")
		must("edit feedback answer", err)
		_, err = w.Pin(ctx, []models.PinRequest{{PinMethod: models.PinBySubscription, PinOn: models.PinOnNM, FeedbackID: f.ID}})
		must("pin", err)
	}
	if returnable != "" {
		_, err = w.ReturnFeedbackOrder(ctx, returnable)
		must("feedback order return", err)
	}
	pins, err := w.Pins(ctx, wb.PinsFilter{}, 0, 10)
	must("pins", err)
	_, err = w.PinsCount(ctx, wb.PinsFilter{})
	must("pins count", err)
	_, err = w.PinsLimits(ctx)
	must("pins limits", err)
	for _, p := range pins.Pins {
		if p.State == models.Pinned {
			_, err = w.Unpin(ctx, []int64{p.PinID})
			must("unpin", err)
			break
		}
	}

	// Wildberries chat and claims.
	chats, err := w.Chats(ctx)
	must("chats", err)
	events, _, err := w.AllEvents(ctx, 0)
	must("events", err)
	if len(chats) > 0 {
		_, err = w.SendMessage(ctx, wb.SendMessage{ChatID: chats[0].ChatID, Text: "Здравствуйте! Проверим и вернёмся с ответом."})
		must("send message", err)
	}
	for _, e := range events {
		if a := e.Attachments(); len(a.Files) > 0 {
			_, _, err = w.Download(ctx, a.Files[0].DownloadID)
			must("download", err)
			break
		}
	}
	claims, err := w.AllClaims(ctx, false)
	must("claims", err)
	for _, c := range claims {
		if c.Allows(models.ClaimAction("approve1")) {
			_, err = w.AnswerClaim(ctx, c, "approve1", "")
			must("answer claim", err)
			break
		}
	}

	// Every request the clients sent carries the spec's operationId as Op,
	// the name the validator found for its method and path.
	for _, c := range calls.all() {
		if want := h.Validator.Spec().OperationID(c.method, c.path); c.op != want {
			t.Errorf("%s %s went out as Op %q, the spec's operationId is %q", c.method, c.path, c.op, want)
		}
	}
	if len(calls.all()) < 35 {
		t.Errorf("only %d calls logged", len(calls.all()))
	}

	seen := h.Validator.Seen()
	for _, op := range h.Validator.Spec().Operations() {
		if seen[op] == 0 {
			t.Errorf("operation %s was never exercised", op)
		}
	}
	if n := len(slices.Collect(func(yield func(string) bool) {
		for op := range seen {
			if !yield(op) {
				return
			}
		}
	})); n < 35 {
		t.Errorf("only %d operations seen", n)
	}
}

type loggedCall struct{ op, method, path string }

// callLog is a slog handler keeping the transport's "api call" records.
type callLog struct {
	mu    sync.Mutex
	calls []loggedCall
}

func (l *callLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *callLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *callLog) WithGroup(string) slog.Handler            { return l }

func (l *callLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "api call" {
		return nil
	}
	var c loggedCall
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "op":
			c.op = a.Value.String()
		case "method":
			c.method = a.Value.String()
		case "path":
			c.path = a.Value.String()
		}
		return true
	})
	l.mu.Lock()
	l.calls = append(l.calls, c)
	l.mu.Unlock()
	return nil
}

func (l *callLog) all() []loggedCall {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]loggedCall(nil), l.calls...)
}
