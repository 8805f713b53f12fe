package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

func wbGet(s *Server, target string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	req.Header.Set("Authorization", WBToken)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// A standard token gets the documented burst of 6 for questions and
// feedbacks; a basic token gets one request, announces the limit of 1 and
// asks for 12 minutes before the burst is whole again. A client holding a
// basic token to the standard table therefore meets 429s.
func TestBasicTokenLimits(t *testing.T) {
	const target = "/api/v1/questions/count-unanswered"
	personal := New(Options{Now: func() time.Time { return ymTestNow }})
	for i := range 6 {
		rec := wbGet(personal, target)
		if rec.Code != 200 || rec.Header().Get("X-Ratelimit-Limit") != "6" {
			t.Fatalf("standard token, call %d: %d, X-Ratelimit-Limit %q", i+1, rec.Code, rec.Header().Get("X-Ratelimit-Limit"))
		}
	}
	if rec := wbGet(personal, target); rec.Code != http.StatusTooManyRequests {
		t.Errorf("standard token, 7th call at once: %d, want 429", rec.Code)
	}

	basic := New(Options{WBToken: TokenBasic, Now: func() time.Time { return ymTestNow }})
	rec := wbGet(basic, target)
	if rec.Code != 200 || rec.Header().Get("X-Ratelimit-Limit") != "1" || rec.Header().Get("X-Ratelimit-Remaining") != "0" {
		t.Fatalf("basic token, first call: %d %v", rec.Code, rec.Header())
	}
	rec = wbGet(basic, target)
	reset, _ := strconv.Atoi(rec.Header().Get("X-Ratelimit-Reset"))
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("X-Ratelimit-Limit") != "1" || reset < 700 || reset > 720 {
		t.Errorf("basic token, second call at once: %d %v; want 429 with a 12-minute reset", rec.Code, rec.Header())
	}
	// Chats and claims: one request per hour.
	for _, g := range []api.Group{api.GroupWBChat, api.GroupWBReturns} {
		if l := limitsFor(TokenBasic)[g]; l.Burst != 1 || l.Per != time.Hour {
			t.Errorf("basic %s: %+v", g, l)
		}
	}
	// Yandex Market has no token types.
	if limitsFor(TokenBasic)[api.GroupYMReturns] != limitsFor(TokenPersonal)[api.GroupYMReturns] {
		t.Error("the basic WB mode changed a YM limit")
	}
}
