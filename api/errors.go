package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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
	// KindPaymentRequired is WB's 402, sent only to services of its
	// business-solutions catalogue whose balance is empty.
	KindPaymentRequired Kind = "payment-required"
	// KindPending is a chat file WB is still moderating (its 202); KindWithheld
	// one that failed moderation (451).
	KindPending  Kind = "pending"
	KindWithheld Kind = "withheld"
)

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
	// Unknown reports that a write may have reached the server although no
	// answer came back; the caller must read back before sending again.
	Unknown bool
	Err     error // underlying cause (network error, decode error)
}

func (e *Error) Unwrap() error { return e.Err }

// Error is a human sentence: what failed and what to do about it.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Human())
	if e.Message != "" && e.Kind != KindNetwork {
		fmt.Fprintf(&b, " (%s)", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request %s]", e.RequestID)
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
			return "Yandex Market rejected the Api-Key: it is missing, wrong or revoked; run `sellerinbox login ym`"
		}
		return fmt.Sprintf("Wildberries rejected the token for %q: it is missing, wrong or expired; run `sellerinbox login wb`", who)
	case KindForbidden:
		if e.Marketplace == YandexMarket {
			return "Yandex Market denied access: the Api-Key has no rights for this campaign or method"
		}
		return fmt.Sprintf("the Wildberries token lacks the %q category (or is read-only); issue a token with it", who)
	case KindRateLimited:
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
		if e.Err != nil {
			return fmt.Sprintf("cannot reach %s: %s", mp, networkReason(e.Err))
		}
		return "cannot reach " + mp
	case KindDecode:
		return mp + " sent a response that could not be read"
	case KindCanceled:
		return "request canceled"
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

// wbErrorBody covers both Wildberries formats: the problem document
// (title/detail/requestId/origin/status) and the envelope
// (data/error/errorText/additionalErrors).
type wbErrorBody struct {
	Title            string          `json:"title"`
	Detail           string          `json:"detail"`
	Code             json.RawMessage `json:"code"`
	RequestID        string          `json:"requestId"`
	ErrorText        string          `json:"errorText"`
	AdditionalErrors json.RawMessage `json:"additionalErrors"`
	Message          string          `json:"message"`
	Errors           []string        `json:"errors"`
}

type ymErrorBody struct {
	Status string `json:"status"`
	Errors []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// parseError fills Code/Message/RequestID from an error body of either format.
func parseError(e *Error, body []byte, h http.Header) {
	if e.Marketplace == YandexMarket {
		var yb ymErrorBody
		if json.Unmarshal(body, &yb) == nil && len(yb.Errors) > 0 {
			codes := make([]string, 0, len(yb.Errors))
			msgs := make([]string, 0, len(yb.Errors))
			for _, x := range yb.Errors {
				codes = append(codes, x.Code)
				if x.Message != "" {
					msgs = append(msgs, x.Message)
				}
			}
			e.Code = strings.Join(codes, ",")
			e.Message = strings.Join(msgs, "; ")
		}
		e.RequestID = firstHeader(h, "X-Market-Request-Id", "X-Request-Id")
		return
	}
	var wb wbErrorBody
	if json.Unmarshal(body, &wb) == nil {
		e.Code = wb.Title
		parts := []string{}
		for _, s := range []string{wb.Detail, wb.ErrorText, wb.Message} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		parts = append(parts, wb.Errors...)
		if len(wb.AdditionalErrors) > 0 && string(wb.AdditionalErrors) != "null" {
			var extra []string
			if json.Unmarshal(wb.AdditionalErrors, &extra) == nil {
				parts = append(parts, extra...)
			}
		}
		e.Message = strings.Join(parts, "; ")
		e.RequestID = wb.RequestID
	}
	if e.RequestID == "" {
		e.RequestID = firstHeader(h, "X-Request-Id")
	}
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}
