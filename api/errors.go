package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Kind classifies an error so the UI can pick a sentence and a remedy.
type Kind string

const (
	KindAuth        Kind = "auth"         // 401: token missing, malformed or expired
	KindForbidden   Kind = "forbidden"    // 403: token lacks the category or is read-only
	KindRateLimited Kind = "rate-limited" // 420 (YM) / 429 (WB)
	KindValidation  Kind = "validation"   // 400/422: the request was refused as invalid
	KindNotFound    Kind = "not-found"    // 404
	KindConflict    Kind = "conflict"     // 409
	KindServer      Kind = "server"       // 5xx
	KindNetwork     Kind = "network"      // no response at all
	KindDecode      Kind = "decode"       // a response we could not read
	KindCanceled    Kind = "canceled"     // the caller gave up
	// KindTooLarge: the response exceeded what the client reads (a gzip
	// bomb, an endless stream); retrying would only read it again.
	KindTooLarge Kind = "too-large"
	// KindRedirect: the API answered 3xx. The marketplaces' APIs never
	// redirect, so nothing is followed and nothing re-sent; Location says
	// where it pointed.
	KindRedirect Kind = "redirect"
	// KindWaitTooLong: the server asked to wait longer than MaxRetryDelay
	// before trying again; the request fails instead of being parked.
	KindWaitTooLong Kind = "wait-too-long"
	// KindPaymentRequired is WB's 402, sent only to services of its
	// business-solutions catalogue whose balance is empty.
	KindPaymentRequired Kind = "payment-required"
	// KindPending is a chat file WB is still moderating (its 202); KindWithheld
	// one that failed moderation (451).
	KindPending  Kind = "pending"
	KindWithheld Kind = "withheld"
)

// MaxRetryDelay bounds any server-requested wait the client agrees to
// (Retry-After, X-Ratelimit-Retry, a YM reset time): beyond it the request
// fails with the reason, so that nothing stays parked for days.
const MaxRetryDelay = time.Hour

// Error is the one error type for both marketplaces' error formats.
type Error struct {
	Marketplace Marketplace
	Service     Service
	Op          string // operation ID from the spec, e.g. "getReturns"
	Kind        Kind
	Status      int    // HTTP status, 0 when there was no response
	Code        string // marketplace error code (YM errors[].code, WB title/code)
	Message     string // the marketplace's own message, token-scrubbed
	RequestID   string
	Retryable   bool
	RetryAfter  time.Duration // the server's hint, if any
	// ResetAt is when the server said its limit resets (YM
	// X-RateLimit-Resource-Until), zero if it did not say.
	ResetAt time.Time
	// Location is where a refused redirect pointed.
	Location string
	// Unknown reports that a write may have reached the server although no
	// answer came back; the caller must read back before sending again.
	Unknown bool
	Err     error // underlying cause (network error, decode error)
}

func (e *Error) Unwrap() error { return e.Err }

// Error is a human sentence: what failed and what to do about it.
func (e *Error) Error() string { return e.describe(e.Human()) }

// AtLogin is Error for `sellerinbox login` checking the token it was
// given: a rejected token gets advice about that token instead of "run
// `sellerinbox login`", the command the user is running.
func (e *Error) AtLogin() string {
	if e.Kind != KindAuth {
		return e.Error()
	}
	return e.describe(e.authProblem() + "; check that the whole token was pasted and that it belongs to this seller account")
}

// authProblem is what a rejected token means, without the advice.
func (e *Error) authProblem() string {
	if e.Marketplace == YandexMarket {
		return "Yandex Market rejected the Api-Key: it is missing, wrong or revoked"
	}
	return fmt.Sprintf("Wildberries rejected the token for %q: it is missing, wrong or expired", e.Service.Category())
}

func (e *Error) describe(human string) string {
	var b strings.Builder
	b.WriteString(human)
	// Message and RequestID come from the server (or are built from its
	// answer): inert again here, because callers may fill them directly.
	if msg := inert(e.Message); msg != "" && e.Kind != KindNetwork {
		fmt.Fprintf(&b, " (%s)", msg)
	}
	if id := inert(e.RequestID); id != "" {
		fmt.Fprintf(&b, " [request %s]", id)
	}
	return b.String()
}

