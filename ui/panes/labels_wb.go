package panes

import (
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Enum labels and shared strings of the Wildberries panes (questions,
// feedbacks, chats). Enum ids are "<group>.<raw value>" so i18n.T.Label
// can look them up and show an unknown value as it came.

// Label groups.
const (
	wbGroupQuestionState = "wb.question.state"
	wbGroupFeedbackState = "wb.feedback.state"
	wbGroupAnswerState   = "wb.answer.state"
	wbGroupMatchingSize  = "wb.size"
	wbGroupChatSender    = "wb.chat.sender"
	wbGroupChatSource    = "wb.chat.source"
	wbGroupChatEvent     = "wb.chat.event"
	wbGroupOrderStatus   = "wb.order.status"
)

var wbLabelsEN = map[string]string{
	wbGroupQuestionState + "." + string(models.QuestionNew):      "new",
	wbGroupQuestionState + "." + string(models.QuestionAnswered): "answered",
	wbGroupQuestionState + "." + string(models.QuestionRejected): "rejected",

	wbGroupFeedbackState + "." + string(models.FeedbackNew):       "new",
	wbGroupFeedbackState + "." + string(models.FeedbackProcessed): "processed",

	wbGroupAnswerState + "." + string(models.AnswerNew):            "new",
	wbGroupAnswerState + "." + string(models.AnswerPublished):      "published",
	wbGroupAnswerState + "." + string(models.AnswerReviewRequired): "under moderation",
	wbGroupAnswerState + "." + string(models.AnswerRejected):       "rejected by moderation",

	wbGroupMatchingSize + "." + string(models.SizeOK):      "true to size",
	wbGroupMatchingSize + "." + string(models.SizeSmaller): "runs small",
	wbGroupMatchingSize + "." + string(models.SizeBigger):  "runs large",

	wbGroupChatSender + "." + string(models.ChatSenderClient): "buyer",
	wbGroupChatSender + "." + string(models.ChatSenderSeller): "seller",
	wbGroupChatSender + "." + string(models.ChatSenderWB):     "Wildberries",

	wbGroupChatSource + "." + string(models.ChatSourceSellerPortal): "seller portal",
	wbGroupChatSource + "." + string(models.ChatSourcePublicAPI):    "API",
	wbGroupChatSource + "." + string(models.ChatSourceRuSite):       "wildberries.ru",
	wbGroupChatSource + "." + string(models.ChatSourceGlobal):       "WB Global",
	wbGroupChatSource + "." + string(models.ChatSourceIOS):          "iOS app",
	wbGroupChatSource + "." + string(models.ChatSourceAndroid):      "Android app",

	wbGroupChatEvent + "." + string(models.ChatEventMessage): "message",

	wbGroupOrderStatus + "." + string(models.OrderBuyout):       "bought out",
	wbGroupOrderStatus + "." + string(models.OrderRejected):     "the buyer refused it",
	wbGroupOrderStatus + "." + string(models.OrderReturned):     "the buyer returned it",
	wbGroupOrderStatus + "." + string(models.OrderNotSpecified): "no status yet",

	// Row markers for a buyer who gave the order back.
	"wb.order.mark." + string(models.OrderRejected): "[refused]",
	"wb.order.mark." + string(models.OrderReturned): "[returned]",

	// Shared detail labels.
	"wb.yes":               "yes",
	"wb.no":                "no",
	"wb.product":           "Product",
	"wb.product.name":      "Name",
	"wb.product.nm":        "nmId",
	"wb.product.art":       "Article",
	"wb.product.brand":     "Brand",
	"wb.product.seller":    "Supplier",
	"wb.product.size":      "Size",
	"wb.product.color":     "Colour",
	"wb.date":              "Date",
	"wb.state":             "State",
	"wb.answer":            "Answer",
	"wb.answer.text":       "Text",
	"wb.answer.moderation": "Moderation",
	"wb.answer.edit":       "Can be edited",
	"wb.answer.date":       "Answered",
	"wb.answer.none":       "No answer yet",

	// Shared filter menu.
	"wb.filter.state":      "Show",
	"wb.filter.unanswered": "unanswered",
	"wb.filter.answered":   "answered",
	"wb.filter.nm":         "nmId",
	"wb.filter.article":    "Article or vendor code",
	"wb.filter.product":    "Product",
	"wb.filter.nm_any":     "any product",
	"wb.filter.from":       "From",
	"wb.filter.to":         "To",
	"wb.filter.date_ph":    "DD.MM.YYYY",
	"wb.filter.bad_nm":     "digits only",
	"wb.filter.bad_date":   "use DD.MM.YYYY",
	"wb.filter.bad_period": "ends before it starts",
	"wb.form.apply":        "apply",
	"wb.form.cancel":       "cancel",
	"wb.form.next":         "next field",
	"wb.form.choose":       "choose",
}

var wbLabelsRU = map[string]string{
	wbGroupQuestionState + "." + string(models.QuestionNew):      "новый",
	wbGroupQuestionState + "." + string(models.QuestionAnswered): "отвечен",
	wbGroupQuestionState + "." + string(models.QuestionRejected): "отклонён",

	wbGroupFeedbackState + "." + string(models.FeedbackNew):       "новый",
	wbGroupFeedbackState + "." + string(models.FeedbackProcessed): "обработан",

	wbGroupAnswerState + "." + string(models.AnswerNew):            "новый",
	wbGroupAnswerState + "." + string(models.AnswerPublished):      "опубликован",
	wbGroupAnswerState + "." + string(models.AnswerReviewRequired): "на модерации",
	wbGroupAnswerState + "." + string(models.AnswerRejected):       "отклонён модерацией",

	wbGroupMatchingSize + "." + string(models.SizeOK):      "соответствует размеру",
	wbGroupMatchingSize + "." + string(models.SizeSmaller): "маломерит",
	wbGroupMatchingSize + "." + string(models.SizeBigger):  "большемерит",

	wbGroupChatSender + "." + string(models.ChatSenderClient): "покупатель",
	wbGroupChatSender + "." + string(models.ChatSenderSeller): "продавец",
	wbGroupChatSender + "." + string(models.ChatSenderWB):     "Wildberries",

	wbGroupChatSource + "." + string(models.ChatSourceSellerPortal): "личный кабинет",
	wbGroupChatSource + "." + string(models.ChatSourcePublicAPI):    "API",
	wbGroupChatSource + "." + string(models.ChatSourceRuSite):       "wildberries.ru",
	wbGroupChatSource + "." + string(models.ChatSourceGlobal):       "WB Global",
	wbGroupChatSource + "." + string(models.ChatSourceIOS):          "приложение iOS",
	wbGroupChatSource + "." + string(models.ChatSourceAndroid):      "приложение Android",

	wbGroupChatEvent + "." + string(models.ChatEventMessage): "сообщение",

	wbGroupOrderStatus + "." + string(models.OrderBuyout):       "выкуплен",
	wbGroupOrderStatus + "." + string(models.OrderRejected):     "покупатель отказался",
	wbGroupOrderStatus + "." + string(models.OrderReturned):     "покупатель вернул товар",
	wbGroupOrderStatus + "." + string(models.OrderNotSpecified): "статус не присвоен",

	"wb.order.mark." + string(models.OrderRejected): "[отказ]",
	"wb.order.mark." + string(models.OrderReturned): "[возврат]",

	"wb.yes":               "да",
	"wb.no":                "нет",
	"wb.product":           "Товар",
	"wb.product.name":      "Название",
	"wb.product.nm":        "Артикул WB",
	"wb.product.art":       "Артикул продавца",
	"wb.product.brand":     "Бренд",
	"wb.product.seller":    "Продавец",
	"wb.product.size":      "Размер",
	"wb.product.color":     "Цвет",
	"wb.date":              "Дата",
	"wb.state":             "Статус",
	"wb.answer":            "Ответ",
	"wb.answer.text":       "Текст",
	"wb.answer.moderation": "Модерация",
	"wb.answer.edit":       "Можно изменить",
	"wb.answer.date":       "Дата ответа",
	"wb.answer.none":       "Ответа пока нет",

	"wb.filter.state":      "Показать",
	"wb.filter.unanswered": "без ответа",
	"wb.filter.answered":   "с ответом",
	"wb.filter.nm":         "Артикул WB",
	"wb.filter.article":    "Артикул WB или продавца",
	"wb.filter.product":    "Товар",
	"wb.filter.nm_any":     "любой товар",
	"wb.filter.from":       "С",
	"wb.filter.to":         "По",
	"wb.filter.date_ph":    "ДД.ММ.ГГГГ",
	"wb.filter.bad_nm":     "только цифры",
	"wb.filter.bad_date":   "формат ДД.ММ.ГГГГ",
	"wb.filter.bad_period": "конец раньше начала",
	"wb.form.apply":        "применить",
	"wb.form.cancel":       "отмена",
	"wb.form.next":         "следующее поле",
	"wb.form.choose":       "выбрать",
}

func init() {
	i18n.Register(i18n.EN, wbLabelsEN)
	i18n.Register(i18n.RU, wbLabelsRU)
}

// wbYesNo is a flag as a word of the UI language.
func wbYesNo(tr i18n.T, v bool) string {
	if v {
		return tr.Get("wb.yes")
	}
	return tr.Get("wb.no")
}

// wbOrderStatus names what became of a feedback's order; a value
// Wildberries adds later stays visible as sent.
func wbOrderStatus(tr i18n.T, s models.OrderStatus) string {
	return tr.Label(wbGroupOrderStatus, string(s))
}

// wbOrderMark is the short row marker for a buyer who refused or returned
// the order, "" otherwise.
func wbOrderMark(tr i18n.T, s models.OrderStatus) string {
	if !s.GaveBack() {
		return ""
	}
	return tr.Get("wb.order.mark." + string(s))
}
