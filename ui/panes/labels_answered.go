package panes

import "github.com/sellerinbox/sellerinbox/ui/i18n"

// Strings for a reply refused because the item had an answer already.

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"wbf.answer.colleague":      "Already answered (by a colleague?) — %s to edit",
		"wbf.answer.colleague.edit": "The feedback was answered before yours was sent (by a colleague?). Sending this edit replaces that answer and uses the one edit Wildberries allows.",
		"wbq.answer.colleague":      "Already answered (by a colleague?) — %s to edit",
		"wbq.answer.colleague.edit": "The question was answered before yours was sent (by a colleague?). Sending this edit replaces that answer.",
	})
	i18n.Register(i18n.RU, map[string]string{
		"wbf.answer.colleague":      "Уже ответили (коллега?) — %s: исправить ответ",
		"wbf.answer.colleague.edit": "На отзыв ответили раньше, чем ушёл ваш ответ (коллега?). Это исправление заменит тот ответ и израсходует единственное исправление, которое разрешает Wildberries.",
		"wbq.answer.colleague":      "Уже ответили (коллега?) — %s: исправить ответ",
		"wbq.answer.colleague.edit": "На вопрос ответили раньше, чем ушёл ваш ответ (коллега?). Это исправление заменит тот ответ.",
	})
}
