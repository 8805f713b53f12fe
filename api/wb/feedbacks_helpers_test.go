package wb

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// The read-back path waits confirmDelay before its second look; tests that
// provoke an invisible write should not wait the production delay. Set in
// init so no test goroutine can race with it.
func init() { confirmDelay = 20 * time.Millisecond }

// startFQ runs a contract-validated sandbox without rate limits on either
// side: these tests are about behaviour, the rate-limit tests set their own.
func startFQ(t *testing.T, opts sandbox.Options) (*Client, *contract.Harness) {
	t.Helper()
	opts.NoLimits = true
	h := contract.Start(t, opts, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBFeedbacks: {}}
	})
	return New(h.Transport), h
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// wantKind fails unless err is an *api.Error of kind k.
func wantKind(t *testing.T, err error, k api.Kind) *api.Error {
	t.Helper()
	e, ok := api.AsError(err)
	if !ok {
		t.Fatalf("want *api.Error of kind %s, got %v", k, err)
	}
	if e.Kind != k {
		t.Fatalf("want kind %s, got %s: %v", k, e.Kind, e)
	}
	if e.Error() == "" || e.Message == "" {
		t.Fatalf("error without a message: %#v", e)
	}
	return e
}

// findQuestion pages through the list for the first question matching ok.
func findQuestion(t *testing.T, c *Client, answered bool, ok func(models.Question) bool) models.Question {
	t.Helper()
	for skip := 0; skip < MaxQuestionsWindow; skip += 500 {
		p, err := c.Questions(ctxT(t), QuestionsQuery{IsAnswered: answered, Take: 500, Skip: skip})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range p.Questions {
			if ok(q) {
				return q
			}
		}
		if len(p.Questions) < 500 {
			break
		}
	}
	t.Fatalf("no question (answered=%v) matches", answered)
	return models.Question{}
}

// findFeedback pages through the list for the first feedback matching ok.
func findFeedback(t *testing.T, c *Client, answered bool, ok func(models.Feedback) bool) models.Feedback {
	t.Helper()
	for skip := 0; ; skip += 500 {
		p, err := c.Feedbacks(ctxT(t), FeedbacksQuery{IsAnswered: answered, Take: 500, Skip: skip})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.Feedbacks {
			if ok(f) {
				return f
			}
		}
		if len(p.Feedbacks) < 500 {
			break
		}
	}
	t.Fatalf("no feedback (answered=%v) matches", answered)
	return models.Feedback{}
}

func anyItem[T any](T) bool { return true }

// seen is how often the validator saw an operation.
func seen(h *contract.Harness, op string) int { return h.Validator.Seen()[op] }