// Human is the sentence without server details, for the status bar.
func (e *Error) Human() string {
	who := e.Service.Category()
	mp := "Wildberries"
	if e.Marketplace == YandexMarket {
		mp = "Yandex Market"
	}
	switch e.Kind {
	case KindAuth:
		if e.Marketplace == YandexMarket {
			return e.authProblem() + "; run `sellerinbox login ym`"
		}
		return e.authProblem() + "; run `sellerinbox login wb`"
	case KindForbidden:
		if e.Marketplace == YandexMarket {
			return "Yandex Market denied access: the Api-Key has no rights for this campaign or method"
		}
		if e.PaidFeature() {
			return "Wildberries refused: pinning feedbacks needs an active Jam subscription or the \"Pin feedback\" tariff option in the seller portal"
		}
		return fmt.Sprintf("the Wildberries token lacks the %q category (or is read-only); issue a token with it", who)
	case KindRateLimited:
		if !e.ResetAt.IsZero() {
			return fmt.Sprintf("%s rate limit reached; it resets at %s", mp, e.ResetAt.Local().Format("2006-01-02 15:04:05 MST"))
		}
		if e.RetryAfter > 0 {
			return fmt.Sprintf("%s rate limit reached; retry in %s", mp, e.RetryAfter.Round(time.Second))
		}
		return mp + " rate limit reached; try again shortly"
	case KindValidation:
		return mp + " refused the request as invalid"
	case KindNotFound:
		return mp + ": not found"
	case KindConflict:
		return mp + ": the item changed meanwhile"
	case KindServer:
		return fmt.Sprintf("%s server error %d; it will be retried", mp, e.Status)
	case KindNetwork:
		if r := e.NetworkReason(); r != "" {
			return fmt.Sprintf("cannot reach %s: %s", mp, r)
		}
		return "cannot reach " + mp
	case KindDecode:
		return mp + " sent a response that could not be read"
	case KindCanceled:
		return "request canceled"
	case KindTooLarge:
		return fmt.Sprintf("%s sent a response larger than %d MB; it was not read", mp, MaxBody>>20)
	case KindRedirect:
		return fmt.Sprintf("%s answered with a redirect to %s; API requests are never redirected, so nothing was followed or re-sent (check the base URL)",
			mp, strconv.Quote(inert(e.Location)))
	case KindWaitTooLong:
		wait := "more than an hour"
		if !e.ResetAt.IsZero() {
			wait = "until " + e.ResetAt.Local().Format("2006-01-02 15:04:05 MST")
		} else if e.RetryAfter > 48*time.Hour {
			wait = fmt.Sprintf("%d days", int64(e.RetryAfter/(24*time.Hour)))
		} else if e.RetryAfter > 0 {
			wait = e.RetryAfter.Round(time.Second).String()
		}
		return fmt.Sprintf("%s asked to wait %s before trying again (status %d); that is longer than %s, so the request failed", mp, wait, e.Status, MaxRetryDelay)
	case KindPending:
		if e.RetryAfter > 0 {
			return fmt.Sprintf("%s is still checking this file; try again in %s", mp, e.RetryAfter.Round(time.Second))
		}
		return mp + " is still checking this file; try again shortly"
	case KindWithheld:
		return mp + " withholds this file: it did not pass moderation"
	case KindPaymentRequired:
		return mp + " wants payment: the business solution this token belongs to has no funds left; its owner must top up the balance in the company account at dev.wildberries.ru"
	}
	return fmt.Sprintf("%s error %d", mp, e.Status)
}

// PaidFeature reports a 403 from the pins methods: they need a Jam
// subscription or a tariff option, which no token category can grant.
func (e *Error) PaidFeature() bool {
	if e.Marketplace != Wildberries {
		return false
	}
	op := strings.ToLower(e.Op)
	code := strings.ToLower(e.Code)
	return strings.Contains(op, "pins") ||
		strings.Contains(code, "subscription") || strings.Contains(code, "tariff")
}

// NetworkReason is why a network error happened, as one of a few fixed
// phrases ("timed out", "connection refused", "host not found",
// "connection reset", "connection closed", "network error"), or "" when
// there is no underlying cause.
func (e *Error) NetworkReason() string {
	if e.Err == nil {
		return ""
	}
	return networkReason(e.Err)
}

