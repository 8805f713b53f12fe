package reply

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
)

// Refusal is a failure with a way forward the UI offers.
type Refusal string

// RefusalAnswered: the question or feedback already had an answer (a
// colleague's, most likely), so nothing was sent; the way forward is the
// edit.
const RefusalAnswered Refusal = "answered"

func refusalOf(err error) Refusal {
	if errors.Is(err, wb.ErrAlreadyAnswered) {
		return RefusalAnswered
	}
	return ""
}

// Backoff spaces automatic retries: Base, 2×Base, 4×Base ... up to Max,
// with jitter so that a queue of replies does not retry in lockstep.
type Backoff struct {
	Base, Max time.Duration
}

// DefaultBackoff suits the marketplaces' per-second and per-minute limits.
var DefaultBackoff = Backoff{Base: 2 * time.Second, Max: 5 * time.Minute}

// delay is the wait before attempt number attempts+1; jitter draws from
// [0, d) and the result lies in [d/2, d].
func (b Backoff) delay(attempts int, jitter func(time.Duration) time.Duration) time.Duration {
	d := b.Base
	for i := 1; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + min(max(jitter(half), 0), half)
}

func randJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// class is what an error means for delivery.
type class int

const (
	classFinal     class = iota // the marketplace refused: stop, keep the text
	classConflict               // the item changed, or the write may have landed: read back
	classRetryable              // temporary: try again later
)

func classify(err error) class {
	e, ok := api.AsError(err)
	if !ok {
		return classFinal // local problems (a file gone) do not heal by waiting
	}
	switch e.Kind {
	case api.KindConflict:
		return classConflict
	case api.KindRateLimited, api.KindServer, api.KindNetwork, api.KindDecode, api.KindCanceled:
		return classRetryable
	}
	if e.Status >= 200 && e.Status < 300 {
		// Refused inside a 2xx answer (an envelope error, attachments that
		// failed): the write itself may have been accepted.
		return classConflict
	}
	return classFinal
}

// mayHaveLanded reports whether the failed attempt could have changed
// something on the marketplace.
func mayHaveLanded(err error) bool {
	e, ok := api.AsError(err)
	if !ok {
		return false
	}
	switch e.Kind {
	case api.KindNetwork, api.KindDecode, api.KindCanceled, api.KindConflict:
		return true
	}
	return e.Unknown || (e.Status >= 200 && e.Status < 300)
}

// retryAfter is the server's requested wait, if any.
func retryAfter(err error) time.Duration {
	if e, ok := api.AsError(err); ok {
		return e.RetryAfter
	}
	return 0
}

// human is the sentence stored in LastError: the marketplace's or our
// validator's own words where they say more than the generic sentence.
func human(err error) string {
	var e *api.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	switch e.Kind {
	case api.KindValidation, api.KindConflict, api.KindNotFound:
		if e.Message != "" {
			if e.Status == 0 { // raised on our side: the message is the sentence
				return e.Message
			}
			return e.Human() + ": " + e.Message
		}
	}
	return e.Error()
}
