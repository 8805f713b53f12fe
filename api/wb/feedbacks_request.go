package wb

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sellerinbox/sellerinbox/api"
)

// Documented bounds of the questions, feedbacks and pins methods, checked
// before sending so that the user reads our sentence, not a 400.
const (
	MinAnswerLen       = 2      // characters (runes), blanks not counted
	MaxAnswerLen       = 5000   // characters (runes)
	MaxQuestionsWindow = 10_000 // take+skip of the questions list
	MaxFeedbacksTake   = 5000
	MaxFeedbacksSkip   = 199_990
	MaxPinsPerRequest  = 500
	MaxPinsPage        = 500
)

// DateOrder sorts question and feedback lists by creation date.
type DateOrder string

const (
	DateAsc  DateOrder = "dateAsc"
	DateDesc DateOrder = "dateDesc"
)

// fqRequest builds a feedbacks-api request; Op is the spec's operationId.
func fqRequest(method, path string, q url.Values, body any) api.Request {
	return api.Request{
		Op: opID(method, path), Service: api.ServiceWBFeedbacks, Method: method, Path: path,
		Query: q, JSON: body, Group: api.GroupWBFeedbacks, Idempotent: method == http.MethodGet,
	}
}

// fqError is an error raised on our side for op (validation before sending,
// or a write that did not show up when read back).
func fqError(op string, kind api.Kind, format string, args ...any) *api.Error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Op: op, Kind: kind,
		Message: fmt.Sprintf(format, args...)}
}

func fqInvalid(op, format string, args ...any) *api.Error {
	return fqError(op, api.KindValidation, format, args...)
}

// checkID refuses an empty ID: Wildberries would accept the write and do
// nothing, which the user would only learn from the read-back.
func checkID(op, what, id string) error {
	if strings.TrimSpace(id) == "" {
		return fqInvalid(op, "the %s ID is empty", what)
	}
	return nil
}

// checkAnswerText applies the documented 2..5000 characters. Characters are
// runes, as the buyer sees them: Cyrillic letters are two bytes and an
// emoji up to four, but each counts once (a ZWJ family emoji is several).
func checkAnswerText(op, text string) error {
	if n := utf8.RuneCountInString(strings.TrimSpace(text)); n < MinAnswerLen {
		return fqInvalid(op, "the answer is too short: write at least %d characters", MinAnswerLen)
	}
	if n := utf8.RuneCountInString(text); n > MaxAnswerLen {
		return fqInvalid(op, "the answer is too long: %d characters, at most %d are allowed", n, MaxAnswerLen)
	}
	return nil
}

// checkPeriod refuses a period that ends before it starts.
func checkPeriod(op string, from, to time.Time) error {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return fqInvalid(op, "the period ends (%s) before it starts (%s)", to.Format(time.DateTime), from.Format(time.DateTime))
	}
	return nil
}

func checkOrder(op string, o DateOrder) error {
	if o != "" && o != DateAsc && o != DateDesc {
		return fqInvalid(op, "unknown sort order %q: use dateAsc or dateDesc", string(o))
	}
	return nil
}

// addPeriod writes dateFrom/dateTo as Unix seconds; zero ends stay open.
func addPeriod(q url.Values, from, to time.Time) {
	if !from.IsZero() {
		q.Set("dateFrom", strconv.FormatInt(from.Unix(), 10))
	}
	if !to.IsZero() {
		q.Set("dateTo", strconv.FormatInt(to.Unix(), 10))
	}
}

// confirmDelay is how long to wait before the second look at a write that
// was not visible at once. A var so tests of the read-back path stay fast.
var confirmDelay = 700 * time.Millisecond

// confirm reads an item back after a write until visible says the change is
// there. Wildberries answers 204 to writes it silently ignores (a wrong ID,
// a second edit), so the read-back is the only proof that a write landed.
func confirm[T any](ctx context.Context, read func(context.Context) (T, error), visible func(T) bool) (T, bool, error) {
	for attempt := 0; ; attempt++ {
		v, err := read(ctx)
		if err != nil {
			return v, false, err
		}
		if visible(v) || attempt == 1 {
			return v, visible(v), nil
		}
		t := time.NewTimer(confirmDelay)
		select {
		case <-ctx.Done():
			t.Stop()
			return v, false, &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindCanceled, Err: ctx.Err()}
		case <-t.C:
		}
	}
}

// notFoundOn422 turns the 422 "Невозможно получить ... по id" of the
// by-ID methods into a not-found error: that is what it means.
func notFoundOn422(err error, what, id string) error {
	e, ok := api.AsError(err)
	if !ok || e.Status != http.StatusUnprocessableEntity {
		return err
	}
	nf := *e
	nf.Kind = api.KindNotFound
	nf.Message = fmt.Sprintf("no %s with ID %q", what, id)
	if e.Message != "" {
		nf.Message += ": " + e.Message
	}
	return &nf
}
