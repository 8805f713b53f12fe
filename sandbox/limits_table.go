package sandbox

import (
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// TokenType is the kind of Wildberries token the sandbox imitates. WB's
// document gives one limits table per type: personal, service and
// basic-with-secret tokens share the standard numbers, basic tokens have
// far lower ones (wb-communications-2026-08.yaml, every "Лимит запросов"
// table). Yandex Market has no token types.
type TokenType string

const (
	TokenPersonal TokenType = ""      // also service and basic-with-secret tokens
	TokenBasic    TokenType = "basic" // reduced limits, announced in X-Ratelimit-Limit
)

// limitOf builds a bucket from a documented row: Limit requests per
// Period, one every Interval, at most Burst at once.
func limitOf(period time.Duration, limit int, interval time.Duration, burst int) api.Limit {
	return api.Limit{Per: interval, Burst: burst, Window: period, Max: limit}
}

// docLimits is the sandbox's own reading of the documentation, kept apart
// from the client's api.Limits on purpose: when both came from one table, a
// wrong number could never draw a 429 in a test.
var docLimits = map[api.Group]api.Limit{
	// WB, personal/service/basic-with-secret rows.
	api.GroupWBFeedbacks: limitOf(time.Second, 3, 333*time.Millisecond, 6),
	api.GroupWBChat:      limitOf(10*time.Second, 10, time.Second, 10),
	api.GroupWBReturns:   limitOf(time.Minute, 20, 3*time.Second, 10),
	// /ping: 3 requests per 30 s (NOTES.md).
	api.GroupWBPing: limitOf(30*time.Second, 3, 10*time.Second, 3),

	// YM: x-resource-limit-config of ym-returns-orders.yaml, per hour.
	api.GroupYMCampaigns:         ymPerHour(1000),
	api.GroupYMOrder:             ymPerHour(10000),
	api.GroupYMBusinessOrders:    ymPerHour(10000),
	api.GroupYMReturns:           ymPerHour(5000),
	api.GroupYMReturn:            ymPerHour(7000),
	api.GroupYMSetDecision:       ymPerHour(1000),
	api.GroupYMSubmitDecision:    ymPerHour(5000),
	api.GroupYMAvailableDecision: ymPerHour(5000),
	api.GroupYMApplication:       ymPerHour(5000),
	api.GroupYMPhoto:             ymPerHour(5000),
}

// docBasicLimits are the "Базовый" rows, which replace the standard ones
// for a basic token. Chat file downloads have their own basic row (10 per
// hour); the sandbox counts them in the chat bucket like the client does,
// which is the stricter of the two.
var docBasicLimits = map[api.Group]api.Limit{
	api.GroupWBFeedbacks: limitOf(time.Hour, 5, 12*time.Minute, 1),
	api.GroupWBChat:      limitOf(time.Hour, 1, time.Hour, 1),
	api.GroupWBReturns:   limitOf(time.Hour, 1, time.Hour, 1),
}

// ymParallel is Yandex Market's cap on requests in flight per campaign or
// business. The spec says 6 for some order methods, the limits page 4: the
// sandbox holds clients to the lower number (NOTES.md).
const ymParallel = 4

func ymPerHour(n int) api.Limit { return limitOf(time.Hour, n, time.Hour/time.Duration(n), n) }

// limitsFor is the table a token type is held to.
func limitsFor(tok TokenType) map[api.Group]api.Limit {
	out := make(map[api.Group]api.Limit, len(docLimits))
	for g, v := range docLimits {
		out[g] = v
	}
	if tok == TokenBasic {
		for g, v := range docBasicLimits {
			out[g] = v
		}
	}
	return out
}
