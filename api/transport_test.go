package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testToken = "tok-SECRET-1234567890-abcd"

// fakeSleeps records what the transport asked to sleep instead of sleeping.
type fakeSleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (f *fakeSleeps) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.d = append(f.d, d)
	f.mu.Unlock()
	return ctx.Err()
}

func (f *fakeSleeps) all() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.d...)
}

func newTestTransport(t *testing.T, h http.HandlerFunc, tweak func(*Config)) (*Transport, *fakeSleeps) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	fs := &fakeSleeps{}
	c := Config{
		BaseURLs: map[Service]string{ServiceYM: srv.URL, ServiceWBFeedbacks: srv.URL, ServiceWBChat: srv.URL, ServiceWBReturns: srv.URL},
		Tokens: map[Service]Secret{
			ServiceYM: NewSecret(testToken), ServiceWBFeedbacks: NewSecret(testToken),
			ServiceWBChat: NewSecret(testToken), ServiceWBReturns: NewSecret(testToken),
		},
		Sleep: fs.sleep,
	}
	if tweak != nil {
		tweak(&c)
	}
	tr, err := NewTransport(c)
	if err != nil {
		t.Fatal(err)
	}
	return tr, fs
}

func TestAuthHeaders(t *testing.T) {
	var got http.Header
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(204)
	}, nil)
	cases := []struct {
		svc          Service
		header, none string
	}{
		{ServiceYM, "Api-Key", "Authorization"},
		{ServiceWBFeedbacks, "Authorization", "Api-Key"},
		{ServiceWBChat, "Authorization", "Api-Key"},
		{ServiceWBReturns, "Authorization", "Api-Key"},
	}
	for _, c := range cases {
		if _, err := tr.Do(context.Background(), Request{Service: c.svc, Method: "GET", Path: "/x", Idempotent: true}); err != nil {
			t.Fatalf("%s: %v", c.svc, err)
		}
		if got.Get(c.header) != testToken || got.Get(c.none) != "" {
			t.Errorf("%s: headers %v", c.svc, got)
		}
	}
}

func TestErrorsAreHumanAndScrubbed(t *testing.T) {
	cases := []struct {
		name    string
		svc     Service
		status  int
		body    string
		kind    Kind
		want    []string // substrings of Error()
		retry   bool
		reqID   string
		errCode string
	}{
		{"wb 401 names category", ServiceWBChat, 401,
			`{"title":"unauthorized","detail":"token problem; token ` + testToken + ` is malformed","requestId":"r-1","origin":"s2s","status":401}`,
			KindAuth, []string{`"Buyer chat"`, "sellerinbox login wb", "…abcd"}, false, "r-1", "unauthorized"},
		{"wb 403 lacks category", ServiceWBReturns, 403, `{"title":"forbidden","detail":"scope","status":403}`,
			KindForbidden, []string{`lacks the "Buyer returns" category`}, false, "", "forbidden"},
		{"ym 401", ServiceYM, 401, `{"status":"ERROR","errors":[{"code":"UNAUTHORIZED","message":"bad key"}]}`,
			KindAuth, []string{"Api-Key", "bad key"}, false, "", "UNAUTHORIZED"},
		{"wb envelope 400", ServiceWBFeedbacks, 400, `{"data":null,"error":true,"errorText":"Текст слишком короткий","additionalErrors":["text"]}`,
			KindValidation, []string{"refused the request as invalid", "Текст слишком короткий; text"}, false, "", ""},
		{"ym 404", ServiceYM, 404, `{"status":"ERROR","errors":[{"code":"NOT_FOUND","message":"Return not found"}]}`,
			KindNotFound, []string{"not found", "Return not found"}, false, "", "NOT_FOUND"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(c.status)
				io.WriteString(w, c.body)
			}, nil)
			_, err := tr.Do(context.Background(), Request{Op: "op", Service: c.svc, Method: "GET", Path: "/x", Idempotent: true})
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.Kind != c.kind || e.Status != c.status || e.Retryable != c.retry {
				t.Errorf("kind=%s status=%d retry=%v", e.Kind, e.Status, e.Retryable)
			}
			if e.RequestID != c.reqID || e.Code != c.errCode {
				t.Errorf("requestID=%q code=%q", e.RequestID, e.Code)
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not contain %q", msg, w)
				}
			}
			if strings.Contains(msg, testToken) || strings.Contains(fmt.Sprintf("%+v %#v", e, e), testToken) {
				t.Errorf("token leaked: %s", msg)
			}
		})
	}
}

