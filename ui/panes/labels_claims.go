package panes

import "github.com/sellerinbox/sellerinbox/ui/i18n"

// Wildberries claim enum labels and the claims pane's own strings. Groups:
// wb.claim_status (and _short for the list), wb.claim_status_ex,
// wb.claim_action, wb.claim_type. The numeric enums are keyed by their
// decimal value. The wording follows the spec's descriptions.

var claimLabelsEN = map[string]string{
	"wb.claim_status.0":       "Under review",
	"wb.claim_status.1":       "Rejected",
	"wb.claim_status.2":       "Approved",
	"wb.claim_status_short.0": "Under review",
	"wb.claim_status_short.1": "Rejected",
	"wb.claim_status_short.2": "Approved",

	"wb.claim_status_ex.0":  "Claim under review",
	"wb.claim_status_ex.1":  "Goods stay with the buyer (claim rejected)",
	"wb.claim_status_ex.2":  "Buyer hands the goods to WB, they are disposed of",
	"wb.claim_status_ex.5":  "Goods stay with the buyer (claim approved)",
	"wb.claim_status_ex.8":  "Goods go back on sale after WB's check",
	"wb.claim_status_ex.10": "Goods are returned to you",

	"wb.claim_action.approve1":             "Approve, WB checks for a defect",
	"wb.claim_action.approve2":             "Approve and take the goods back",
	"wb.claim_action.autorefund1":          "Refund, goods stay with the buyer",
	"wb.claim_action.reject1":              "Reject: no defect found",
	"wb.claim_action.reject2":              "Reject: ask for photos or video",
	"wb.claim_action.reject3":              "Reject: refer to a service centre",
	"wb.claim_action.rejectcustom":         "Reject with your comment",
	"wb.claim_action.approvecc1":           "Approve, buyer brings the goods to your shop",
	"wb.claim_action.confirmreturngoodcc1": "Confirm the goods came back",

	"wb.claim_type.1": "Buyer portal",
	"wb.claim_type.3": "Chat",

	"claims.comment":     "Buyer's comment",
	"claims.nm_id":       "WB article",
	"claims.ordered":     "Ordered",
	"claims.created":     "Filed",
	"claims.updated":     "Reviewed",
	"claims.price":       "Price",
	"claims.media":       "Media",
	"claims.media_value": "photos: %d, videos: %d",
	"claims.media_short": "%dp %dv",
	"claims.status":      "Decision",
	"claims.status_ex":   "Goods",
	"claims.actions":     "You can",
	"claims.no_actions":  "Nothing to do: the claim is closed",
	"claims.wb_comment":  "Answer to the buyer",
	"claims.srid":        "srid",
	"claims.source":      "Source",
	"claims.id":          "ID",
	"claims.no_product":  "(no name)",
	"claims.unknown":     "code %d",

	"claims.answer_hint":             "Press a to answer.",
	"claims.answer.nothing":          "This claim awaits no answer: it is closed or answered.",
	"claims.answer.on_its_way":       "The answer to this claim is already on its way.",
	"claims.answer.title":            "Answer to the claim: %s",
	"claims.answer.action":           "Answer",
	"claims.answer.comment_title":    "Comment for the buyer · %s",
	"claims.answer.comment_optional": "Optional: leave it empty, or write %d to %d characters the buyer will see.",
	"claims.answer.q":                "Answer the claim for «%s» with “%s”?",
	"claims.answer.q_comment":        "Comment: «%s».",
	"claims.answer.final":            "This cannot be undone.",

	"claims.filter.title":   "Claims filter",
	"claims.filter.show":    "Show",
	"claims.filter.active":  "Active (awaiting your answer)",
	"claims.filter.archive": "Archive (answered, closed)",
	"claims.filter.nm":      "WB article",
	"claims.filter.nm_hint": "digits, empty for all",
	"claims.filter.bad_nm":  "digits only",
	"claims.filter.summary": "Filter: %s · f to change",
	"claims.filter.arch":    "archive",
}

