package reply_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// transportSender sends through a real transport, so that the outbox sees
// the error exactly as the transport builds it from the server's answer.
type transportSender struct {
	t     *api.Transport
	sends atomic.Int32
}

func (s *transportSender) Send(ctx context.Context, _ reply.Entry) error {
	s.sends.Add(1)
	_, err := s.t.Do(ctx, api.Request{Op: "POST /api/v1/feedbacks/answer", Service: api.ServiceWBFeedbacks, Method: http.MethodPost,
		Path: "/api/v1/feedbacks/answer", JSON: map[string]string{"id": "fb", "text": "спасибо"}, Group: api.GroupWBFeedbacks})
	return err
}

func (s *transportSender) Landed(context.Context, reply.Entry) (bool, error) { return false, nil }

// A server asking to wait 999999999999 s once parked replies "for
// 1076616h"; beyond an hour the reply fails with the reason instead.
func TestReplyFailsWhenTheServerAsksToWaitBeyondAnHour(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Ratelimit-Retry", "999999999999")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	tr, err := api.NewTransport(api.Config{
		BaseURLs: map[api.Service]string{api.ServiceWBFeedbacks: srv.URL},
		Tokens:   map[api.Service]api.Secret{api.ServiceWBFeedbacks: api.NewSecret("wb-token-0000")},
		Sleep:    func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	forBackends(t, func(t *testing.T, b backend) {
		clock := newClock()
		o, _ := testOutbox(t, b, t.TempDir(), clock, nil)
		s := &transportSender{t: tr}
		o.SetSenders("main", allKinds(s))
		e, err := o.Enqueue(answerEntry("fb-far"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := o.Attempt(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != reply.StateFailed || !got.NextAttempt.IsZero() {
			t.Fatalf("state %s, next attempt %v (%s): want failed, not parked", got.State, got.NextAttempt, got.LastError)
		}
		if !strings.Contains(got.LastError, "asked to wait") || !strings.Contains(got.LastError, "longer than 1h0m0s") {
			t.Errorf("the reason is missing: %q", got.LastError)
		}
	})
}
