package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func TestOnboarding(t *testing.T) {
	cases := []struct {
		lang i18n.Lang
		key  string
		want OnboardingChoice
		text string
	}{
		{i18n.EN, "d", OnboardingDemo, "explore the demo sandbox"},
		{i18n.RU, "в", OnboardingDemo, "открыть демо-песочницу"},
		{i18n.EN, "q", OnboardingQuit, "sellerinbox login wb"},
		{i18n.RU, "й", OnboardingQuit, "sellerinbox login ym"},
	}
	for _, c := range cases {
		o := NewOnboarding(NewEnv(context.Background(), c.lang), "no keyring here")
		o.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		v := o.View()
		if !strings.Contains(v.Content, c.text) || !strings.Contains(v.Content, "no keyring here") || !v.AltScreen {
			t.Errorf("%s view lacks %q:\n%s", c.lang, c.text, v.Content)
		}
		// Other keys do nothing.
		if _, cmd := o.Update(keyPress("x")); cmd != nil {
			t.Errorf("x quit")
		}
		_, cmd := o.Update(keyPress(c.key))
		if cmd == nil || o.Choice != c.want {
			t.Errorf("%s: choice %v", c.key, o.Choice)
		}
	}
}
