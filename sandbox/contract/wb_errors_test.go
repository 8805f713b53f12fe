package contract_test

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// A service of WB's business-solutions catalogue with an empty balance gets
// the document's 402 from every category; the validator checks the
// problem+json body and the client names the cause.
func TestWB402IsDocumentedAndDecoded(t *testing.T) {
	h := contract.Start(t, sandbox.Options{NoLimits: true, WBPaymentRequired: true}, func(c *api.Config) { c.MaxAttempts = 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w := wb.New(h.Transport)
	calls := map[string]func() error{
		"feedbacks": func() error { _, err := w.Feedbacks(ctx, wb.FeedbacksQuery{Take: 10}); return err },
		"pins":      func() error { _, err := w.PinsLimits(ctx); return err },
		"chats":     func() error { _, err := w.Chats(ctx); return err },
		"claims":    func() error { _, err := w.AllClaims(ctx, false); return err },
	}
	for name, call := range calls {
		err := call()
		e, ok := api.AsError(err)
		if !ok || e.Kind != api.KindPaymentRequired || e.Status != 402 || e.Code != "payment required" {
			t.Errorf("%s: %#v", name, err)
			continue
		}
		if e.Retryable {
			t.Errorf("%s: a 402 does not heal by retrying", name)
		}
	}
	if len(h.Validator.Seen()) == 0 {
		t.Fatal("nothing reached the validator")
	}
}

// A 429 of the feedbacks category is application/problem+json, as the
// current document says, and the client waits it out.
func TestWB429IsProblemJSON(t *testing.T) {
	h := contract.Start(t, sandbox.Options{Limits: map[api.Group]api.Limit{api.GroupWBFeedbacks: {Per: 100 * time.Millisecond, Burst: 1}}}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBFeedbacks: {}}
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			select {
			case <-time.After(min(d, 150*time.Millisecond)):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w := wb.New(h.Transport)
	for range 2 {
		if _, err := w.FeedbacksCountUnanswered(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := h.Validator.Seen()["getV1FeedbacksCountUnanswered"]; n != 3 {
		t.Errorf("%d requests, want 3 (ok, 429, ok)", n)
	}
}
