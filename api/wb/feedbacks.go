package wb

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

const feedbackAnswerPath = "/api/v1/feedbacks/answer"

// FeedbacksQuery selects a page of (not archived) feedbacks. There is no
// rating filter in the API: filter ProductValuation locally.
type FeedbacksQuery struct {
	IsAnswered bool
	NmID       int64 // 0: every product
	// Take is 1..MaxFeedbacksTake (5000); Skip 0..MaxFeedbacksSkip (199,990).
	Take, Skip int
	Order      DateOrder
	// DateFrom and DateTo bound the creation date; zero means open.
	DateFrom, DateTo time.Time
}

func checkTakeSkip(op string, take, skip, maxSkip int) error {
	switch {
	case take < 1 || take > MaxFeedbacksTake:
		return fqInvalid(op, "take must be between 1 and %d (it is %d)", MaxFeedbacksTake, take)
	case skip < 0:
		return fqInvalid(op, "skip cannot be negative (it is %d)", skip)
	case maxSkip > 0 && skip > maxSkip:
		return fqInvalid(op, "skip is %d, but Wildberries skips at most %d feedbacks; narrow the period with DateFrom/DateTo", skip, maxSkip)
	}
	return nil
}

func (q FeedbacksQuery) values(op string) (url.Values, error) {
	if err := checkTakeSkip(op, q.Take, q.Skip, MaxFeedbacksSkip); err != nil {
		return nil, err
	}
	if err := checkOrder(op, q.Order); err != nil {
		return nil, err
	}
	if err := checkPeriod(op, q.DateFrom, q.DateTo); err != nil {
		return nil, err
	}
	v := url.Values{
		"isAnswered": {strconv.FormatBool(q.IsAnswered)},
		"take":       {strconv.Itoa(q.Take)},
		"skip":       {strconv.Itoa(q.Skip)},
	}
	if q.NmID != 0 {
		v.Set("nmId", strconv.FormatInt(q.NmID, 10))
	}
	if q.Order != "" {
		v.Set("order", string(q.Order))
	}
	addPeriod(v, q.DateFrom, q.DateTo)
	return v, nil
}

// Feedbacks returns one page of feedbacks with the seller's totals.
func (c *Client) Feedbacks(ctx context.Context, q FeedbacksQuery) (models.FeedbacksPage, error) {
	r := fqRequest(http.MethodGet, "/api/v1/feedbacks", nil, nil)
	v, err := q.values(r.Op)
	if err != nil {
		return models.FeedbacksPage{}, err
	}
	r.Query = v
	return call[models.FeedbacksPage](ctx, c, r)
}

// ArchiveQuery selects a page of archived feedbacks: answered ones, ones
// left unanswered for 30 days, and ones without text or photos.
type ArchiveQuery struct {
	NmID       int64
	Take, Skip int // Take 1..MaxFeedbacksTake
	Order      DateOrder
}

// FeedbacksArchive returns one page of archived feedbacks.
func (c *Client) FeedbacksArchive(ctx context.Context, q ArchiveQuery) ([]models.Feedback, error) {
	r := fqRequest(http.MethodGet, "/api/v1/feedbacks/archive", nil, nil)
	if err := checkTakeSkip(r.Op, q.Take, q.Skip, 0); err != nil {
		return nil, err
	}
	if err := checkOrder(r.Op, q.Order); err != nil {
		return nil, err
	}
	v := url.Values{"take": {strconv.Itoa(q.Take)}, "skip": {strconv.Itoa(q.Skip)}}
	if q.NmID != 0 {
		v.Set("nmId", strconv.FormatInt(q.NmID, 10))
	}
	if q.Order != "" {
		v.Set("order", string(q.Order))
	}
	r.Query = v
	page, err := call[models.FeedbacksPage](ctx, c, r)
	return page.Feedbacks, err
}

// Feedback fetches one feedback. An unknown ID is a not-found error.
func (c *Client) Feedback(ctx context.Context, id string) (models.Feedback, error) {
	r := fqRequest(http.MethodGet, "/api/v1/feedback", url.Values{"id": {id}}, nil)
	if err := checkID(r.Op, "feedback", id); err != nil {
		return models.Feedback{}, err
	}
	f, err := call[models.Feedback](ctx, c, r)
	return f, notFoundOn422(err, "feedback", id)
}

