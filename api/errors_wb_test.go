package api

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// WB's current document answers 402 and 429 as application/problem+json;
// both decode into *Error with the title, detail and request ID, and the 402
// says what the seller must do.
func TestWBProblemJSONErrors(t *testing.T) {
	cases := []struct {
		status int
		body   string
		kind   Kind
		want   []string
	}{
		{402, `{"title":"payment required","detail":"wb solution for business has insufficient funds on its balance. please top up the balance in the company's personal account https://dev.wildberries.ru/company"}`,
			KindPaymentRequired, []string{"no funds left", "top up", "insufficient funds"}},
		{429, `{"title":"too many requests","detail":"limited by c122a060","code":"07e4668e","requestId":"9d3c02cc","origin":"s2s-api-auth-catalog","status":429,"statusText":"Too Many Requests","timestamp":"2024-09-30T06:52:38Z"}`,
			KindRateLimited, []string{"rate limit", "limited by c122a060", "[request 9d3c02cc]"}},
	}
	for _, c := range cases {
		tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(c.status)
			io.WriteString(w, c.body)
		}, func(cfg *Config) { cfg.MaxAttempts = 1 })
		_, err := tr.Do(context.Background(), Request{Op: "getV1Feedbacks", Service: ServiceWBFeedbacks, Method: "GET", Path: "/x", Idempotent: true})
		e, ok := AsError(err)
		if !ok {
			t.Fatalf("%d: want *Error, got %v", c.status, err)
		}
		if e.Kind != c.kind || e.Status != c.status || e.Code != strings.SplitN(c.body, `"`, 5)[3] {
			t.Errorf("%d: kind=%s status=%d code=%q", c.status, e.Kind, e.Status, e.Code)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%d: %q lacks %q", c.status, err.Error(), w)
			}
		}
	}
	if e := (&Error{Marketplace: Wildberries, Kind: KindPaymentRequired, Status: 402}); !strings.Contains(e.Human(), "balance") {
		t.Errorf("402 sentence: %q", e.Human())
	}
}
