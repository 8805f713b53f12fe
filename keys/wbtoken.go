package keys

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// ErrOpaqueToken means the token is not a JWT (the sandbox's demo token, or
// something mangled in copying): nothing can be learnt from it locally, so
// only calling the services tells what it can do.
var ErrOpaqueToken = errors.New("not a Wildberries JWT")

// WBCategory is a bit number in the token's "s" claim.
type WBCategory int

// Wildberries token categories (bits of "s"). This program uses the three
// buyer-communication ones; the others are named so `status` can list them.
const (
	WBContent     WBCategory = 1
	WBAnalytics   WBCategory = 2
	WBPrices      WBCategory = 3
	WBMarketplace WBCategory = 4
	WBStatistics  WBCategory = 5
	WBPromotion   WBCategory = 6
	WBFeedbacks   WBCategory = 7 // questions and feedbacks
	WBChat        WBCategory = 9 // buyer chat
	WBSupplies    WBCategory = 10
	WBReturns     WBCategory = 11 // buyer returns (claims)
	WBDocuments   WBCategory = 12

	// wbReadOnlyBit is not a category: set, the token cannot change anything.
	wbReadOnlyBit = 30
)

var wbCategoryNames = map[WBCategory]string{
	WBContent:     "Content",
	WBAnalytics:   "Analytics",
	WBPrices:      "Prices and discounts",
	WBMarketplace: "Marketplace",
	WBStatistics:  "Statistics",
	WBPromotion:   "Promotion",
	WBFeedbacks:   "Questions and feedbacks",
	WBChat:        "Buyer chat",
	WBSupplies:    "Supplies",
	WBReturns:     "Buyer returns",
	WBDocuments:   "Documents",
}

func (c WBCategory) String() string {
	if n, ok := wbCategoryNames[c]; ok {
		return n
	}
	return fmt.Sprintf("category bit %d", int(c))
}

// WBServiceCategory is the category a Wildberries service needs.
func WBServiceCategory(s api.Service) (WBCategory, bool) {
	switch s {
	case api.ServiceWBFeedbacks:
		return WBFeedbacks, true
	case api.ServiceWBChat:
		return WBChat, true
	case api.ServiceWBReturns:
		return WBReturns, true
	}
	return 0, false
}

// WBServices are the Wildberries services this program uses, in pane order.
var WBServices = []api.Service{api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns}

// WBTokenInfo is what a Wildberries token says about itself.
type WBTokenInfo struct {
	// Opaque: not a JWT; every other field is zero.
	Opaque   bool
	Expires  time.Time // zero when the token carries no "exp"
	Scopes   uint64    // the raw "s" bitmask
	ReadOnly bool
	// Test: a sandbox-only token ("t": true), useless against production.
	Test bool
}

type wbClaims struct {
	Exp *json.Number `json:"exp"`
	S   *json.Number `json:"s"`
	T   bool         `json:"t"`
}

// ParseWBToken decodes the JWT payload locally. The signature is NOT
// verified: this only predicts what the services will allow, and they check
// the signature themselves.
func ParseWBToken(tok string) (WBTokenInfo, error) {
	opaque := func(why string) (WBTokenInfo, error) {
		return WBTokenInfo{Opaque: true}, fmt.Errorf("%w: %s", ErrOpaqueToken, why)
	}
	tok = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tok), "Bearer "))
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return opaque("it does not have the three dot-separated parts of a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return opaque("its payload is not base64url")
	}
	var c wbClaims
	dec := json.NewDecoder(strings.NewReader(string(payload)))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		return opaque("its payload is not a JSON object")
	}
	info := WBTokenInfo{Test: c.T}
	if c.Exp != nil {
		sec, err := c.Exp.Int64()
		if err != nil {
			f, ferr := c.Exp.Float64()
			if ferr != nil {
				return opaque("its exp claim is not a number")
			}
			sec = int64(f)
		}
		info.Expires = time.Unix(sec, 0).UTC()
	}
	if c.S != nil {
		s, err := c.S.Int64()
		if err != nil || s < 0 {
			return opaque("its s claim is not a bitmask")
		}
		info.Scopes = uint64(s)
		info.ReadOnly = info.Scopes&(1<<wbReadOnlyBit) != 0
	}
	return info, nil
}

// Has reports whether the category's bit is set.
func (i WBTokenInfo) Has(c WBCategory) bool {
	return c > 0 && c < 64 && c != wbReadOnlyBit && i.Scopes&(1<<uint(c)) != 0
}

// Categories lists the granted categories in bit order, the read-only flag
// excluded.
func (i WBTokenInfo) Categories() []WBCategory {
	var out []WBCategory
	for s := i.Scopes &^ (1 << wbReadOnlyBit); s != 0; s &= s - 1 {
		out = append(out, WBCategory(bits.TrailingZeros64(s)))
	}
	return out
}

// Covers reports whether the token claims the category the service needs.
// An opaque token claims nothing; only a call can tell.
func (i WBTokenInfo) Covers(s api.Service) bool {
	c, ok := WBServiceCategory(s)
	return ok && !i.Opaque && i.Has(c)
}

// Expired reports whether the token's expiry has passed at now.
func (i WBTokenInfo) Expired(now time.Time) bool {
	return !i.Expires.IsZero() && !now.Before(i.Expires)
}

// ExpiresWithin reports whether the token expires within d from now (an
// already expired token does too).
func (i WBTokenInfo) ExpiresWithin(d time.Duration) bool {
	return !i.Expires.IsZero() && time.Until(i.Expires) < d
}
