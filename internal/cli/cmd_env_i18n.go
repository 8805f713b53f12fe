package cli

import "github.com/sellerinbox/sellerinbox/ui/i18n"

// The passphrase prompts run before the inbox takes the screen, in its
// language.
func init() {
	i18n.Register(i18n.EN, map[string]string{
		"pass.prompt": "Passphrase of the token file:",
		"pass.new":    "New passphrase for the token file:",
		"pass.repeat": "Repeat the passphrase:",
		"pass.wrong":  "Wrong passphrase, %d %s left.",
		"pass.try1":   "try",
		"pass.try2":   "tries",
		"pass.try5":   "tries",
	})
	i18n.Register(i18n.RU, map[string]string{
		"pass.prompt": "Пароль файла токенов:",
		"pass.new":    "Новый пароль для файла токенов:",
		"pass.repeat": "Повторите пароль:",
		"pass.wrong":  "Неверный пароль, ещё %d %s.",
		"pass.try1":   "попытка",
		"pass.try2":   "попытки",
		"pass.try5":   "попыток",
	})
}
