package keys

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// makeJWT builds an unsigned-looking token with the given claims; the
// signature part is junk because ParseWBToken never checks it.
func makeJWT(t *testing.T, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "ES256", "kid": "20250101v1", "typ": "JWT"}) + "." + enc(claims) + ".c2lnbmF0dXJl"
}

func bitsOf(cs ...int) int64 {
	var s int64
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

func TestParseWBToken(t *testing.T) {
	exp := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		tok      string
		cats     []WBCategory
		readOnly bool
		test     bool
		covers   map[api.Service]bool
	}{
		{"feedbacks only", makeJWT(t, map[string]any{"exp": exp.Unix(), "s": bitsOf(7)}), []WBCategory{WBFeedbacks}, false, false,
			map[api.Service]bool{api.ServiceWBFeedbacks: true, api.ServiceWBChat: false, api.ServiceWBReturns: false}},
		{"all three, read-only", makeJWT(t, map[string]any{"exp": exp.Unix(), "s": bitsOf(7, 9, 11, 30)}), []WBCategory{WBFeedbacks, WBChat, WBReturns}, true, false,
			map[api.Service]bool{api.ServiceWBFeedbacks: true, api.ServiceWBChat: true, api.ServiceWBReturns: true}},
		{"content and chat, test token", makeJWT(t, map[string]any{"exp": exp.Unix(), "s": bitsOf(1, 9), "t": true}), []WBCategory{WBContent, WBChat}, false, true,
			map[api.Service]bool{api.ServiceWBFeedbacks: false, api.ServiceWBChat: true}},
		{"Bearer prefix and spaces", " Bearer " + makeJWT(t, map[string]any{"exp": exp.Unix(), "s": bitsOf(11)}) + "\n", []WBCategory{WBReturns}, false, false,
			map[api.Service]bool{api.ServiceWBReturns: true, api.ServiceYM: false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := ParseWBToken(c.tok)
			if err != nil {
				t.Fatal(err)
			}
			if info.Opaque || !info.Expires.Equal(exp) || info.ReadOnly != c.readOnly || info.Test != c.test {
				t.Fatalf("info = %+v", info)
			}
			if got := info.Categories(); !reflect.DeepEqual(got, c.cats) {
				t.Fatalf("Categories = %v, want %v", got, c.cats)
			}
			for svc, want := range c.covers {
				if info.Covers(svc) != want {
					t.Errorf("Covers(%s) = %v, want %v", svc, !want, want)
				}
			}
		})
	}
}

func TestParseWBTokenOpaque(t *testing.T) {
	for _, tok := range []string{
		"sandbox-wb-token",
		"",
		"a.b",
		"eyJhbGciOiJFUzI1NiJ9.!!!notbase64!!!.sig",
		"eyJhbGciOiJFUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte("[1,2]")) + ".sig",
		"eyJhbGciOiJFUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(`{"s":"lots"}`)) + ".sig",
	} {
		info, err := ParseWBToken(tok)
		if !errors.Is(err, ErrOpaqueToken) || !info.Opaque {
			t.Errorf("%q: info %+v, err %v; want Opaque and ErrOpaqueToken", tok, info, err)
		}
		if info.Covers(api.ServiceWBFeedbacks) || info.ExpiresWithin(time.Hour) || len(info.Categories()) != 0 {
			t.Errorf("%q: an opaque token must claim nothing", tok)
		}
	}
}

func TestWBTokenExpiry(t *testing.T) {
	now := time.Now()
	cases := []struct {
		exp     time.Time
		within  bool // within 14 days
		expired bool
	}{
		{now.Add(-time.Hour), true, true},
		{now.Add(3 * 24 * time.Hour), true, false},
		{now.Add(100 * 24 * time.Hour), false, false},
	}
	for _, c := range cases {
		info, err := ParseWBToken(makeJWT(t, map[string]any{"exp": c.exp.Unix(), "s": bitsOf(7)}))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.ExpiresWithin(14 * 24 * time.Hour); got != c.within {
			t.Errorf("exp %s: ExpiresWithin = %v", c.exp, got)
		}
		if got := info.Expired(now); got != c.expired {
			t.Errorf("exp %s: Expired = %v", c.exp, got)
		}
	}
	noExp, _ := ParseWBToken(makeJWT(t, map[string]any{"s": bitsOf(7)}))
	if noExp.Expired(now) || noExp.ExpiresWithin(time.Hour) {
		t.Error("a token without exp is treated as expiring")
	}
}

func TestWBCategoryNames(t *testing.T) {
	if WBFeedbacks.String() != "Questions and feedbacks" || WBCategory(20).String() != "category bit 20" {
		t.Errorf("names: %s, %s", WBFeedbacks, WBCategory(20))
	}
	for _, s := range WBServices {
		c, ok := WBServiceCategory(s)
		if !ok || c.String() != s.Category() {
			t.Errorf("%s: category %s does not match api's %q", s, c, s.Category())
		}
	}
}
