package ui

import (
	"encoding/json"
	"strings"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Labels shared by the search results and the inbox: both list items of
// every pane side by side and name each item's pane and title.

// PaneLabel is the short name of a pane for rows that mix panes
// ("Отзыв", "Chat"), at most PaneLabelWidth cells.
func PaneLabel(tr i18n.T, id PaneID) string { return tr.Get("pane.short." + string(id)) }

// PaneLabelWidth is the widest PaneLabel in either language.
const PaneLabelWidth = 8

// ReturnTitle names a Yandex Market return in the UI language: the store
// keeps an English summary for returns, which have no product title.
func ReturnTitle(tr i18n.T, r models.YMReturn) string {
	id := "item.return"
	if r.ReturnType == models.YMReturnTypeUnredeemed {
		id = "item.unredeemed"
	}
	title := tr.Get(id, r.ID, r.OrderID)
	var skus []string
	for _, it := range r.Items {
		if it.ShopSku != "" {
			skus = append(skus, it.ShopSku)
		}
	}
	if len(skus) > 0 {
		title += ": " + strings.Join(skus, ", ")
	}
	return title
}

// StoredTitle is the title of a stored item as the UI shows it; raw
// (buyer-supplied for chats), so callers sanitize it.
func StoredTitle(tr i18n.T, row store.Row) string {
	if row.Kind == store.KindReturn {
		var r models.YMReturn
		if err := json.Unmarshal(row.Data, &r); err == nil {
			return ReturnTitle(tr, r)
		}
	}
	return row.Title
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"pane.short.returns":   "Return",
		"pane.short.questions": "Question",
		"pane.short.feedbacks": "Feedback",
		"pane.short.chats":     "Chat",
		"pane.short.claims":    "Claim",
		"item.return":          "Return %d, order %d",
		"item.unredeemed":      "Non-purchase %d, order %d",
	})
	i18n.Register(i18n.RU, map[string]string{
		"pane.short.returns":   "Возврат",
		"pane.short.questions": "Вопрос",
		"pane.short.feedbacks": "Отзыв",
		"pane.short.chats":     "Чат",
		"pane.short.claims":    "Заявка",
		"item.return":          "Возврат %d, заказ %d",
		"item.unredeemed":      "Невыкуп %d, заказ %d",
	})
}
