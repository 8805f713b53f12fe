package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config builds a Transport. Zero values mean production defaults.
type Config struct {
	BaseURLs map[Service]string // overrides Service.DefaultBaseURL
	// Tokens per service. Wildberries issues one token per category, so the
	// three WB services may carry different tokens.
	Tokens     map[Service]Secret
	HTTPClient *http.Client
	Logger     *slog.Logger
	// MaxAttempts bounds tries of a retryable request (default 4).
	MaxAttempts int
	// MaxWait caps a single server-requested wait (default 60 s).
	MaxWait time.Duration
	// Limits overrides entries of the Limits table (tests use tiny numbers).
	Limits map[Group]Limit
	// OnBudget is called (from the requesting goroutine) whenever a group's
	// budget changes; the UI turns it into a message.
	OnBudget func(Budget)
	// Sleep and Now are injectable for tests.
	Sleep func(context.Context, time.Duration) error
	Now   func() time.Time
	// UserAgent is sent with every request.
	UserAgent string
}

// Transport is safe for concurrent use by every pane.
type Transport struct {
	base    map[Service]*url.URL
	tokens  map[Service]Secret
	hc      *http.Client
	log     *slog.Logger
	lim     *limiter
	max     int
	maxWait time.Duration
	sleep   func(context.Context, time.Duration) error
	now     func() time.Time
	ua      string
}

