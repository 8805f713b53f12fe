package ui

import (
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// apiErrSentence words each api.Kind; it mirrors api.Error.Human, which
// stays English for stderr and logs.
func apiErrSentence(tr i18n.T, e *api.Error) string {
	mp := tr.Get("api.mp.wb")
	if e.Marketplace == api.YandexMarket {
		mp = tr.Get("api.mp.ym")
	}
	when := func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") }
	switch e.Kind {
	case api.KindAuth:
		if e.Marketplace == api.YandexMarket {
			return tr.Get("api.auth.ym")
		}
		return tr.Get("api.auth.wb", tr.Get("api.category."+string(e.Service)))
	case api.KindForbidden:
		switch {
		case e.Marketplace == api.YandexMarket:
			return tr.Get("api.forbidden.ym")
		case e.PaidFeature():
			return tr.Get("api.forbidden.pins")
		}
		return tr.Get("api.forbidden.wb", tr.Get("api.category."+string(e.Service)))
	case api.KindRateLimited:
		switch {
		case !e.ResetAt.IsZero():
			return tr.Get("api.rate.until", mp, when(e.ResetAt))
		case e.RetryAfter > 0:
			return tr.Get("api.rate.in", mp, e.RetryAfter.Round(time.Second))
		}
		return tr.Get("api.rate", mp)
	case api.KindValidation:
		return tr.Get("api.validation", mp)
	case api.KindNotFound:
		return tr.Get("api.not_found", mp)
	case api.KindConflict:
		return tr.Get("api.conflict", mp)
	case api.KindServer:
		return tr.Get("api.server", mp, e.Status)
	case api.KindNetwork:
		if r := e.NetworkReason(); r != "" {
			return tr.Get("api.network.reason", mp, tr.Get("api.net."+r))
		}
		return tr.Get("api.network", mp)
	case api.KindDecode:
		return tr.Get("api.decode", mp)
	case api.KindCanceled:
		return tr.Get("api.canceled")
	case api.KindTooLarge:
		return tr.Get("api.too_large", mp, api.MaxBody>>20)
	case api.KindRedirect:
		return tr.Get("api.redirect", mp, safe.Line(e.Location))
	case api.KindWaitTooLong:
		var wait string
		switch {
		case !e.ResetAt.IsZero():
			wait = tr.Get("api.wait.until", when(e.ResetAt))
		case e.RetryAfter > 48*time.Hour:
			days := int(e.RetryAfter / (24 * time.Hour))
			wait = tr.Get("api.wait.days", days, tr.Plural(days, tr.Get("api.wait.day.one"), tr.Get("api.wait.day.few"), tr.Get("api.wait.day.many")))
		default:
			wait = e.RetryAfter.Round(time.Second).String()
		}
		return tr.Get("api.wait_too_long", mp, wait, e.Status)
	}
	return tr.Get("api.other", mp, e.Status)
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"api.mp.wb":                  "Wildberries",
		"api.mp.ym":                  "Yandex Market",
		"api.category.wb-feedbacks":  "Questions and feedbacks",
		"api.category.wb-chat":       "Buyer chat",
		"api.category.wb-returns":    "Buyer returns",
		"api.auth.ym":                "Yandex Market rejected the Api-Key: it is missing, wrong or revoked; run `sellerinbox login ym`",
		"api.auth.wb":                "Wildberries rejected the token for %q: it is missing, wrong or expired; run `sellerinbox login wb`",
		"api.forbidden.ym":           "Yandex Market denied access: the Api-Key has no rights for this campaign or method",
		"api.forbidden.wb":           "the Wildberries token lacks the %q category (or is read-only); issue a token with it",
		"api.forbidden.pins":         "Wildberries refused: pinning feedbacks needs an active Jam subscription or the \"Pin feedback\" tariff option in the seller portal",
		"api.rate.until":             "%s rate limit reached; it resets at %s",
		"api.rate.in":                "%s rate limit reached; retry in %s",
		"api.rate":                   "%s rate limit reached; try again shortly",
		"api.validation":             "%s refused the request as invalid",
		"api.not_found":              "%s: not found",
		"api.conflict":               "%s: the item changed meanwhile",
		"api.server":                 "%s server error %d; it will be retried",
		"api.network":                "cannot reach %s",
		"api.network.reason":         "cannot reach %s: %s",
		"api.net.timed out":          "timed out",
		"api.net.connection refused": "connection refused",
		"api.net.host not found":     "host not found",
		"api.net.connection reset":   "connection reset",
		"api.net.connection closed":  "connection closed",
		"api.net.network error":      "network error",
		"api.decode":                 "%s sent a response that could not be read",
		"api.canceled":               "request canceled",
		"api.too_large":              "%s sent a response larger than %d MB; it was not read",
		"api.redirect":               "%s answered with a redirect to %q; API requests are never redirected, so nothing was followed or re-sent (check the API address)",
		"api.wait.until":             "until %s",
		"api.wait.days":              "%d %s",
		"api.wait.day.one":           "day",
		"api.wait.day.few":           "days",
		"api.wait.day.many":          "days",
		"api.wait_too_long":          "%s asked to wait %s before trying again (status %d); that is longer than an hour, so the request failed",
		"api.other":                  "%s error %d",
	})
	i18n.Register(i18n.RU, map[string]string{
		"api.mp.wb":                  "Wildberries",
		"api.mp.ym":                  "Яндекс Маркет",
		"api.category.wb-feedbacks":  "Вопросы и отзывы",
		"api.category.wb-chat":       "Чат с покупателями",
		"api.category.wb-returns":    "Возвраты покупателями",
		"api.auth.ym":                "Яндекс Маркет отклонил Api-Key: он не задан, неверен или отозван; выполните `sellerinbox login ym`",
		"api.auth.wb":                "Wildberries отклонил токен для категории «%s»: он не задан, неверен или истёк; выполните `sellerinbox login wb`",
		"api.forbidden.ym":           "Яндекс Маркет отказал в доступе: у Api-Key нет прав на этот магазин или метод",
		"api.forbidden.wb":           "в токене Wildberries нет категории «%s» (или он только для чтения); выпустите токен с ней",
		"api.forbidden.pins":         "Wildberries отказал: для закрепления отзывов нужна подписка «Джем» или тарифная опция «Закрепление отзыва» в личном кабинете продавца",
		"api.rate.until":             "%s: лимит запросов исчерпан до %s",
		"api.rate.in":                "%s: лимит запросов исчерпан, повтор через %s",
		"api.rate":                   "%s: лимит запросов исчерпан, попробуйте чуть позже",
		"api.validation":             "%s отклонил запрос как неверный",
		"api.not_found":              "%s: не найдено",
		"api.conflict":               "%s: элемент успел измениться",
		"api.server":                 "%s: ошибка сервера %d, запрос будет повторён",
		"api.network":                "%s недоступен",
		"api.network.reason":         "%s недоступен: %s",
		"api.net.timed out":          "нет ответа вовремя",
		"api.net.connection refused": "соединение отклонено",
		"api.net.host not found":     "сервер не найден",
		"api.net.connection reset":   "соединение сброшено",
		"api.net.connection closed":  "соединение закрыто",
		"api.net.network error":      "ошибка сети",
		"api.decode":                 "%s прислал ответ, который не удалось прочитать",
		"api.canceled":               "запрос отменён",
		"api.too_large":              "%s прислал ответ больше %d МБ; он не прочитан",
		"api.redirect":               "%s ответил перенаправлением на %q; запросы к API не перенаправляются, поэтому ничего не отправлено повторно (проверьте адрес API)",
		"api.wait.until":             "до %s",
		"api.wait.days":              "%d %s",
		"api.wait.day.one":           "день",
		"api.wait.day.few":           "дня",
		"api.wait.day.many":          "дней",
		"api.wait_too_long":          "%s просит подождать %s перед повтором (статус %d) — это дольше часа, поэтому запрос не выполнен",
		"api.other":                  "%s: ошибка %d",
	})
}
