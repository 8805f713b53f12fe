package ui

import "github.com/sellerinbox/sellerinbox/ui/i18n"

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"status.offline_cached": "offline: showing saved data",
		"status.offline_store":  "offline: browsing the saved inbox",
		"status.sync_failed":    "background sync: %s",
		"notify.gain":           "%d new in %s",
	})
	i18n.Register(i18n.RU, map[string]string{
		"status.offline_cached": "нет связи: показаны сохранённые данные",
		"status.offline_store":  "нет связи: работаем с сохранённым",
		"status.sync_failed":    "фоновая синхронизация: %s",
		"notify.gain":           "новых: %d — %s",
	})
}
