package app

import (
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
)

// wbJWT is a WB token shaped as WB issues them: a JWT whose "s" claim has
// the given category bits, expiring at exp (the signature is not checked
// locally).
func wbJWT(t *testing.T, exp time.Time, bits ...int) string {
	t.Helper()
	var s int64
	for _, b := range bits {
		s |= 1 << b
	}
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "ES256", "typ": "JWT"}) + "." +
		enc(map[string]any{"exp": exp.Unix(), "s": s, "id": "0a1b2c3d", "sid": "seller-1"}) + ".c2lnbmF0dXJlLXNpZ25hdHVyZQ"
}

// wbRouteOf routes the given tokens (empty strings left out) as a session
// does.
func wbRouteOf(now time.Time, toks ...string) keys.WBRoute {
	var list []api.Secret
	for _, t := range toks {
		if t != "" {
			list = append(list, api.NewSecret(t))
		}
	}
	return keys.RouteWB(list, now)
}
