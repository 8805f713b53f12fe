package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
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
	// MaxWait caps a single server-requested wait the transport sits out
	// itself before retrying (default 60 s).
	MaxWait time.Duration
	// WaitBudget is the longest server-requested wait (Retry-After, a YM
	// reset time) the transport sits out before retrying (default 60 s).
	// A longer one fails the request at once with RetryAfter/ResetAt set,
	// and holds the group's requests back until then; one beyond
	// MaxRetryDelay fails it for good (KindWaitTooLong).
	WaitBudget time.Duration
	// RequestTimeout bounds one attempt, headers and body (default 60 s),
	// so a server trickling a byte a second cannot hold a request open.
	RequestTimeout time.Duration
	// MinThroughput sizes a download's deadline: RequestTimeout plus the
	// time its size limit takes at this many bytes per second (default
	// 128 KiB/s, so a 50 MB photo gets about 7 minutes).
	MinThroughput int64
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
	hc      *http.Client // API calls: redirects are never followed
	media   *http.Client // CDN downloads: http(s) redirects only
	log     *slog.Logger
	lim     *limiter
	max     int
	maxWait time.Duration
	budget  time.Duration
	timeout time.Duration
	minRate int64
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
		budget:  c.WaitBudget,
		timeout: c.RequestTimeout,
		minRate: c.MinThroughput,
		sleep:   c.Sleep,
		now:     c.Now,
		ua:      c.UserAgent,
	}
	if t.hc == nil {
		// No client-wide timeout: each attempt gets its own deadline
		// (attemptTimeout), which a download needs longer than a list.
		t.hc = &http.Client{}
	}
	// Copies, so that a caller's client keeps its own policy. Go re-sends
	// custom headers such as Api-Key across redirects (and a 307/308 the
	// body too): an API redirect is refused and reported instead.
	apiClient, mediaClient := *t.hc, *t.hc
	apiClient.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	mediaClient.CheckRedirect = mediaRedirect
	t.hc, t.media = &apiClient, &mediaClient
	if t.timeout <= 0 {
		t.timeout = 60 * time.Second
	}
	if t.budget <= 0 {
		t.budget = 60 * time.Second
	}
	if t.minRate <= 0 {
		t.minRate = 128 << 10
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
	// MaxBytes marks a file download (a photo, a PDF): the body may be this
	// large (at most MaxBody) and the attempt's deadline grows with it.
	MaxBytes int64
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

// MaxBody bounds what one response may hold: YM return photos can be 50 MB.
const MaxBody = 64 << 20

// errTooLarge marks a body cut off at its limit.
var errTooLarge = errors.New("response too large")

// attemptTimeout is one attempt's deadline: RequestTimeout, plus for a
// download the time its size limit takes at the minimum throughput.
func (t *Transport) attemptTimeout(limit int64) time.Duration {
	if limit <= 0 {
		return t.timeout
	}
	return t.timeout + time.Duration(float64(limit)/float64(t.minRate)*float64(time.Second))
}

// mediaRedirect lets a CDN download follow a few redirects, to http and
// https only (never file: or anything else). No token is at risk: FetchURL
// never sets one.
func mediaRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &redirectError{location: req.URL.String()}
	}
	if len(via) >= 5 {
		return errors.New("stopped after 5 redirects")
	}
	return nil
}

type redirectError struct{ location string }