func TestRateLimitIsWaitedOutAndRetried(t *testing.T) {
	var calls atomic.Int32
	tr, fs := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("X-Ratelimit-Retry", "7")
			w.Header().Set("X-Ratelimit-Limit", "6")
			w.Header().Set("X-Ratelimit-Reset", "9")
			w.WriteHeader(429)
			io.WriteString(w, `{"title":"too many requests","status":429}`)
			return
		}
		w.Header().Set("X-Ratelimit-Remaining", "5")
		w.Header().Set("X-Ratelimit-Limit", "6")
		io.WriteString(w, `{"ok":true}`)
	}, nil)
	var out struct{ OK bool }
	// A write: 429 means the server did not act, so even POST is retried.
	err := tr.JSON(context.Background(), Request{Service: ServiceWBFeedbacks, Method: "POST", Path: "/x", Group: GroupWBFeedbacks, JSON: map[string]string{"a": "b"}}, &out)
	if err != nil || !out.OK {
		t.Fatalf("err=%v out=%v", err, out)
	}
	if calls.Load() != 2 {
		t.Errorf("calls = %d", calls.Load())
	}
	waited := false
	for _, d := range fs.all() {
		if d > 6*time.Second && d <= 7*time.Second {
			waited = true
		}
	}
	if !waited {
		t.Errorf("did not wait out X-Ratelimit-Retry: sleeps %v", fs.all())
	}
	var b Budget
	for _, x := range tr.Budgets() {
		if x.Group == GroupWBFeedbacks {
			b = x
		}
	}
	if b.Remaining != 5 || b.Limit != 6 {
		t.Errorf("budget %+v", b)
	}
}

func TestRetryPolicy(t *testing.T) {
	cases := []struct {
		name       string
		method     string
		idempotent bool
		status     int
		wantCalls  int32
		unknown    bool
	}{
		{"GET 503 retried to the bound", "GET", true, 503, 4, false},
		{"POST 500 not retried, outcome unknown", "POST", false, 500, 1, true},
		{"GET 400 not retried", "GET", true, 400, 1, false},
		{"YM 420 retried", "POST", false, 420, 4, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var calls atomic.Int32
			tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.WriteHeader(c.status)
			}, nil)
			svc := ServiceWBFeedbacks
			if c.status == 420 {
				svc = ServiceYM
			}
			_, err := tr.Do(context.Background(), Request{Service: svc, Method: c.method, Path: "/x", Idempotent: c.idempotent})
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("err %v", err)
			}
			if calls.Load() != c.wantCalls || e.Unknown != c.unknown {
				t.Errorf("calls=%d unknown=%v", calls.Load(), e.Unknown)
			}
		})
	}
}

