package panes

import (
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// chatsMarkLook marks a chat the events feed cannot vouch for: a buyer
// may be waiting there.
const chatsMarkLook = "?"

// chatsLookRow is the row's short reason for a look.
func chatsLookRow(l models.ChatLook, tr i18n.T) string {
	if l == models.ChatLookUnseen {
		return tr.Get("wbc.look.unseen.row")
	}
	return tr.Get("wbc.look.unknown.row")
}

// chatsLookDetail is the detail's sentence for a look.
func chatsLookDetail(l models.ChatLook, tr i18n.T) string {
	if l == models.ChatLookUnseen {
		return tr.Get("wbc.look.unseen")
	}
	return tr.Get("wbc.look.unknown")
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"wbc.look.unseen.row":  "not in the feed",
		"wbc.look.unknown.row": "sender unknown",
		"wbc.look.unseen":      "The last message is newer than anything the events feed has for this chat, so it may be the buyer's: have a look.",
		"wbc.look.unknown":     "Who wrote last is unknown, so the buyer may be waiting: have a look.",
	})
	i18n.Register(i18n.RU, map[string]string{
		"wbc.look.unseen.row":  "нет в ленте",
		"wbc.look.unknown.row": "отправитель неизвестен",
		"wbc.look.unseen":      "Последнее сообщение новее всего, что есть об этом чате в ленте событий, — возможно, его написал покупатель: проверьте.",
		"wbc.look.unknown":     "Неизвестно, кто написал последним, — возможно, покупатель ждёт ответа: проверьте.",
	})
}
