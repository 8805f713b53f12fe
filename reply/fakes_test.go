package reply_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// fakeClock is a settable clock shared by the outbox and the test.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// step is one scripted Send: its error and whether the write lands on the
// imaginary marketplace even so.
type step struct {
	err   error
	lands bool
}

// fakeSender imitates a marketplace holding one item: Send follows the
// script, Landed reports whether any send has landed (or a scripted error).
type fakeSender struct {
	mu        sync.Mutex
	script    []step
	checkErrs []error
	landed    bool
	sends     int
	landings  int // writes that reached the marketplace
	checks    int
}

func (f *fakeSender) Send(_ context.Context, _ reply.Entry) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sends++
	s := step{lands: true}
	if len(f.script) > 0 {
		s, f.script = f.script[0], f.script[1:]
	}
	if s.lands {
		f.landed = true
		f.landings++
	}
	return s.err
}

func (f *fakeSender) Landed(_ context.Context, _ reply.Entry) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checks++
	if len(f.checkErrs) > 0 {
		err := f.checkErrs[0]
		f.checkErrs = f.checkErrs[1:]
		if err != nil {
			return false, err
		}
	}
	return f.landed, nil
}

func (f *fakeSender) counts() (sends, landings, checks int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sends, f.landings, f.checks
}

func allKinds(s reply.Sender) reply.Senders {
	out := reply.Senders{}
	for _, k := range reply.Kinds {
		out[k] = s
	}
	return out
}

// Errors as the transport and the clients produce them.
func errServer(unknown bool) error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindServer,
		Status: 503, Retryable: true, Unknown: unknown}
}

func errRate(after time.Duration) error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindRateLimited,
		Status: http.StatusTooManyRequests, Retryable: true, RetryAfter: after}
}

func errNetwork() error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBChat, Kind: api.KindNetwork,
		Retryable: true, Unknown: true, Err: errDropped}
}

var errDropped = errors.New("read: connection reset by peer")

func errInvalid(msg string) error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindValidation,
		Status: http.StatusBadRequest, Message: msg}
}

func errConflict(msg string) error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindConflict, Message: msg}
}

func errAuth() error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindAuth, Status: 401}
}

func errCanceled() error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Kind: api.KindCanceled, Err: context.Canceled}
}

func answerEntry(item string) reply.Entry {
	return reply.Entry{Profile: "main", Kind: reply.KindFeedbackAnswer, ItemID: item, Text: "Спасибо за отзыв!"}
}

func key(profile, item string) reply.DraftKey {
	return reply.DraftKey{Profile: profile, Marketplace: api.Wildberries, Pane: reply.PaneFeedbacks, ItemID: item}
}