func networkReason(err error) string {
	s := err.Error()
	switch {
	case errors.Is(err, errTimeout) || strings.Contains(s, "deadline exceeded") || strings.Contains(s, "Timeout"):
		return "timed out"
	case strings.Contains(s, "connection refused"):
		return "connection refused"
	case strings.Contains(s, "no such host"):
		return "host not found"
	case strings.Contains(s, "connection reset"):
		return "connection reset"
	case strings.Contains(s, "EOF"):
		return "connection closed"
	}
	return "network error"
}

var errTimeout = errors.New("timeout")

// AsError extracts *Error from a chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k Kind) bool {
	e, ok := AsError(err)
	return ok && e.Kind == k
}

func kindForStatus(status int) Kind {
	switch {
	case status == http.StatusUnauthorized:
		return KindAuth
	case status == http.StatusForbidden:
		return KindForbidden
	case status == http.StatusPaymentRequired:
		return KindPaymentRequired
	case status == http.StatusUnavailableForLegalReasons:
		return KindWithheld
	case status == 420 || status == http.StatusTooManyRequests:
		return KindRateLimited
	case status == http.StatusNotFound:
		return KindNotFound
	case status == http.StatusConflict:
		return KindConflict
	case status >= 500:
		return KindServer
	default:
		return KindValidation
	}
}

type ymErrorBody struct {
	Status string `json:"status"`
	Errors []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// parseError fills Code/Message/RequestID from an error body of either
// format. Every string is made inert: it comes from the server and ends up
// on stderr and in the status bar.
func parseError(e *Error, body []byte, h http.Header) {
	if e.Marketplace == YandexMarket {
		var yb ymErrorBody
		if json.Unmarshal(body, &yb) == nil && len(yb.Errors) > 0 {
			codes := make([]string, 0, len(yb.Errors))
			msgs := make([]string, 0, len(yb.Errors))
			for _, x := range yb.Errors {
				codes = append(codes, inert(x.Code))
				if m := inert(x.Message); m != "" {
					msgs = append(msgs, m)
				}
			}
			e.Code = strings.Join(codes, ",")
			e.Message = strings.Join(msgs, "; ")
		} else if texts := wbTexts(body); len(texts) > 0 {
			e.Message = strings.Join(texts, "; ")
		}
		e.RequestID = inert(firstHeader(h, "X-Market-Request-Id", "X-Request-Id"))
		return
	}
	// Wildberries has two formats: the problem document
	// (title/detail/requestId/origin/status) and the envelope
	// (data/error/errorText/additionalErrors), and some services put other
	// shapes in errors/additionalErrors (objects, one string). Each field is
	// read on its own so that one odd field cannot lose the others.
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) == nil {
		e.Code = inert(jsonString(fields["title"]))
		var parts []string
		for _, k := range []string{"detail", "errorText", "message"} {
			if s := inert(jsonString(fields[k])); s != "" {
				parts = append(parts, s)
			}
		}
		for _, k := range []string{"errors", "additionalErrors"} {
			parts = append(parts, wbTexts(fields[k])...)
		}
		e.Message = strings.Join(parts, "; ")
		e.RequestID = inert(jsonString(fields["requestId"]))
	}
	if e.RequestID == "" {
		e.RequestID = inert(firstHeader(h, "X-Request-Id"))
	}
}

// jsonString is a JSON string's value, a number's text, or "".
func jsonString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// wbTexts reads the human text out of an errors-like value: a string, an
// array of strings, or objects carrying message/detail/title/errorText.
func wbTexts(raw json.RawMessage) []string {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var out []string
	add := func(s string) {
		if s = inert(s); s != "" {
			out = append(out, s)
		}
	}
	if s := jsonString(raw); s != "" {
		add(s)
		return out
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		list = []json.RawMessage{raw}
	}
	for _, item := range list {
		if s := jsonString(item); s != "" {
			add(s)
			continue
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(item, &obj) != nil {
			continue
		}
		var bits []string
		for _, k := range []string{"field", "code", "title", "message", "detail", "errorText", "text"} {
			if s := inert(jsonString(obj[k])); s != "" {
				bits = append(bits, s)
			}
		}
		add(strings.Join(bits, ": "))
		if len(out) >= 20 {
			break
		}
	}
	return out
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}
