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

const questionsPath = "/api/v1/questions"

// QuestionsQuery selects a page of questions.
type QuestionsQuery struct {
	IsAnswered bool
	NmID       int64 // 0: every product
	// Take and Skip page through the list; Take+Skip may not exceed
	// MaxQuestionsWindow (10,000): deeper pages need a narrower period.
	Take, Skip int
	Order      DateOrder // "" is the service's default (newest first)
	// DateFrom and DateTo bound the creation date; zero means open.
	DateFrom, DateTo time.Time
}

func (q QuestionsQuery) values(op string) (url.Values, error) {
	switch {
	case q.Take < 1:
		return nil, fqInvalid(op, "take must be at least 1 (it is %d)", q.Take)
	case q.Skip < 0:
		return nil, fqInvalid(op, "skip cannot be negative (it is %d)", q.Skip)
	case q.Take+q.Skip > MaxQuestionsWindow:
		return nil, fqInvalid(op, "take+skip is %d, but Wildberries returns only the first %d questions of a query; narrow the period with DateFrom/DateTo",
			q.Take+q.Skip, MaxQuestionsWindow)
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

// Questions returns one page of questions with the seller's totals.
func (c *Client) Questions(ctx context.Context, q QuestionsQuery) (models.QuestionsPage, error) {
	r := fqRequest(http.MethodGet, questionsPath, nil, nil)
	v, err := q.values(r.Op)
	if err != nil {
		return models.QuestionsPage{}, err
	}
	r.Query = v
	return call[models.QuestionsPage](ctx, c, r)
}

// Question fetches one question. An unknown ID is a not-found error.
func (c *Client) Question(ctx context.Context, id string) (models.Question, error) {
	r := fqRequest(http.MethodGet, "/api/v1/question", url.Values{"id": {id}}, nil)
	if err := checkID(r.Op, "question", id); err != nil {
		return models.Question{}, err
	}
	q, err := call[models.Question](ctx, c, r)
	return q, notFoundOn422(err, "question", id)
}

type questionAnswerBody struct {
	ID     string `json:"id"`
	Answer struct {
		Text string `json:"text"`
	} `json:"answer"`
	State models.QuestionState `json:"state"`
}

type questionViewedBody struct {
	ID        string `json:"id"`
	WasViewed bool   `json:"wasViewed"`
}

func (c *Client) patchQuestion(ctx context.Context, body any) error {
	_, err := call[json.RawMessage](ctx, c, fqRequest(http.MethodPatch, questionsPath, nil, body))
	return err
}

func answerBody(id, text string, state models.QuestionState) questionAnswerBody {
	b := questionAnswerBody{ID: id, State: state}
	b.Answer.Text = text
	return b
}

// AnswerQuestion publishes an answer and returns the question as read back.
// It first reads the question: the same call would silently edit an answer
// a colleague has already given (spending the one allowed edit), so an
// answered question is a conflict. Repeating a call that already landed
// (after a network error) succeeds without sending again.
func (c *Client) AnswerQuestion(ctx context.Context, id, text string) (models.Question, error) {
	op := opID(http.MethodPatch, questionsPath)
	if err := checkID(op, "question", id); err != nil {
		return models.Question{}, err
	}
	if err := checkAnswerText(op, text); err != nil {
		return models.Question{}, err
	}
	q, err := c.Question(ctx, id)
	if err != nil {
		return q, err
	}
	if q.Answered() {
		if q.State == models.QuestionAnswered && q.Answer != nil && q.Answer.Text == text {
			return q, nil
		}
		if q.State == models.QuestionAnswered {
			return q, answeredError(op, "question %s is already answered (perhaps by a colleague); reload it before answering", id)
		}
		return q, fqError(op, api.KindConflict, "question %s is already %s; reload it before answering", id, q.State.Label())
	}
	if err := c.patchQuestion(ctx, answerBody(id, text, models.QuestionAnswered)); err != nil {
		return q, err
	}
	return c.confirmQuestion(ctx, op, id, "the answer", func(q models.Question) bool {
		return q.State == models.QuestionAnswered && q.Answer != nil && q.Answer.Text == text
	})
}

// EditQuestionAnswer replaces an answer; Wildberries allows one edit within
// 60 days of answering, which the question's answer.editable reports.
func (c *Client) EditQuestionAnswer(ctx context.Context, id, text string) (models.Question, error) {
	op := opID(http.MethodPatch, questionsPath)
	if err := checkID(op, "question", id); err != nil {
		return models.Question{}, err
	}
	if err := checkAnswerText(op, text); err != nil {
		return models.Question{}, err
	}
	q, err := c.Question(ctx, id)
	if err != nil {
		return q, err
	}
	switch {
	case q.State != models.QuestionAnswered || q.Answer == nil:
		return q, fqInvalid(op, "question %s has no published answer to edit (it is %s)", id, q.State.Label())
	case q.Answer.Text == text:
		return q, nil
	case !q.Answer.Editable:
		return q, fqInvalid(op, "the answer to question %s can no longer be edited: Wildberries allows one edit within 60 days", id)
	}
	if err := c.patchQuestion(ctx, answerBody(id, text, models.QuestionAnswered)); err != nil {
		return q, err
	}
	return c.confirmQuestion(ctx, op, id, "the edited answer", func(q models.Question) bool {
		return q.Answer != nil && q.Answer.Text == text
	})
}

// RejectQuestion hides a new question from buyers; text is the reason,
// with the same 2..5000 characters as an answer.
func (c *Client) RejectQuestion(ctx context.Context, id, text string) (models.Question, error) {
	op := opID(http.MethodPatch, questionsPath)
	if err := checkID(op, "question", id); err != nil {
		return models.Question{}, err
	}
	if err := checkAnswerText(op, text); err != nil {
		return models.Question{}, err
	}
	q, err := c.Question(ctx, id)
	if err != nil {
		return q, err
	}
	if q.State == models.QuestionRejected {
		return q, nil
	}
	if q.Answered() {
		return q, fqError(op, api.KindConflict, "question %s is already %s and can no longer be rejected", id, q.State.Label())
	}
	if err := c.patchQuestion(ctx, answerBody(id, text, models.QuestionRejected)); err != nil {
		return q, err
	}
	return c.confirmQuestion(ctx, op, id, "the rejection", func(q models.Question) bool {
		return q.State == models.QuestionRejected
	})
}

// MarkQuestionViewed marks a question as seen, as opening it on the portal
// does.
func (c *Client) MarkQuestionViewed(ctx context.Context, id string) (models.Question, error) {
	op := opID(http.MethodPatch, questionsPath)
	if err := checkID(op, "question", id); err != nil {
		return models.Question{}, err
	}
	if err := c.patchQuestion(ctx, questionViewedBody{ID: id, WasViewed: true}); err != nil {
		return models.Question{}, err
	}
	return c.confirmQuestion(ctx, op, id, "the viewed mark", func(q models.Question) bool { return q.WasViewed })
}

func (c *Client) confirmQuestion(ctx context.Context, op, id, what string, visible func(models.Question) bool) (models.Question, error) {
	q, ok, err := confirm(ctx, func(ctx context.Context) (models.Question, error) { return c.Question(ctx, id) }, visible)
	if err != nil {
		return q, err
	}
	if !ok {
		return q, fqError(op, api.KindConflict, "Wildberries accepted %s for question %s, but the question does not show it; reload it before trying again", what, id)
	}
	return q, nil
}
