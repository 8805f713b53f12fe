package panes

import (
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The 2026-08 document adds when the buyer received the order and, for
// expensive Apple phones, WB's IMEI check: the detail shows both when sent.
func TestClaimDetailDeliveryAndIMEI(t *testing.T) {
	c := models.Claim{ID: "x", NmID: 42, Price: 1290, CurrencyCode: "643",
		DeliveryDt:   models.Time{Time: time.Date(2025, 4, 9, 14, 36, 7, 0, models.Moscow)},
		OriginIDInfo: "IMEI 359889346153011 не совпадает с IMEI 359889346238986\x1b]0;x\x07"}
	for lang, want := range map[i18n.Lang][]string{
		i18n.EN: {"Received: 09.04.2025 14:36 MSK", "IMEI check: IMEI 359889346153011"},
		i18n.RU: {"Получен: 09.04.2025 14:36 MSK", "Сверка IMEI: IMEI 359889346153011"},
	} {
		env := rcEnv(lang)
		out := stripSGR(claimDetail(newClaimItem(c, false, env.Tr, rcFixedNow), claimExtras{}, 200, env.Styles, env.Tr))
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s detail lacks %q:\n%s", lang, w, out)
			}
		}
		if strings.Contains(out, "\x1b]") {
			t.Errorf("%s: escape sequence reached the screen", lang)
		}
	}
	env := rcEnv(i18n.EN)
	out := stripSGR(claimDetail(newClaimItem(models.Claim{ID: "y"}, false, env.Tr, rcFixedNow), claimExtras{}, 200, env.Styles, env.Tr))
	if strings.Contains(out, "Received") || strings.Contains(out, "IMEI") {
		t.Errorf("absent fields are shown:\n%s", out)
	}
}
