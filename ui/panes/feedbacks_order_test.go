package panes

import (
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A buyer who returned or refused the order is marked on the row and named
// in the detail; a bought-out order only shows in the detail.
func TestFeedbackOrderStatusShown(t *testing.T) {
	st := wbTestEnv(i18n.EN).Styles
	fb := func(s models.OrderStatus) models.Feedback {
		return models.Feedback{ID: "f1", Text: "Не подошло", ProductValuation: 2, UserName: "Анна", OrderStatus: s,
			CreatedDate: models.Time{Time: wbFixedNow.Add(-time.Hour)}, ProductDetails: models.WBProductDetails{NmID: 7, ProductName: "Кружка"}}
	}
	cases := []struct {
		lang     i18n.Lang
		status   models.OrderStatus
		row      string // "" means no marker
		detail   string
		noMarker []string
	}{
		{i18n.EN, models.OrderReturned, "[returned] Не подошло — Кружка", "Order: the buyer returned it", nil},
		{i18n.EN, models.OrderRejected, "[refused] Не подошло — Кружка", "Order: the buyer refused it", nil},
		{i18n.EN, models.OrderBuyout, "", "Order: bought out", []string{"[returned]", "[refused]"}},
		{i18n.EN, models.OrderNotSpecified, "", "Order: no status yet", []string{"[returned]", "[refused]"}},
		{i18n.EN, "lostInTransit", "", "Order: lostInTransit", nil},
		{i18n.RU, models.OrderReturned, "[возврат] Не подошло — Кружка", "Заказ: покупатель вернул товар", nil},
		{i18n.RU, models.OrderRejected, "[отказ] Не подошло — Кружка", "Заказ: покупатель отказался", nil},
		{i18n.RU, models.OrderBuyout, "", "Заказ: выкуплен", []string{"[возврат]", "[отказ]"}},
	}
	for _, c := range cases {
		tr := i18n.New(c.lang)
		r := newFeedbackRow(fb(c.status), wbFixedNow, tr)
		row := stripSGR(feedbacksRow(r, 120, false, st))
		if c.row != "" && !contains(row, c.row) {
			t.Errorf("%s %s: row lacks %q: %q", c.lang, c.status, c.row, row)
		}
		for _, m := range c.noMarker {
			if contains(row, m) {
				t.Errorf("%s %s: row marked %q: %q", c.lang, c.status, m, row)
			}
		}
		if d := stripSGR(feedbacksDetail(r, 70, st, tr)); !contains(d, c.detail) {
			t.Errorf("%s %s: detail lacks %q:\n%s", c.lang, c.status, c.detail, d)
		}
	}
	// No orderStatus sent (older answers): nothing shown.
	tr := i18n.New(i18n.EN)
	if d := stripSGR(feedbacksDetail(newFeedbackRow(fb(""), wbFixedNow, tr), 70, st, tr)); contains(d, "Order:") {
		t.Errorf("an absent status is shown:\n%s", d)
	}
}
