package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Group names one documented rate-limit bucket. Wildberries counts per token
// category; Yandex Market per method (x-resource-limit-config in its spec).
type Group string

const (
	GroupWBFeedbacks Group = "wb.feedbacks" // questions, feedbacks, pins: 3/s, burst 6
	GroupWBChat      Group = "wb.chat"      // 10 per 10 s, burst 10
	GroupWBReturns   Group = "wb.returns"   // 20 per minute, 3 s interval, burst 10
	GroupWBPing      Group = "wb.ping"      // /ping: 3 per 30 s

	GroupYMCampaigns         Group = "ym.getCampaigns"
	GroupYMOrder             Group = "ym.getOrder"
	GroupYMBusinessOrders    Group = "ym.getBusinessOrders"
	GroupYMReturns           Group = "ym.getReturns"
	GroupYMReturn            Group = "ym.getReturn"
	GroupYMSetDecision       Group = "ym.setReturnDecision"
	GroupYMSubmitDecision    Group = "ym.submitReturnDecision"
	GroupYMAvailableDecision Group = "ym.getReturnAvailableDecisions"
	GroupYMApplication       Group = "ym.getReturnApplication"
	GroupYMPhoto             Group = "ym.getReturnPhoto"
)

// Limit is a token bucket: Per is the time one request's budget takes to
// refill (the documented "interval"), Burst the documented burst.
type Limit struct {
	Per   time.Duration
	Burst int
	// Window and Max describe the documented period ("1000 per hour"); the
	// sandbox enforces it as a fixed window.
	Window time.Duration
	Max    int
}

func perHour(n int) Limit {
	return Limit{Per: time.Hour / time.Duration(n), Burst: n, Window: time.Hour, Max: n}
}

// Limits are the documented numbers (../shared/specs, NOTES.md), the most
// the client ever sends; the servers' headers can only lower them
// (ratelimit_learn.go). The sandbox keeps its own reading of the
// documentation, so a wrong number here shows up as 429/420 in tests.
var Limits = map[Group]Limit{
	GroupWBFeedbacks: {Per: 333 * time.Millisecond, Burst: 6, Window: time.Second, Max: 3},
	GroupWBChat:      {Per: time.Second, Burst: 10, Window: 10 * time.Second, Max: 10},
	GroupWBReturns:   {Per: 3 * time.Second, Burst: 10, Window: time.Minute, Max: 20},
	GroupWBPing:      {Per: 10 * time.Second, Burst: 3, Window: 30 * time.Second, Max: 3},

	GroupYMCampaigns:         perHour(1000),
	GroupYMOrder:             perHour(10000),
	GroupYMBusinessOrders:    perHour(10000),
	GroupYMReturns:           perHour(5000),
	GroupYMReturn:            perHour(7000),
	GroupYMSetDecision:       perHour(1000),
	GroupYMSubmitDecision:    perHour(5000),
	GroupYMAvailableDecision: perHour(5000),
	GroupYMApplication:       perHour(5000),
	GroupYMPhoto:             perHour(5000),
}

// YMParallel is Yandex Market's cap on requests in flight per campaign or
// business; one more draws HTTP 420.
const YMParallel = 4

// Budget is what the UI shows about a group: what the server last said is
// left, and until when the client is holding requests back.
type Budget struct {
	Group     Group
	Limit     int       // from the server's headers, 0 if unknown
	Remaining int       // from the server's headers, -1 if unknown
	Reset     time.Time // when the server's window resets, zero if unknown
	WaitUntil time.Time // the client is waiting out a 429/420 until then
	Updated   time.Time
}

// Waiting reports whether requests of the group are held back at now.
func (b Budget) Waiting(now time.Time) bool { return now.Before(b.WaitUntil) }

type limiter struct {
	mu       sync.Mutex
	limits   map[Group]Limit
	buckets  map[Group]*rate.Limiter
	parallel map[string]chan struct{}
	budgets  map[Group]Budget
	pausedTo map[Group]time.Time
	onBudget func(Budget)
	now      func() time.Time
	learned  learnedLimits // what the servers' headers showed (ratelimit_learn.go)
}

func newLimiter(overrides map[Group]Limit, onBudget func(Budget), now func() time.Time) *limiter {
	l := &limiter{
		limits:   make(map[Group]Limit, len(Limits)),
		buckets:  map[Group]*rate.Limiter{},
		parallel: map[string]chan struct{}{},
		budgets:  map[Group]Budget{},
		pausedTo: map[Group]time.Time{},
		onBudget: onBudget,
		now:      now,
	}
	for g, lim := range Limits {
		l.limits[g] = lim
	}
	for g, lim := range overrides {
		l.limits[g] = lim
	}
	return l
}

