package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// GroupLimit is what the client knows of one group's limit: the documented
// numbers, the ones its bucket runs at (never above the documented ones),
// and what the server last said is left.
type GroupLimit struct {
	Group      Group
	Documented Limit
	InForce    Limit
	// Learned is true when InForce was lowered from the server's headers
	// (a basic WB token, a lowered YM quota).
	Learned   bool
	Remaining int // the server's last "remaining", -1 if unknown
	Updated   time.Time
}

// learnedLimits holds, per group, what the headers taught; guarded by the
// limiter's mu.
type learnedLimits struct {
	gen       map[Group]int // bumped on every change, so waiters re-check
	inForce   map[Group]Limit
	remaining map[Group]int
	updated   map[Group]time.Time
}

// LimitsInForce is a snapshot of every group's documented and in-force
// limits, sorted by group.
func (t *Transport) LimitsInForce() []GroupLimit { return t.lim.inForce() }

func (l *limiter) inForce() []GroupLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]GroupLimit, 0, len(l.limits))
	for g, doc := range l.limits {
		gl := GroupLimit{Group: g, Documented: doc, InForce: doc, Remaining: -1}
		if lim, ok := l.learned.inForce[g]; ok {
			gl.InForce, gl.Learned = lim, true
		}
		if r, ok := l.learned.remaining[g]; ok {
			gl.Remaining, gl.Updated = r, l.learned.updated[g]
		}
		out = append(out, gl)
	}
	slices.SortFunc(out, func(a, b GroupLimit) int {
		switch {
		case a.Group < b.Group:
			return -1
		case a.Group > b.Group:
			return 1
		}
		return 0
	})
	return out
}

// learn lowers a group's bucket to what the server's headers announce.
//
// Wildberries: X-Ratelimit-Limit is the burst the token is held to and
// X-Ratelimit-Remaining what is left of it; on a 429, X-Ratelimit-Reset
// says when the burst is whole again and X-Ratelimit-Retry when one more
// request is allowed. A burst below the documented one means a reduced tier
// (a basic token): the bucket takes that burst, and the refill interval that
// Reset or Retry imply. Yandex Market: X-RateLimit-Resource-Limit is the
// hourly quota. Either way the remaining count drains the local bucket, so
// requests spent elsewhere on the account (another app, the web cabinet)
// are not spent twice. Nothing here raises a limit above the table.
func (l *limiter) learn(g Group, m Marketplace, status int, h http.Header) {
	doc, ok := l.limits[g]
	if g == "" || !ok || doc.Per <= 0 {
		return
	}
	l.mu.Lock()
	cur, learned := l.learned.inForce[g]
	if !learned {
		cur = doc
	}
	next := cur
	remaining, haveRemaining := -1, false
	if m == YandexMarket {
		if n, ok := atoi(h.Get("X-RateLimit-Resource-Limit")); ok && n >= doc.Max {
			next = doc
		} else if ok && n > 0 {
			window := doc.Window
			if window <= 0 {
				window = time.Hour
			}
			next = Limit{Per: max(doc.Per, window/time.Duration(n)), Burst: min(doc.Burst, n), Window: window, Max: n}
		}
		remaining, haveRemaining = atoi(h.Get("X-RateLimit-Resource-Remaining"))
	} else {
		remaining, haveRemaining = atoi(h.Get("X-Ratelimit-Remaining"))
		if !haveRemaining && status == http.StatusTooManyRequests {
			remaining, haveRemaining = 0, true
		}
		burst, ok := atoi(h.Get("X-Ratelimit-Limit"))
		switch {
		case !ok || burst <= 0:
		case burst >= doc.Burst:
			// A standard token (or a new one after a basic one): the table.
			next = doc
		default:
			next.Burst = burst
			per := time.Duration(0)
			if reset, ok := atoi(h.Get("X-Ratelimit-Reset")); ok && reset > 0 && haveRemaining && remaining < burst {
				per = time.Duration(reset) * time.Second / time.Duration(burst-remaining)
			} else if retry, ok := atoi(h.Get("X-Ratelimit-Retry")); ok && retry > 0 {
				per = time.Duration(retry) * time.Second
			}
			// The server counts a request when it arrives, the bucket when it
			// leaves; with a burst of one there is no spare token to absorb
			// a request that travels faster than the one before it, so the
			// interval gets a margin of 5% and a quarter second.
			per += per/20 + 250*time.Millisecond
			if per > next.Per {
				next.Per = per
				next.Window = per * time.Duration(next.Burst)
				next.Max = next.Burst
			}
		}
	}
	changed := next != cur
	if changed {
		l.setInForce(g, doc, next)
	}
	if haveRemaining {
		if l.learned.remaining == nil {
			l.learned.remaining, l.learned.updated = map[Group]int{}, map[Group]time.Time{}
		}
		l.learned.remaining[g], l.learned.updated[g] = remaining, l.now()
	}
	b := l.buckets[g]
	l.mu.Unlock()
	if b == nil {
		return
	}
	if changed {
		b.SetLimit(rate.Every(next.Per))
		b.SetBurst(max(1, next.Burst-1))
	}
	if haveRemaining && remaining >= 0 {
		if excess := int(b.Tokens()) - remaining; excess > 0 {
			b.AllowN(time.Now(), excess)
		}
	}
}