// NewTransport validates the base URLs and builds the transport.
func NewTransport(c Config) (*Transport, error) {
	t := &Transport{
		base:    map[Service]*url.URL{},
		tokens:  map[Service]Secret{},
		hc:      c.HTTPClient,
		log:     c.Logger,
		max:     c.MaxAttempts,
		maxWait: c.MaxWait,
		sleep:   c.Sleep,
		now:     c.Now,
		ua:      c.UserAgent,
	}
	if t.hc == nil {
		t.hc = &http.Client{Timeout: 60 * time.Second}
	}
	if t.log == nil {
		t.log = slog.New(slog.DiscardHandler)
	}
	if t.max <= 0 {
		t.max = 4
	}
	if t.maxWait <= 0 {
		t.maxWait = 60 * time.Second
	}
	if t.sleep == nil {
		t.sleep = sleepCtx
	}
	if t.now == nil {
		t.now = time.Now
	}
	if t.ua == "" {
		t.ua = "sellerinbox"
	}
	for _, s := range Services {
		raw := s.DefaultBaseURL()
		if v, ok := c.BaseURLs[s]; ok && v != "" {
			raw = v
		}
		u, err := url.Parse(strings.TrimRight(raw, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s: %q is not an http(s) URL", s.URLEnv(), raw)
		}
		t.base[s] = u
	}
	for s, tok := range c.Tokens {
		t.tokens[s] = tok
	}
	t.lim = newLimiter(c.Limits, c.OnBudget, t.now)
	return t, nil
}

// HasToken reports whether a token is configured for the service.
func (t *Transport) HasToken(s Service) bool { return !t.tokens[s].Empty() }

// Budgets returns the last known budget of every group that has been used.
func (t *Transport) Budgets() []Budget { return t.lim.snapshot() }

// BaseURL returns the configured base URL of a service.
func (t *Transport) BaseURL(s Service) string { return t.base[s].String() }

// Request describes one call.
type Request struct {
	Op      string // operation ID from the spec, for errors and logs
	Service Service
	Method  string
	Path    string // path below the base URL, already escaped
	Query   url.Values
	// JSON is marshalled as the body when non-nil.
	JSON any
	// Body and ContentType send raw bytes (multipart forms).
	Body        []byte
	ContentType string
	Accept      string
	Group       Group
	// ParallelKey names the YM campaign/business whose 4-request cap applies.
	ParallelKey string
	// Idempotent requests are retried on 5xx and network errors; every
	// request is retried on 420/429, which the servers answer before acting.
	Idempotent bool
}

// Response is a fully read response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// ContentType is the media type of the response without parameters.
func (r *Response) ContentType() string {
	ct := r.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(strings.ToLower(ct))
}

// maxBody bounds what one response may hold: YM return photos can be 50 MB.
const maxBody = 64 << 20

// Do sends the request, honouring rate limits and retrying what is safe to
// retry. Any non-2xx answer becomes *Error.
func (t *Transport) Do(ctx context.Context, r Request) (*Response, error) {
	mp := r.Service.Marketplace()
	mkErr := func(kind Kind, status int, err error) *Error {
		return &Error{Marketplace: mp, Service: r.Service, Op: r.Op, Kind: kind, Status: status, Err: t.scrubErr(err)}
	}
	if t.tokens[r.Service].Empty() {
		return nil, &Error{Marketplace: mp, Service: r.Service, Op: r.Op, Kind: KindAuth, Status: http.StatusUnauthorized,
			Message: "no token configured"}
	}
	var body []byte
	contentType := r.ContentType
	if r.JSON != nil {
		b, err := json.Marshal(r.JSON)
		if err != nil {
			return nil, mkErr(KindValidation, 0, err)
		}
		body, contentType = b, "application/json"
	} else if r.Body != nil {
		body = r.Body
	}
	u := *t.base[r.Service]
	u.Path = u.Path + r.Path
	u.RawPath = ""
	if r.Query != nil {
		u.RawQuery = r.Query.Encode()
	}
	var lastErr *Error
	for attempt := 1; ; attempt++ {
		if err := t.lim.wait(ctx, r.Group, t.sleep); err != nil {
			return nil, mkErr(KindCanceled, 0, err)
		}
		resp, err := t.once(ctx, r, u.String(), body, contentType)
		if err == nil && resp.Status < 300 {
			return resp, nil
		}
		var e *Error
		if err != nil {
			if ctx.Err() != nil {
				return nil, mkErr(KindCanceled, 0, ctx.Err())
			}
			e = mkErr(KindNetwork, 0, err)
			e.Retryable = true
			// The request may have been written before the connection broke.
			e.Unknown = !r.Idempotent
		} else {
			e = mkErr(kindForStatus(resp.Status), resp.Status, nil)
			parseError(e, resp.Body, resp.Header)
			e.Message = t.scrub(e.Message)
			e.RetryAfter = retryAfter(resp.Header, t.now())
			switch e.Kind {
			case KindRateLimited:
				e.Retryable = true
				wait := e.RetryAfter
				if wait <= 0 {
					wait = backoff(attempt)
				}
				if r.Group != "" {
					t.lim.pause(r.Group, t.now().Add(min(wait, t.maxWait)))
				}
			case KindServer:
				e.Retryable = true
				e.Unknown = !r.Idempotent
			}
		}
		lastErr = e
		t.log.Debug("api call failed", "op", r.Op, "service", string(r.Service), "status", e.Status, "kind", string(e.Kind), "attempt", attempt)
		canRetry := e.Retryable && (r.Idempotent || e.Kind == KindRateLimited)
		if !canRetry || attempt >= t.max {
			return nil, lastErr
		}
		// A grouped rate limit waits in lim.wait through the pause set above,
		// so that every request of the group holds back, not just this one.
		if e.Kind != KindRateLimited || r.Group == "" {
			wait := backoff(attempt)
			if e.RetryAfter > 0 {
				wait = min(e.RetryAfter, t.maxWait)
			}
			if err := t.sleep(ctx, wait); err != nil {
				return nil, mkErr(KindCanceled, 0, err)
			}
		}
	}
}

func (t *Transport) once(ctx context.Context, r Request, rawURL string, body []byte, contentType string) (*Response, error) {
	release, err := t.lim.acquire(ctx, r.ParallelKey)
	if err != nil {
		return nil, err
	}
	defer release()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, rawURL, rd)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	accept := r.Accept
	if accept == "" {
		accept = "application/json"
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", t.ua)
	tok := t.tokens[r.Service].Reveal()
	if r.Service == ServiceYM {
		req.Header.Set("Api-Key", tok)
	} else {
		req.Header.Set("Authorization", tok)
	}
	start := t.now()
	res, err := t.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBody {
		return nil, fmt.Errorf("response larger than %d MB", maxBody>>20)
	}
	t.lim.observe(r.Group, r.Service.Marketplace(), res.Header)
	t.lim.learn(r.Group, r.Service.Marketplace(), res.StatusCode, res.Header)
	t.log.Debug("api call", "op", r.Op, "method", r.Method, "path", r.Path, "status", res.StatusCode, "took", t.now().Sub(start))
	return &Response{Status: res.StatusCode, Header: res.Header, Body: data}, nil
}

// JSON sends the request and decodes a JSON answer into out (if non-nil).
func (t *Transport) JSON(ctx context.Context, r Request, out any) error {
	resp, err := t.Do(ctx, r)
	if err != nil {
		return err
	}
	if out == nil || len(bytes.TrimSpace(resp.Body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &Error{Marketplace: r.Service.Marketplace(), Service: r.Service, Op: r.Op, Kind: KindDecode,
			Status: resp.Status, Retryable: r.Idempotent, Err: err}
	}
	return nil
}

// scrub removes every configured token from s: servers sometimes echo
// headers back in error details.
func (t *Transport) scrub(s string) string {
	for _, tok := range t.tokens {
		if v := tok.Reveal(); len(v) >= 4 && strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, tok.Mask())
		}
	}
	return s
}

func (t *Transport) scrubErr(err error) error {
	if err == nil {
		return nil
	}
	if s := t.scrub(err.Error()); s != err.Error() {
		return errors.New(s)
	}
	return err
}

// retryAfter reads how long the server asked us to wait: WB X-Ratelimit-Retry
// (seconds), then Retry-After (seconds or HTTP date), then WB X-Ratelimit-Reset.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if s, ok := atoi(h.Get("X-Ratelimit-Retry")); ok && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.Atoi(v); err == nil {
			return time.Duration(s) * time.Second
		}
		if at, err := http.ParseTime(v); err == nil {
			return at.Sub(now)
		}
	}
	if s, ok := atoi(h.Get("X-Ratelimit-Reset")); ok && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if u := h.Get("X-RateLimit-Resource-Until"); u != "" {
		if at, err := time.Parse(time.RFC3339, u); err == nil && at.After(now) {
			return at.Sub(now)
		}
	}
	return 0
}

// backoff is exponential with full jitter: 0.5 s, 1 s, 2 s ... capped at 10 s.
func backoff(attempt int) time.Duration {
	d := 500 * time.Millisecond << min(attempt-1, 5)
	d = min(d, 10*time.Second)
	return d/2 + rand.N(d/2+1)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
