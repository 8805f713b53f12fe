package ui

import "github.com/sellerinbox/sellerinbox/ui/i18n"

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"profiles.title_campaign":   "Switch profile or campaign",
		"profiles.campaign":         "Campaign",
		"profiles.only_one":         "One profile, one campaign: add a profile with sellerinbox login --profile NAME",
		"profiles.campaigns_failed": "campaigns not listed: %s",
	})
	i18n.Register(i18n.RU, map[string]string{
		"profiles.title_campaign":   "Сменить профиль или магазин",
		"profiles.campaign":         "Магазин",
		"profiles.only_one":         "Один профиль и один магазин: добавьте профиль командой sellerinbox login --profile ИМЯ",
		"profiles.campaigns_failed": "список магазинов не получен: %s",
	})
}
