package sandbox

import (
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// serverLimits enforces the documented buckets (limits_table.go) per
// account and group, the way the real services do: a token bucket refilling
// one request per interval up to the burst. Limits always run on the wall
// clock, even when the data clock is fixed for golden tests.
type serverLimits struct {
	mu       sync.Mutex
	limits   map[api.Group]api.Limit
	off      bool
	buckets  map[string]*bucket
	inflight map[string]int
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newServerLimits(overrides map[api.Group]api.Limit, off bool, tok TokenType) *serverLimits {
	l := &serverLimits{limits: limitsFor(tok), off: off, buckets: map[string]*bucket{}, inflight: map[string]int{}}
	for g, v := range overrides {
		l.limits[g] = v
	}
	return l
}

// take spends one request of the group's bucket. When it is empty, ok is
// false and wait says when the next request will be allowed.
func (l *serverLimits) take(account string, g api.Group) (wait time.Duration, hdr map[string]string, ok bool) {
	lim, known := l.limits[g]
	if l.off || !known || lim.Per <= 0 || g == "" {
		return 0, nil, true
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	key := account + "/" + string(g)
	b, exists := l.buckets[key]
	if !exists {
		b = &bucket{tokens: float64(lim.Burst), last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(float64(lim.Burst), b.tokens+float64(now.Sub(b.last))/float64(lim.Per))
	b.last = now
	full := time.Duration((float64(lim.Burst) - b.tokens) * float64(lim.Per))
	ymStyle := len(g) > 3 && g[:3] == "ym."
	if b.tokens < 1 {
		wait = time.Duration((1 - b.tokens) * float64(lim.Per))
		if ymStyle {
			return wait, map[string]string{
				"X-RateLimit-Resource-Limit":     strconv.Itoa(lim.Max),
				"X-RateLimit-Resource-Remaining": "0",
			}, false
		}
		return wait, map[string]string{
			"X-Ratelimit-Limit": strconv.Itoa(lim.Burst),
			"X-Ratelimit-Reset": strconv.Itoa(int(math.Ceil(full.Seconds()))),
		}, false
	}
	b.tokens--
	remaining := int(b.tokens)
	if ymStyle {
		return 0, map[string]string{
			"X-RateLimit-Resource-Limit":     strconv.Itoa(lim.Max),
			"X-RateLimit-Resource-Remaining": strconv.Itoa(remaining),
			"X-RateLimit-Resource-Until":     ymResetTime(now.Add(lim.Window)),
		}, true
	}
	return 0, map[string]string{
		"X-Ratelimit-Remaining": strconv.Itoa(remaining),
		"X-Ratelimit-Limit":     strconv.Itoa(lim.Burst),
	}, true
}

// enter counts a request in flight for a YM campaign/business; more than
// ymParallel at once is refused.
func (l *serverLimits) enter(key string) (release func(), ok bool) {
	if l.off {
		return func() {}, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight[key] >= ymParallel {
		return nil, false
	}
	l.inflight[key]++
	return func() {
		l.mu.Lock()
		l.inflight[key]--
		l.mu.Unlock()
	}, true
}

// burst is the group's burst in force, what X-Ratelimit-Limit announces
// (also on a 429 drawn by a fault, which must not teach a client a lower
// limit than the token has).
func (l *serverLimits) burst(g api.Group) int {
	if l.off {
		// No limits in force: nothing to announce, so a fault's 429
		// cannot teach a client a limit the server does not have.
		return 0
	}
	if lim, ok := l.limits[g]; ok && lim.Burst > 0 {
		return lim.Burst
	}
	return 1
}