// setInForce records next as the group's limit (forgetting it when it is
// the documented one) and wakes waiters to re-check; mu is held.
func (l *limiter) setInForce(g Group, doc, next Limit) {
	if l.learned.inForce == nil {
		l.learned.inForce, l.learned.gen = map[Group]Limit{}, map[Group]int{}
	}
	if next.Per <= doc.Per && next.Burst >= doc.Burst {
		delete(l.learned.inForce, g)
	} else {
		l.learned.inForce[g] = next
	}
	l.learned.gen[g]++
}

// RestoreLimits starts the transport from limits learned in an earlier run
// (a basic token then meets no 429 to relearn them). Only lowered limits
// are taken, each clamped to the table; the next headers correct them
// either way.
func (t *Transport) RestoreLimits(saved []GroupLimit) {
	l := t.lim
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range saved {
		doc, ok := l.limits[s.Group]
		if !ok || !s.Learned || doc.Per <= 0 || s.InForce.Per <= 0 || s.InForce.Burst <= 0 {
			continue
		}
		next := Limit{Per: max(doc.Per, s.InForce.Per), Burst: min(doc.Burst, s.InForce.Burst),
			Window: s.InForce.Window, Max: s.InForce.Max}
		if doc.Max > 0 {
			next.Max = min(doc.Max, next.Max)
		}
		l.setInForce(s.Group, doc, next)
		if b := l.buckets[s.Group]; b != nil {
			b.SetLimit(rate.Every(next.Per))
			b.SetBurst(max(1, next.Burst-1))
		}
	}
}

// formatLimit writes a limit the way the documentation does: "3 per 1 s,
// burst 6".
func formatLimit(l Limit) string {
	if l.Per <= 0 {
		return "none"
	}
	max, window := l.Max, l.Window
	if max <= 0 || window <= 0 {
		max, window = 1, l.Per
	}
	return strconv.Itoa(max) + " per " + durationText(window) + ", burst " + strconv.Itoa(l.Burst)
}

// durationText is "1 h", "12 min 36 s", "333 ms".
func durationText(d time.Duration) string {
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	d = d.Round(time.Second)
	var parts []string
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "h"}, {time.Minute, "min"}, {time.Second, "s"}} {
		if n := d / u.d; n > 0 {
			parts = append(parts, strconv.FormatInt(int64(n), 10)+" "+u.name)
			d -= n * u.d
		}
	}
	return strings.Join(parts, " ")
}

// String is the limit as "3 per 1 s, burst 6".
func (l Limit) String() string { return formatLimit(l) }