var claimLabelsRU = map[string]string{
	"wb.claim_status.0":       "На рассмотрении",
	"wb.claim_status.1":       "Отклонена",
	"wb.claim_status.2":       "Одобрена",
	"wb.claim_status_short.0": "Рассматривается",
	"wb.claim_status_short.1": "Отклонена",
	"wb.claim_status_short.2": "Одобрена",

	"wb.claim_status_ex.0":  "Заявка на рассмотрении",
	"wb.claim_status_ex.1":  "Товар остаётся у покупателя (заявка отклонена)",
	"wb.claim_status_ex.2":  "Покупатель сдаёт товар на WB, товар отправляется в утиль",
	"wb.claim_status_ex.5":  "Товар остаётся у покупателя (заявка одобрена)",
	"wb.claim_status_ex.8":  "Товар вернётся в продажу после проверки WB",
	"wb.claim_status_ex.10": "Товар возвращается продавцу",

	"wb.claim_action.approve1":             "Одобрить с проверкой брака",
	"wb.claim_action.approve2":             "Одобрить и забрать товар",
	"wb.claim_action.autorefund1":          "Одобрить без возврата товара",
	"wb.claim_action.reject1":              "Отклонить: брак не обнаружен",
	"wb.claim_action.reject2":              "Отклонить: добавить фото или видео",
	"wb.claim_action.reject3":              "Отклонить: направить в сервисный центр",
	"wb.claim_action.rejectcustom":         "Отклонить с комментарием",
	"wb.claim_action.approvecc1":           "Одобрить с возвратом товара в магазин",
	"wb.claim_action.confirmreturngoodcc1": "Подтвердить, что товар получен",

	"wb.claim_type.1": "Портал покупателей",
	"wb.claim_type.3": "Чат",

	"claims.comment":     "Комментарий покупателя",
	"claims.nm_id":       "Артикул WB",
	"claims.ordered":     "Заказан",
	"claims.created":     "Подана",
	"claims.updated":     "Рассмотрена",
	"claims.price":       "Цена",
	"claims.media":       "Вложения",
	"claims.media_value": "фото: %d, видео: %d",
	"claims.media_short": "%dф %dв",
	"claims.status":      "Решение",
	"claims.status_ex":   "Товар",
	"claims.actions":     "Можно",
	"claims.no_actions":  "Действий нет: заявка закрыта",
	"claims.wb_comment":  "Ответ покупателю",
	"claims.srid":        "srid",
	"claims.source":      "Источник",
	"claims.id":          "ID",
	"claims.no_product":  "(без названия)",
	"claims.unknown":     "код %d",

	"claims.answer_hint":             "a — ответить.",
	"claims.answer.nothing":          "Эта заявка не ждёт ответа: она закрыта или уже отвечена.",
	"claims.answer.on_its_way":       "Ответ на эту заявку уже отправляется.",
	"claims.answer.title":            "Ответ на заявку: %s",
	"claims.answer.action":           "Ответ",
	"claims.answer.comment_title":    "Комментарий покупателю · %s",
	"claims.answer.comment_optional": "Необязательно: оставьте пустым или напишите от %d до %d символов — их увидит покупатель.",
	"claims.answer.q":                "Ответить на заявку по «%s»: «%s»?",
	"claims.answer.q_comment":        "Комментарий: «%s».",
	"claims.answer.final":            "Отменить будет нельзя.",

	"claims.filter.title":   "Фильтр заявок",
	"claims.filter.show":    "Показать",
	"claims.filter.active":  "Активные (ждут ответа)",
	"claims.filter.archive": "Архив (отвеченные, закрытые)",
	"claims.filter.nm":      "Артикул WB",
	"claims.filter.nm_hint": "цифры, пусто — все",
	"claims.filter.bad_nm":  "только цифры",
	"claims.filter.summary": "Фильтр: %s · f — изменить",
	"claims.filter.arch":    "архив",
}

func init() {
	i18n.Register(i18n.EN, claimLabelsEN)
	i18n.Register(i18n.RU, claimLabelsRU)
}
