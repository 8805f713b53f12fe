package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder is the "other host" of a redirect: it counts what reached it.
type recorder struct {
	srv   *httptest.Server
	calls atomic.Int32
	mu    sync.Mutex
	auth  []string
}

func newRecorder(t *testing.T) *recorder {
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.calls.Add(1)
		rec.mu.Lock()
		rec.auth = append(rec.auth, r.Header.Get("Api-Key")+r.Header.Get("Authorization"))
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"evil":true}`)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func TestAPIRedirectIsRefusedAndNothingFollows(t *testing.T) {
	other := newRecorder(t)
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, svc := range []Service{ServiceYM, ServiceWBChat, ServiceWBFeedbacks} {
			for _, method := range []string{"GET", "POST"} {
				var calls atomic.Int32
				tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
					calls.Add(1)
					http.Redirect(w, r, other.srv.URL+"/steal", code)
				}, nil)
				req := Request{Op: "op", Service: svc, Method: method, Path: "/x", Idempotent: method == "GET", Group: GroupWBFeedbacks}
				if method == "POST" {
					req.JSON = map[string]string{"text": "answer"}
				}
				var out struct {
					Data []int `json:"data"`
				}
				err := tr.JSON(context.Background(), req, &out)
				e, ok := AsError(err)
				if !ok || e.Kind != KindRedirect || e.Status != code || e.Retryable {
					t.Fatalf("%d %s %s: want a redirect error, got %v", code, svc, method, err)
				}
				if !strings.Contains(err.Error(), other.srv.URL+"/steal") {
					t.Errorf("the error does not name the Location: %v", err)
				}
				if calls.Load() != 1 {
					t.Errorf("%d %s %s: the API got %d calls, want 1 (no retry)", code, svc, method, calls.Load())
				}
			}
		}
	}
	if n := other.calls.Load(); n != 0 {
		t.Fatalf("the other host received %d requests (headers %q)", n, other.auth)
	}
}

func TestFetchURLFollowsHTTPRedirectsWithoutToken(t *testing.T) {
	cdn := newRecorder(t)
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-cdn":
			http.Redirect(w, r, cdn.srv.URL+"/p.webp", http.StatusFound)
		case "/to-file":
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusFound)
		case "/to-ftp":
			w.Header().Set("Location", "ftp://example.invalid/x")
			w.WriteHeader(http.StatusTemporaryRedirect)
		}
	}, nil)
	base := tr.BaseURL(ServiceWBReturns)
	if _, err := tr.FetchURL(context.Background(), base+"/to-cdn", 0); err != nil {
		t.Fatalf("http redirect: %v", err)
	}
	if cdn.calls.Load() != 1 || cdn.auth[0] != "" {
		t.Errorf("cdn calls %d, credentials %q", cdn.calls.Load(), cdn.auth)
	}
	for _, p := range []string{"/to-file", "/to-ftp"} {
		_, err := tr.FetchURL(context.Background(), base+p, 0)
		if e, ok := AsError(err); !ok || e.Kind != KindRedirect || e.Location == "" {
			t.Errorf("%s: want a refused redirect, got %v", p, err)
		}
	}
}

func TestForeignBodyIsDecodeError(t *testing.T) {
	var body atomic.Value
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, body.Load().(string))
	}, nil)
	type page struct {
		Data struct {
			Feedbacks []string `json:"feedbacks"`
		} `json:"data"`
		Error bool `json:"error"`
	}
	for _, b := range []string{`{"evil":true}`, `null`, ``, `[]`, `"x"`, `{}`} {
		body.Store(b)
		var out page
		err := tr.JSON(context.Background(), Request{Op: "op", Service: ServiceWBFeedbacks, Method: "GET", Path: "/x", Idempotent: true}, &out)
		if !IsKind(err, KindDecode) {
			t.Errorf("%q: want a decode error, got %v", b, err)
		}
	}
	body.Store(`{"data":{"feedbacks":[]},"error":false}`)
	var out page
	if err := tr.JSON(context.Background(), Request{Op: "op", Service: ServiceWBFeedbacks, Method: "GET", Path: "/x", Idempotent: true}, &out); err != nil {
		t.Errorf("a real envelope: %v", err)
	}
	var list []int
	body.Store(`{"evil":true}`)
	if err := tr.JSON(context.Background(), Request{Op: "op", Service: ServiceWBChat, Method: "GET", Path: "/x", Idempotent: true}, &list); !IsKind(err, KindDecode) {
		t.Errorf("an object where an array is expected: %v", err)
	}
}

// hostile is server text that retitles the terminal (OSC 0), writes the
// clipboard (OSC 52, with BEL and with ST), clears the screen (CSI and
// C1 CSI) and reverses the line (U+202E).
const hostile = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b]52;c;ZXZpbA==\x1b\\\x1b[2J\x1b[H\u009b2J\u009d0;t\u0007\u202egnp.exe\u200b"

func noControls(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s carries %U: %q", what, r, s)
			return
		}
	}
	if strings.Contains(s, "ZXZpbA") || strings.Contains(s, "pwned") {
		t.Errorf("%s shows an escape sequence's payload: %q", what, s)
	}
}

func TestServerTextIsInert(t *testing.T) {
	cases := []struct {
		svc  Service
		body string
	}{
		{ServiceWBChat, `{"title":"` + jsonEsc(hostile) + `","detail":"` + jsonEsc(hostile) + `","requestId":"` + jsonEsc(hostile) + `","status":401}`},
		{ServiceWBFeedbacks, `{"data":null,"error":true,"errorText":"` + jsonEsc(hostile) + `","additionalErrors":["` + jsonEsc(hostile) + `"]}`},
		{ServiceWBReturns, `{"errors":[{"message":"` + jsonEsc(hostile) + `"}],"message":"` + jsonEsc(hostile) + `"}`},
		{ServiceYM, `{"status":"ERROR","errors":[{"code":"` + jsonEsc(hostile) + `","message":"` + jsonEsc(hostile) + `"}]}`},
	}
	for _, c := range cases {
		tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", "\u009b2J\u202eid")
			w.Header().Set("X-Market-Request-Id", "\u009b2J\u202eid")
			w.WriteHeader(401)
			io.WriteString(w, c.body)
		}, nil)
		_, err := tr.Do(context.Background(), Request{Op: "op", Service: c.svc, Method: "GET", Path: "/x", Idempotent: true})
		e, ok := AsError(err)
		if !ok || e.Kind != KindAuth {
			t.Fatalf("%s: %v", c.svc, err)
		}
		noControls(t, string(c.svc)+" Error()", err.Error())
		noControls(t, string(c.svc)+" Human()", e.Human())
		for _, f := range []string{e.Code, e.Message, e.RequestID} {
			noControls(t, string(c.svc)+" field", f)
		}
		if !strings.Contains(e.Message, "gnp.exe") {
			t.Errorf("%s: the readable text went too: %q", c.svc, e.Message)
		}
	}
	// Errors built by the clients from a 2xx answer's text are inert when
	// printed too.
	e := &Error{Marketplace: Wildberries, Kind: KindValidation, Status: 200, Message: hostile, RequestID: hostile}
	noControls(t, "built error", e.Error())
}

// jsonEsc writes s as the inside of a JSON string, with every control
// and format character as a \u escape, as a server would send it.
func jsonEsc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r > 0x2000:
			b.WriteString(`\u` + hex4(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hex4(r rune) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[r>>12&0xf], digits[r>>8&0xf], digits[r>>4&0xf], digits[r&0xf]})
}

func TestWBErrorsOfAnyShapeKeepTitleDetailAndRequestID(t *testing.T) {
	bodies := map[string]string{
		"objects": `{"title":"Bad Request","detail":"text too short","requestId":"req-7","status":400,"errors":[{"field":"text","message":"min 2"}]}`,
		"string":  `{"title":"Bad Request","detail":"text too short","requestId":"req-7","status":400,"errors":"min 2"}`,
		"object":  `{"title":"Bad Request","detail":"text too short","requestId":"req-7","status":400,"errors":{"message":"min 2"}}`,
		"numbers": `{"title":"Bad Request","detail":"text too short","requestId":"req-7","status":400,"errors":[1,2],"additionalErrors":{"x":1}}`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(400)
				io.WriteString(w, body)
			}, nil)
			_, err := tr.Do(context.Background(), Request{Op: "op", Service: ServiceWBFeedbacks, Method: "GET", Path: "/x", Idempotent: true})
			e, ok := AsError(err)
			if !ok {
				t.Fatal(err)
			}
			if e.Code != "Bad Request" || e.RequestID != "req-7" || !strings.Contains(e.Message, "text too short") {
				t.Errorf("code=%q requestID=%q message=%q", e.Code, e.RequestID, e.Message)
			}
			if name != "numbers" && !strings.Contains(e.Message, "min 2") {
				t.Errorf("errors[] text lost: %q", e.Message)
			}
		})
	}
}

func TestPinForbiddenSaysWhatIsMissing(t *testing.T) {
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(403)
		// The spec's example answer of postFeedbacksV1Pins.
		io.WriteString(w, `{"origin":"pin-open-api","requestId":"r-9","status":403,"title":"no active subscription or tariff","detail":"this feature requires active subscription or active tariff"}`)
	}, nil)
	for _, op := range []string{"POST /api/feedbacks/v1/pins", "postFeedbacksV1Pins"} {
		_, err := tr.Do(context.Background(), Request{Op: op, Service: ServiceWBFeedbacks, Method: "POST", Path: "/api/feedbacks/v1/pins", JSON: []int{}})
		e, ok := AsError(err)
		if !ok || e.Kind != KindForbidden {
			t.Fatalf("%v", err)
		}
		h := e.Human()
		if strings.Contains(h, "lacks") || !strings.Contains(h, "Jam subscription") || !strings.Contains(h, "tariff option") {
			t.Errorf("%s: %q", op, h)
		}
	}
	// Any other 403 still points at the token's categories.
	e := &Error{Marketplace: Wildberries, Service: ServiceWBFeedbacks, Op: "GET /api/v1/questions", Kind: KindForbidden, Code: "forbidden"}
	if !strings.Contains(e.Human(), "lacks") {
		t.Errorf("%q", e.Human())
	}
}

func TestResponseTooLargeIsItsOwnKindAndNotRetried(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(make([]byte, 2<<20))
	zw.Close()
	cases := map[string]struct {
		handler  http.HandlerFunc
		maxBytes int64
	}{
		"endless stream": {func(w http.ResponseWriter, r *http.Request) {
			chunk := bytes.Repeat([]byte(" "), 64<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, 0},
		// 2 MB of zeros in a few KB of gzip, against a 1 MB limit.
		"gzip bomb": {func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/json")
			w.Write(gz.Bytes())
		}, 1 << 20},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var calls atomic.Int32
			tr, fs := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				c.handler(w, r)
			}, nil)
			_, err := tr.Do(context.Background(), Request{Op: "op", Service: ServiceWBChat, Method: "GET", Path: "/x", Idempotent: true, MaxBytes: c.maxBytes})
			e, ok := AsError(err)
			if !ok || e.Kind != KindTooLarge || e.Retryable {
				t.Fatalf("want a too-large error, got %v", err)
			}
			if strings.Contains(err.Error(), "cannot reach") || strings.Contains(err.Error(), "network") {
				t.Errorf("worded as a network problem: %v", err)
			}
			if calls.Load() != 1 || len(fs.all()) != 0 {
				t.Errorf("calls %d, sleeps %v: a too-large answer must not be retried", calls.Load(), fs.all())
			}
		})
	}
}

func TestTrickleFailsWithinTheAttemptDeadline(t *testing.T) {
	var calls atomic.Int32
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		for r.Context().Err() == nil {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	}, func(c *Config) {
		c.RequestTimeout = 150 * time.Millisecond
		c.MaxAttempts = 2
	})
	start := time.Now()
	_, err := tr.Do(context.Background(), Request{Op: "op", Service: ServiceWBChat, Method: "GET", Path: "/x", Idempotent: true})
	took := time.Since(start)
	if !IsKind(err, KindNetwork) || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("want a timeout, got %v", err)
	}
	// Two attempts of 150 ms each; the bound is generous for a loaded
	// machine but far below what the trickle would take to finish (never).
	if took > 10*time.Second || calls.Load() != 2 {
		t.Errorf("took %v over %d calls", took, calls.Load())
	}
}

func TestDownloadsGetADeadlineSizedToTheirLimit(t *testing.T) {
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		// A slow but steady file: longer than a plain request may take.
		time.Sleep(400 * time.Millisecond)
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte("\xff\xd8\xff photo"))
	}, func(c *Config) {
		c.RequestTimeout = 100 * time.Millisecond
		c.MinThroughput = 256 << 10 // 1 MB limit: 4 s more
		c.MaxAttempts = 1
	})
	plain := Request{Op: "getReturnPhoto", Service: ServiceYM, Method: "GET", Path: "/photo", Idempotent: true}
	if _, err := tr.Do(context.Background(), plain); !IsKind(err, KindNetwork) {
		t.Fatalf("a plain request should time out at 100 ms: %v", err)
	}
	dl := plain
	dl.MaxBytes = 1 << 20
	if _, err := tr.Do(context.Background(), dl); err != nil {
		t.Fatalf("the download should have its own deadline: %v", err)
	}
	if _, err := tr.FetchURL(context.Background(), tr.BaseURL(ServiceWBReturns)+"/photo", 1<<20); err != nil {
		t.Fatalf("a CDN download should have its own deadline: %v", err)
	}
	// The defaults: a 50 MB YM photo gets a minute plus 50 MB at 128 KiB/s.
	def, _ := newTestTransport(t, func(http.ResponseWriter, *http.Request) {}, nil)
	if got, want := def.attemptTimeout(50<<20), 60*time.Second+400*time.Second; got != want {
		t.Errorf("50 MB download deadline %v, want %v", got, want)
	}
	if got := def.attemptTimeout(0); got != 60*time.Second {
		t.Errorf("plain request deadline %v", got)
	}
}

func TestServerWaitsBeyondAnHourFailWithTheReason(t *testing.T) {
	cases := []struct {
		name, method string
		status       int
		header       string
	}{
		{"503 X-Ratelimit-Retry", "GET", 503, "X-Ratelimit-Retry"},
		{"429 X-Ratelimit-Retry on a write", "POST", 429, "X-Ratelimit-Retry"},
		{"503 Retry-After", "GET", 503, "Retry-After"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var calls atomic.Int32
			tr, fs := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.Header().Set(c.header, "999999999999")
				w.WriteHeader(c.status)
			}, nil)
			_, err := tr.Do(context.Background(), Request{Op: "op", Service: ServiceWBFeedbacks, Method: c.method, Path: "/x",
				Idempotent: c.method == "GET", Group: GroupWBFeedbacks})
			e, ok := AsError(err)
			if !ok || e.Kind != KindWaitTooLong || e.Retryable {
				t.Fatalf("want a wait-too-long failure, got %v", err)
			}
			if e.RetryAfter <= MaxRetryDelay {
				t.Errorf("RetryAfter %v overflowed", e.RetryAfter)
			}
			if !strings.Contains(err.Error(), "longer than 1h0m0s") {
				t.Errorf("the reason is not given: %v", err)
			}
			if calls.Load() != 1 {
				t.Errorf("%d calls", calls.Load())
			}
			for _, d := range fs.all() {
				if d > time.Minute {
					t.Errorf("slept %v", d)
				}
			}
		})
	}
}

func TestYM420WaitsForTheRFC822ResetOrFailsShowingIt(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	var served atomic.Int32
	var tr *Transport
	run := func(t *testing.T, reset time.Time) (*Error, int32, []time.Duration) {
		served.Store(0)
		var fs *fakeSleeps
		tr, fs = newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
			if served.Add(1) == 1 {
				w.Header().Set("X-RateLimit-Resource-Until", reset.Format(http.TimeFormat))
				w.WriteHeader(420)
				io.WriteString(w, `{"status":"ERROR","errors":[{"code":"LIMIT_EXCEEDED","message":"Hit rate limit"}]}`)
				return
			}
			io.WriteString(w, `{"status":"OK","result":{}}`)
		}, func(c *Config) { c.Now = func() time.Time { return now } })
		_, err := tr.Do(context.Background(), Request{Op: "getReturns", Service: ServiceYM, Method: "GET", Path: "/x", Idempotent: true, Group: GroupYMReturns})
		e, _ := AsError(err)
		if err != nil && e == nil {
			t.Fatal(err)
		}
		return e, served.Load(), fs.all()
	}
	t.Run("within the wait budget", func(t *testing.T) {
		e, calls, sleeps := run(t, now.Add(40*time.Second))
		if e != nil || calls != 2 {
			t.Fatalf("err %v after %d calls", e, calls)
		}
		if len(sleeps) != 1 || sleeps[0] != 40*time.Second {
			t.Errorf("sleeps %v, want one wait of 40s until the reset", sleeps)
		}
	})
	t.Run("beyond the wait budget", func(t *testing.T) {
		reset := now.Add(25 * time.Minute)
		e, calls, sleeps := run(t, reset)
		if e == nil || e.Kind != KindRateLimited || calls != 1 || len(sleeps) != 0 {
			t.Fatalf("want one call and an immediate rate-limit error, got %v after %d calls, sleeps %v", e, calls, sleeps)
		}
		if !e.ResetAt.Equal(reset) || e.RetryAfter != 25*time.Minute || !e.Retryable {
			t.Errorf("reset %v, retry after %v, retryable %v", e.ResetAt, e.RetryAfter, e.Retryable)
		}
		if shown := reset.Local().Format("15:04:05"); !strings.Contains(e.Error(), shown) {
			t.Errorf("the reset time %s is not shown: %v", shown, e)
		}
		// Until the reset, the group's requests fail at once without
		// reaching the server (each would count against the limit).
		_, err := tr.Do(context.Background(), Request{Op: "getReturns", Service: ServiceYM, Method: "GET", Path: "/x", Idempotent: true, Group: GroupYMReturns})
		e2, ok := AsError(err)
		if !ok || e2.Kind != KindRateLimited || !e2.ResetAt.Equal(reset) || served.Load() != 1 {
			t.Errorf("second request: %v after %d calls", err, served.Load())
		}
	})
	t.Run("beyond an hour", func(t *testing.T) {
		e, calls, _ := run(t, now.Add(3*time.Hour))
		if e == nil || e.Kind != KindWaitTooLong || calls != 1 {
			t.Fatalf("got %v after %d calls", e, calls)
		}
		if !strings.Contains(e.Error(), now.Add(3*time.Hour).Local().Format("15:04:05")) {
			t.Errorf("the reset time is not shown: %v", e)
		}
	})
}

func TestYMBudgetReadsRFC822Reset(t *testing.T) {
	reset := time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC)
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Resource-Limit", "5000")
		w.Header().Set("X-RateLimit-Resource-Remaining", "4999")
		w.Header().Set("X-RateLimit-Resource-Until", reset.Format(http.TimeFormat))
		io.WriteString(w, `{"status":"OK","result":{}}`)
	}, nil)
	if _, err := tr.Do(context.Background(), Request{Op: "getReturns", Service: ServiceYM, Method: "GET", Path: "/x", Idempotent: true, Group: GroupYMReturns}); err != nil {
		t.Fatal(err)
	}
	b := tr.Budgets()
	if len(b) != 1 || !b[0].Reset.Equal(reset) || b[0].Remaining != 4999 {
		t.Errorf("budgets %+v", b)
	}
}

func TestPathSegmentsAreEscapedOnce(t *testing.T) {
	var got atomic.Value
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.EscapedPath() + "|" + r.URL.Path)
		w.WriteHeader(204)
	}, func(c *Config) {
		c.BaseURLs[ServiceWBChat] += "/base"
	})
	path := "/api/v1/seller/download/" + url.PathEscape("ab cd%ef")
	if _, err := tr.Do(context.Background(), Request{Op: "op", Service: ServiceWBChat, Method: "GET", Path: path, Idempotent: true}); err != nil {
		t.Fatal(err)
	}
	if g := got.Load().(string); g != "/base/api/v1/seller/download/ab%20cd%25ef|/base/api/v1/seller/download/ab cd%ef" {
		t.Errorf("server saw %q", g)
	}
}

func TestYMStatusErrorInside200(t *testing.T) {
	tr, _ := newTestTransport(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Market-Request-Id", "ym-req-1")
		io.WriteString(w, `{"status":"ERROR","errors":[{"code":"BAD_REQUEST","message":"statuses is invalid"}]}`)
	}, nil)
	var out struct {
		Status string `json:"status"`
		Result struct {
			Returns []int `json:"returns"`
		} `json:"result"`
	}
	for _, dst := range []any{&out, nil} {
		err := tr.JSON(context.Background(), Request{Op: "getReturns", Service: ServiceYM, Method: "GET", Path: "/x", Idempotent: true}, dst)
		e, ok := AsError(err)
		if !ok || e.Status != 200 || e.Code != "BAD_REQUEST" || e.Op != "getReturns" || e.RequestID != "ym-req-1" || !strings.Contains(err.Error(), "statuses is invalid") {
			t.Errorf("got %v", err)
		}
	}
}
