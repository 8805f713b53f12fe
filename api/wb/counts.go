package wb

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// CountQuery narrows the questions and feedbacks counters.
type CountQuery struct {
	// IsAnswered counts answered (true) or unanswered (false) items; it is
	// always sent because the service's default is true.
	IsAnswered bool
	// DateFrom and DateTo bound the creation date; zero means open.
	DateFrom, DateTo time.Time
}

func (q CountQuery) values(op string) (url.Values, error) {
	if err := checkPeriod(op, q.DateFrom, q.DateTo); err != nil {
		return nil, err
	}
	v := url.Values{"isAnswered": {strconv.FormatBool(q.IsAnswered)}}
	addPeriod(v, q.DateFrom, q.DateTo)
	return v, nil
}

// NewFeedbacksQuestions reports whether unseen questions or feedbacks wait:
// the cheapest poll for a badge.
func (c *Client) NewFeedbacksQuestions(ctx context.Context) (models.NewFeedbacksQuestions, error) {
	return call[models.NewFeedbacksQuestions](ctx, c, fqRequest(http.MethodGet, "/api/v1/new-feedbacks-questions", nil, nil))
}

// QuestionsCountUnanswered is the number of unanswered questions, in all
// and since midnight.
func (c *Client) QuestionsCountUnanswered(ctx context.Context) (models.UnansweredCount, error) {
	return call[models.UnansweredCount](ctx, c, fqRequest(http.MethodGet, "/api/v1/questions/count-unanswered", nil, nil))
}

// QuestionsCount counts answered or unanswered questions of a period.
func (c *Client) QuestionsCount(ctx context.Context, q CountQuery) (int, error) {
	r := fqRequest(http.MethodGet, "/api/v1/questions/count", nil, nil)
	v, err := q.values(r.Op)
	if err != nil {
		return 0, err
	}
	r.Query = v
	return call[int](ctx, c, r)
}

// FeedbacksCountUnanswered is the number of unprocessed feedbacks, in all
// and since midnight.
func (c *Client) FeedbacksCountUnanswered(ctx context.Context) (models.UnansweredCount, error) {
	return call[models.UnansweredCount](ctx, c, fqRequest(http.MethodGet, "/api/v1/feedbacks/count-unanswered", nil, nil))
}

// FeedbacksCount counts processed or unprocessed feedbacks of a period.
func (c *Client) FeedbacksCount(ctx context.Context, q CountQuery) (int, error) {
	r := fqRequest(http.MethodGet, "/api/v1/feedbacks/count", nil, nil)
	v, err := q.values(r.Op)
	if err != nil {
		return 0, err
	}
	r.Query = v
	return call[int](ctx, c, r)
}