func (e *redirectError) Error() string { return "redirect to " + e.location + " refused" }

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
	// r.Path is already escaped (a hash or ID escaped by the caller):
	// it goes out as given, not escaped a second time.
	u := *t.base[r.Service]
	unescaped, err := url.PathUnescape(r.Path)
	if err != nil {
		return nil, mkErr(KindValidation, 0, fmt.Errorf("bad request path: %w", err))
	}
	u.RawPath = u.EscapedPath() + r.Path
	u.Path = u.Path + unescaped
	if r.Query != nil {
		u.RawQuery = r.Query.Encode()
	}
	var lastErr *Error
	for attempt := 1; ; attempt++ {
		// The group waits out a server-imposed pause longer than the wait
		// budget: every request would draw the same refusal (and count
		// against the limit), so none is sent until it ends.
		if until, ok := t.lim.pausedBeyond(r.Group, t.budget); ok {
			e := mkErr(KindRateLimited, 0, nil)
			e.Retryable, e.RetryAfter = true, until.Sub(t.now())
			if mp == YandexMarket {
				e.ResetAt = until
			}
			return nil, e
		}
		if err := t.lim.wait(ctx, r.Group, t.sleep); err != nil {
			return nil, mkErr(KindCanceled, 0, err)
		}
		resp, err := t.once(ctx, r, u.String(), body, contentType)
		if err == nil && resp.Status < 300 {
			return resp, nil
		}
		var e *Error
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, mkErr(KindCanceled, 0, ctx.Err())
		case errors.Is(err, errTooLarge):
			// Reading it again would only fetch the same flood.
			e = mkErr(KindTooLarge, 0, err)
			e.Unknown = !r.Idempotent
		case err != nil:
			e = mkErr(KindNetwork, 0, err)
			e.Retryable = true
			// The request may have been written before the connection broke.
			e.Unknown = !r.Idempotent
		case resp.Status < 400:
			// The APIs never redirect: following would carry the token
			// (and a write's body) to wherever Location points.
			e = mkErr(KindRedirect, resp.Status, nil)
			e.Location = t.scrub(inert(resp.Header.Get("Location")))
		default:
			e = mkErr(kindForStatus(resp.Status), resp.Status, nil)
			parseError(e, resp.Body, resp.Header)
			e.Message = t.scrub(e.Message)
			e.RequestID = t.scrub(e.RequestID)
			e.RetryAfter, e.ResetAt = retryAfter(resp.Header, t.now())
			switch e.Kind {
			case KindRateLimited:
				e.Retryable = true
				wait := e.RetryAfter
				if wait <= 0 {
					wait = backoff(attempt)
				}
				// A wait within the budget is sat out (capped at MaxWait)
				// and retried; a longer one, up to MaxRetryDelay, fails
				// now and holds the group back until the server's time.
				if wait <= t.budget || wait > MaxRetryDelay {
					wait = min(wait, t.maxWait)
				}
				if r.Group != "" {
					t.lim.pause(r.Group, t.now().Add(wait))
				}
			case KindServer:
				e.Retryable = true
				e.Unknown = !r.Idempotent
			}
			if e.Retryable && e.RetryAfter > MaxRetryDelay {
				e.Kind, e.Retryable = KindWaitTooLong, false
			}
		}
		lastErr = e
		t.log.Debug("api call failed", "op", r.Op, "service", string(r.Service), "status", e.Status, "kind", string(e.Kind), "attempt", attempt)
		canRetry := e.Retryable && (r.Idempotent || e.Kind == KindRateLimited)
		// A wait beyond the budget is the caller's to sit out (the outbox
		// parks the reply until then), not a reason to hammer the server
		// with quick retries that each count against its limit.
		if !canRetry || attempt >= t.max || e.RetryAfter > t.budget {
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
	limit := int64(MaxBody)
	if r.MaxBytes > 0 && r.MaxBytes < limit {
		limit = r.MaxBytes
	}
	ctx, cancel := context.WithTimeout(ctx, t.attemptTimeout(r.MaxBytes))
	defer cancel()
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
	data, err := readLimited(res.Body, limit)
	if err != nil {
		return nil, err
	}
	t.lim.observe(r.Group, r.Service.Marketplace(), res.Header)
	t.lim.learn(r.Group, r.Service.Marketplace(), res.StatusCode, res.Header)
	t.log.Debug("api call", "op", r.Op, "method", r.Method, "path", r.Path, "status", res.StatusCode, "took", t.now().Sub(start))
	return &Response{Status: res.StatusCode, Header: res.Header, Body: data}, nil
}

// readLimited reads a whole body of at most limit bytes; a longer one is
// errTooLarge, read no further than one byte past the limit (a gzip bomb
// is cut off after decompressing limit+1 bytes).
func readLimited(body io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than %d MB", errTooLarge, max(1, limit>>20))
	}
	return data, nil
}

// JSON sends the request and decodes a JSON answer into out (if non-nil).
// A 2xx body that does not have out's shape (a struct none of whose fields
// it names, an empty body, null) is a decode error, never an empty result.
// Yandex Market's "status":"ERROR" inside a 2xx is an error too.
func (t *Transport) JSON(ctx context.Context, r Request, out any) error {
	resp, err := t.Do(ctx, r)
	if err != nil {
		return err
	}
	decodeErr := func(err error) *Error {
		return &Error{Marketplace: r.Service.Marketplace(), Service: r.Service, Op: r.Op, Kind: KindDecode,
			Status: resp.Status, Retryable: r.Idempotent, Unknown: !r.Idempotent, Err: err}
	}
	if r.Service == ServiceYM {
		if e := ymStatusError(resp); e != nil {
			e.Service, e.Op = r.Service, r.Op
			e.Message, e.RequestID = t.scrub(e.Message), t.scrub(e.RequestID)
			return e
		}
	}
	if out == nil {
		return nil
	}
	if err := checkShape(resp.Body, out); err != nil {
		return decodeErr(err)
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return decodeErr(err)
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
// (seconds), then Retry-After (seconds or HTTP date), then WB
// X-Ratelimit-Reset, then YM X-RateLimit-Resource-Until (an RFC 822 date,
// also returned as the reset time).
func retryAfter(h http.Header, now time.Time) (time.Duration, time.Time) {
	if s, ok := atoi64(h.Get("X-Ratelimit-Retry")); ok && s >= 0 {
		return seconds(s), time.Time{}
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, ok := atoi64(v); ok && s >= 0 {
			return seconds(s), time.Time{}
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(now), 0), time.Time{}
		}
	}
	if s, ok := atoi64(h.Get("X-Ratelimit-Reset")); ok && s >= 0 {
		return seconds(s), time.Time{}
	}
	if at, ok := parseResetTime(h.Get("X-RateLimit-Resource-Until")); ok && at.After(now) {
		return at.Sub(now), at
	}
	return 0, time.Time{}
}

// seconds converts a server's count of seconds without overflowing: a
// hostile 999999999999 must read as "very long", not as a negative wait.
func seconds(s int64) time.Duration {
	if s > int64(math.MaxInt64/time.Second) {
		return math.MaxInt64
	}
	return time.Duration(s) * time.Second
}

func atoi64(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil
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