func (l *limiter) bucket(g Group) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[g]
	if !ok {
		lim, known := l.limits[g]
		if learned, ok := l.learned.inForce[g]; ok {
			lim = learned
		}
		if !known || lim.Per <= 0 {
			b = rate.NewLimiter(rate.Inf, 1)
		} else {
			// One token less than the server's burst: the server counts a
			// request when it arrives, we when it leaves, so our bucket runs a
			// little ahead of its; the spare token absorbs up to a whole
			// interval of network delay instead of drawing a 429.
			b = rate.NewLimiter(rate.Every(lim.Per), max(1, lim.Burst-1))
		}
		l.buckets[g] = b
	}
	return b
}

// wait blocks until the group's bucket and any server-imposed pause allow one
// more request.
func (l *limiter) wait(ctx context.Context, g Group, sleep func(context.Context, time.Duration) error) error {
	if g == "" {
		return nil
	}
	for {
		l.mu.Lock()
		until, gen := l.pausedTo[g], l.learned.gen[g]
		l.mu.Unlock()
		if d := until.Sub(l.now()); d > 0 {
			if err := sleep(ctx, d); err != nil {
				return err
			}
		}
		if err := l.bucket(g).Wait(ctx); err != nil {
			return err
		}
		// A slot reserved before the server taught a lower limit is too
		// early: take another under the new terms. A pause asked for
		// meanwhile is waited out with the slot in hand.
		l.mu.Lock()
		relearned, paused := l.learned.gen[g] != gen, l.pausedTo[g]
		l.mu.Unlock()
		if relearned {
			continue
		}
		if d := paused.Sub(l.now()); paused.After(until) && d > 0 {
			if err := sleep(ctx, d); err != nil {
				return err
			}
		}
		return nil
	}
}

// acquire takes one of the YM parallel slots for key; release gives it back.
func (l *limiter) acquire(ctx context.Context, key string) (release func(), err error) {
	if key == "" {
		return func() {}, nil
	}
	l.mu.Lock()
	ch, ok := l.parallel[key]
	if !ok {
		ch = make(chan struct{}, YMParallel)
		l.parallel[key] = ch
	}
	l.mu.Unlock()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// pausedBeyond reports the end of g's pause when it lies more than budget
// ahead: a request then fails at once instead of sleeping that long.
func (l *limiter) pausedBeyond(g Group, budget time.Duration) (time.Time, bool) {
	if g == "" {
		return time.Time{}, false
	}
	l.mu.Lock()
	until := l.pausedTo[g]
	l.mu.Unlock()
	return until, until.Sub(l.now()) > budget
}

// pause holds the whole group back until t: a 429 is about the account's
// bucket, not just the request that drew it.
func (l *limiter) pause(g Group, t time.Time) {
	l.mu.Lock()
	if t.After(l.pausedTo[g]) {
		l.pausedTo[g] = t
	}
	b := l.budgets[g]
	b.Group = g
	b.WaitUntil = t
	b.Updated = l.now()
	l.budgets[g] = b
	cb := l.onBudget
	l.mu.Unlock()
	if cb != nil {
		cb(b)
	}
}

// observe records what the server's rate-limit headers say.
func (l *limiter) observe(g Group, m Marketplace, h http.Header) {
	if g == "" {
		return
	}
	var limit, remaining int
	var reset time.Time
	now := l.now()
	found := false
	if m == YandexMarket {
		limit, found = atoi(h.Get("X-RateLimit-Resource-Limit"))
		remaining, _ = atoi(h.Get("X-RateLimit-Resource-Remaining"))
		reset, _ = parseResetTime(h.Get("X-RateLimit-Resource-Until"))
	} else {
		limit, found = atoi(h.Get("X-Ratelimit-Limit"))
		var ok bool
		if remaining, ok = atoi(h.Get("X-Ratelimit-Remaining")); ok {
			found = true
		}
		if s, ok := atoi(h.Get("X-Ratelimit-Reset")); ok {
			reset = now.Add(time.Duration(s) * time.Second)
		}
	}
	if !found {
		return
	}
	l.mu.Lock()
	b := l.budgets[g]
	b.Group, b.Limit, b.Remaining, b.Reset, b.Updated = g, limit, remaining, reset, now
	l.budgets[g] = b
	cb := l.onBudget
	l.mu.Unlock()
	if cb != nil {
		cb(b)
	}
}

func (l *limiter) snapshot() []Budget {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Budget, 0, len(l.budgets))
	for _, b := range l.budgets {
		out = append(out, b)
	}
	return out
}

// parseResetTime reads YM's X-RateLimit-Resource-Until: documented as an
// RFC 822 date ("Thu, 10 Jul 2018 00:42:42 GMT", what http.ParseTime
// reads), with a numeric zone or as RFC 3339 accepted as well.
func parseResetTime(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC822Z, time.RFC822, time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