func TestNetworkErrorAndCancel(t *testing.T) {
	tr, err := NewTransport(Config{
		BaseURLs: map[Service]string{ServiceWBChat: "http://127.0.0.1:1"},
		Tokens:   map[Service]Secret{ServiceWBChat: NewSecret(testToken)},
		Sleep:    func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tr.Do(context.Background(), Request{Service: ServiceWBChat, Method: "GET", Path: "/x", Idempotent: true})
	if !IsKind(err, KindNetwork) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = tr.Do(ctx, Request{Service: ServiceWBChat, Method: "GET", Path: "/x", Idempotent: true, Group: GroupWBChat})
	if !IsKind(err, KindCanceled) {
		t.Errorf("got %v", err)
	}
}

func TestMissingTokenIsAuthError(t *testing.T) {
	tr, err := NewTransport(Config{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tr.Do(context.Background(), Request{Service: ServiceWBChat, Method: "GET", Path: "/x"})
	if !IsKind(err, KindAuth) || !strings.Contains(err.Error(), "Buyer chat") {
		t.Errorf("got %v", err)
	}
}

func TestBadBaseURL(t *testing.T) {
	_, err := NewTransport(Config{BaseURLs: map[Service]string{ServiceYM: "ftp://x"}})
	if err == nil || !strings.Contains(err.Error(), "SELLERINBOX_YM_URL") {
		t.Errorf("got %v", err)
	}
}

func TestParallelCap(t *testing.T) {
	var inflight, peak atomic.Int32
	release := make(chan struct{})
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		n := inflight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release
		inflight.Add(-1)
		w.WriteHeader(204)
	}, nil)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = tr.Do(context.Background(), Request{Service: ServiceYM, Method: "GET", Path: "/x", ParallelKey: "campaign:1", Idempotent: true})
		}()
	}
	time.Sleep(200 * time.Millisecond)
	close(release)
	wg.Wait()
	if peak.Load() > YMParallel {
		t.Errorf("peak in flight %d > %d", peak.Load(), YMParallel)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	s := NewSecret(testToken)
	outs := []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q", s, s, s, s, s)}
	b, _ := json.Marshal(struct{ T Secret }{s})
	outs = append(outs, string(b))
	for _, o := range outs {
		if strings.Contains(o, testToken) {
			t.Errorf("leaked: %s", o)
		}
	}
	if s.Mask() != "…abcd" || NewSecret("").Mask() != "(none)" || NewSecret("short").Mask() != "…" {
		t.Errorf("masks: %s", s.Mask())
	}
}

func TestRetryAfterHeaders(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		h    map[string]string
		want time.Duration
	}{
		{map[string]string{"X-Ratelimit-Retry": "3"}, 3 * time.Second},
		{map[string]string{"Retry-After": "5"}, 5 * time.Second},
		{map[string]string{"Retry-After": now.Add(8 * time.Second).Format(http.TimeFormat)}, 8 * time.Second},
		{map[string]string{"X-Ratelimit-Reset": "2"}, 2 * time.Second},
		// YM documents an RFC 822 date; RFC 3339 is still read.
		{map[string]string{"X-RateLimit-Resource-Until": now.Add(time.Minute).Format(http.TimeFormat)}, time.Minute},
		{map[string]string{"X-RateLimit-Resource-Until": "Thu, 01 Jan 2026 00:02:00 GMT"}, 2 * time.Minute},
		{map[string]string{"X-RateLimit-Resource-Until": now.Add(time.Minute).Format(time.RFC3339)}, time.Minute},
		{map[string]string{"X-Ratelimit-Retry": "999999999999"}, math.MaxInt64},
		{map[string]string{}, 0},
	}
	for _, c := range cases {
		h := http.Header{}
		for k, v := range c.h {
			h.Set(k, v)
		}
		if got, _ := retryAfter(h, now); got != c.want {
			t.Errorf("%v: got %v want %v", c.h, got, c.want)
		}
	}
}

func TestBackoffBounded(t *testing.T) {
	for a := 1; a < 20; a++ {
		d := backoff(a)
		if d <= 0 || d > 10*time.Second {
			t.Fatalf("attempt %d: %v", a, d)
		}
	}
}

func TestReadEnv(t *testing.T) {
	env := map[string]string{"SELLERINBOX_YM_URL": "http://127.0.0.1:9", EnvYMCampaign: "1000", EnvWBToken: "w"}
	e, err := ReadEnv(func(k string) string { return env[k] })
	if err != nil || e.YMCampaign != 1000 || e.BaseURLs[ServiceYM] != "http://127.0.0.1:9" || len(e.WBTokens) != 1 || e.WBTokens[0].Reveal() != "w" {
		t.Fatalf("%+v %v", e, err)
	}
	env[EnvYMCampaign] = "abc"
	if _, err := ReadEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "not a campaign ID") {
		t.Errorf("got %v", err)
	}
}

func TestFetchURLSendsNoToken(t *testing.T) {
	var hdr http.Header
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		hdr = r.Header.Clone()
		if r.URL.Path == "/big" {
			w.Write(make([]byte, 2048))
			return
		}
		if r.URL.Path == "/gone" {
			w.WriteHeader(404)
			return
		}
		w.Header().Set("Content-Type", "image/webp")
		io.WriteString(w, "RIFF....WEBP")
	}, nil)
	base := tr.BaseURL(ServiceWBReturns)
	resp, err := tr.FetchURL(context.Background(), base+"/p.webp", 0)
	if err != nil || resp.ContentType() != "image/webp" {
		t.Fatalf("%v %v", resp, err)
	}
	if hdr.Get("Authorization") != "" || hdr.Get("Api-Key") != "" {
		t.Errorf("token sent to a CDN: %v", hdr)
	}
	if _, err := tr.FetchURL(context.Background(), base+"/big", 1024); !IsKind(err, KindTooLarge) {
		t.Errorf("size limit: %v", err)
	}
	if _, err := tr.FetchURL(context.Background(), base+"/gone", 0); !IsKind(err, KindNotFound) {
		t.Errorf("404: %v", err)
	}
	for _, bad := range []string{"file:///etc/passwd", "//host/x", "javascript:alert(1)"} {
		if _, err := tr.FetchURL(context.Background(), bad, 0); !IsKind(err, KindValidation) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
