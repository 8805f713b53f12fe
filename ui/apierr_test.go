package ui

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// Every kind of api error reads as a sentence in both languages, the new
// ones (too large, redirect refused, wait too long) included.
func TestAPIErrorsAreWordedInBothLanguages(t *testing.T) {
	kinds := []api.Kind{api.KindAuth, api.KindForbidden, api.KindRateLimited, api.KindValidation, api.KindNotFound,
		api.KindConflict, api.KindServer, api.KindNetwork, api.KindDecode, api.KindCanceled,
		api.KindTooLarge, api.KindRedirect, api.KindWaitTooLong}
	en, ru := i18n.New(i18n.EN), i18n.New(i18n.RU)
	for _, k := range kinds {
		for _, mp := range []api.Marketplace{api.Wildberries, api.YandexMarket} {
			svc := api.ServiceWBChat
			if mp == api.YandexMarket {
				svc = api.ServiceYM
			}
			e := &api.Error{Marketplace: mp, Service: svc, Kind: k, Status: 503, Location: "https://elsewhere.example/x",
				RetryAfter: 2 * time.Hour, Err: errors.New("dial tcp: connection refused")}
			got := map[i18n.Lang]string{i18n.EN: ErrorText(e, en), i18n.RU: ErrorText(e, ru)}
			for lang, s := range got {
				if s == "" || strings.Contains(s, "api.") || strings.Contains(s, "%!") {
					t.Errorf("%s %s %s: %q", k, mp, lang, s)
				}
			}
			if k != api.KindCanceled && !hasCyrillic(got[i18n.RU]) {
				t.Errorf("%s %s: not Russian: %q", k, mp, got[i18n.RU])
			}
			if hasCyrillic(got[i18n.EN]) {
				t.Errorf("%s %s: English has Cyrillic: %q", k, mp, got[i18n.EN])
			}
			if k != api.KindCanceled && got[i18n.RU] == got[i18n.EN] {
				t.Errorf("%s %s: same in both: %q", k, mp, got[i18n.EN])
			}
		}
	}
}

func TestAPIErrorSentencesSayWhatIsMissing(t *testing.T) {
	en, ru := i18n.New(i18n.EN), i18n.New(i18n.RU)
	pins := &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBFeedbacks, Op: "POST /api/feedbacks/v1/pins",
		Kind: api.KindForbidden, Status: 403, Code: "no active subscription or tariff"}
	if s := ErrorText(pins, ru); !strings.Contains(s, "Джем") || strings.Contains(s, "нет категории") {
		t.Errorf("ru: %q", s)
	}
	if s := ErrorText(pins, en); !strings.Contains(s, "Jam subscription") || strings.Contains(s, "lacks") {
		t.Errorf("en: %q", s)
	}
	reset := time.Date(2026, 12, 3, 15, 30, 0, 0, time.Local)
	limited := &api.Error{Marketplace: api.YandexMarket, Service: api.ServiceYM, Kind: api.KindRateLimited, Status: 420,
		ResetAt: reset, RetryAfter: 20 * time.Minute}
	for _, tr := range []i18n.T{en, ru} {
		if s := ErrorText(limited, tr); !strings.Contains(s, "15:30:00") {
			t.Errorf("%s: the reset time is not shown: %q", tr.Lang, s)
		}
	}
	hostile := &api.Error{Marketplace: api.Wildberries, Kind: api.KindRedirect, Status: 307, Location: "https://x.example/\x1b]0;t\x07\u202e"}
	for _, tr := range []i18n.T{en, ru} {
		if s := ErrorText(hostile, tr); strings.ContainsAny(s, "\x1b\x07\u202e") || !strings.Contains(s, "x.example") {
			t.Errorf("%s: %q", tr.Lang, s)
		}
	}
}