type feedbackAnswerBody struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// AnswerFeedback publishes an answer and returns the feedback as read back.
// It first reads the feedback: Wildberries answers 204 to a second answer
// too, and may treat it as an edit, replacing a colleague's answer and
// spending the one edit allowed. An answered feedback is therefore a
// conflict wrapping ErrAlreadyAnswered (the same text is success: a call
// that already landed). The read-back then decides: an unknown ID is
// not-found.
func (c *Client) AnswerFeedback(ctx context.Context, id, text string) (models.Feedback, error) {
	op := opID(http.MethodPost, feedbackAnswerPath)
	if err := checkID(op, "feedback", id); err != nil {
		return models.Feedback{}, err
	}
	if err := checkAnswerText(op, text); err != nil {
		return models.Feedback{}, err
	}
	f, err := c.Feedback(ctx, id)
	if err != nil {
		return f, err
	}
	if f.Answered() {
		if f.Answer.Text == text {
			return f, nil
		}
		return f, answeredError(op, "feedback %s already has an answer (perhaps a colleague's); yours was not sent, edit the answer instead", id)
	}
	if _, err := c.t.Do(ctx, fqRequest(http.MethodPost, feedbackAnswerPath, nil, feedbackAnswerBody{ID: id, Text: text})); err != nil {
		return f, err
	}
	f, ok, err := confirm(ctx, func(ctx context.Context) (models.Feedback, error) { return c.Feedback(ctx, id) },
		func(f models.Feedback) bool { return f.Answer != nil && f.Answer.Text == text })
	switch {
	case err != nil:
		return f, err
	case ok:
		return f, nil
	case f.Answered():
		// Answered between our read and our write.
		return f, answeredError(op, "feedback %s got a different answer meanwhile (perhaps a colleague's); check it before editing", id)
	}
	return f, fqError(op, api.KindConflict, "Wildberries accepted the answer to feedback %s, but the feedback does not show it; reload it before trying again", id)
}

// EditFeedbackAnswer replaces an answer; Wildberries allows one edit within
// 60 days and ignores any other silently, so the answer's editable flag is
// checked first and the result read back.
func (c *Client) EditFeedbackAnswer(ctx context.Context, id, text string) (models.Feedback, error) {
	op := opID(http.MethodPatch, feedbackAnswerPath)
	if err := checkID(op, "feedback", id); err != nil {
		return models.Feedback{}, err
	}
	if err := checkAnswerText(op, text); err != nil {
		return models.Feedback{}, err
	}
	f, err := c.Feedback(ctx, id)
	if err != nil {
		return f, err
	}
	switch {
	case !f.Answered():
		return f, fqInvalid(op, "feedback %s has no answer to edit; answer it instead", id)
	case f.Answer.Text == text:
		return f, nil
	case !f.Answer.Editable:
		return f, fqInvalid(op, "the answer to feedback %s can no longer be edited: Wildberries allows one edit within 60 days", id)
	}
	if _, err := c.t.Do(ctx, fqRequest(http.MethodPatch, feedbackAnswerPath, nil, feedbackAnswerBody{ID: id, Text: text})); err != nil {
		return f, err
	}
	f, ok, err := confirm(ctx, func(ctx context.Context) (models.Feedback, error) { return c.Feedback(ctx, id) },
		func(f models.Feedback) bool { return f.Answer != nil && f.Answer.Text == text })
	if err != nil {
		return f, err
	}
	if !ok {
		return f, fqError(op, api.KindConflict, "Wildberries did not apply the edit to feedback %s (one edit within 60 days is allowed); the old answer stays", id)
	}
	return f, nil
}

// ReturnFeedbackOrder asks Wildberries to take back the goods a feedback is
// about; only feedbacks with isAbleReturnProductOrders allow it. A return
// already requested is reported as success.
func (c *Client) ReturnFeedbackOrder(ctx context.Context, id string) (models.Feedback, error) {
	r := fqRequest(http.MethodPost, "/api/v1/feedbacks/order/return", nil, map[string]string{"feedbackId": id})
	if err := checkID(r.Op, "feedback", id); err != nil {
		return models.Feedback{}, err
	}
	f, err := c.Feedback(ctx, id)
	if err != nil {
		return f, err
	}
	if !f.ReturnProductOrdersDate.IsZero() {
		return f, nil
	}
	if !f.IsAbleReturnProductOrders {
		return f, fqInvalid(r.Op, "Wildberries offers no return for the order of feedback %s", id)
	}
	if _, err := call[json.RawMessage](ctx, c, r); err != nil {
		return f, err
	}
	f, ok, err := confirm(ctx, func(ctx context.Context) (models.Feedback, error) { return c.Feedback(ctx, id) },
		func(f models.Feedback) bool { return !f.ReturnProductOrdersDate.IsZero() })
	if err != nil {
		return f, err
	}
	if !ok {
		return f, fqError(r.Op, api.KindConflict, "Wildberries accepted the return request for feedback %s, but the feedback does not show it; reload it before trying again", id)
	}
	return f, nil
}
