package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/keys"
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
		o := NewOnboarding(NewEnv(context.Background(), c.lang), keys.Placement{Kind: keys.InFileNoBus, Path: "/srv/tokens.age"})
		o.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		v := o.View()
		if !strings.Contains(v.Content, c.text) || !strings.Contains(v.Content, "/srv/tokens.age") || !v.AltScreen {
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

// TestOnboardingSaysWhereTokensGoInItsLanguage: the Russian screen ended in
// English ("no D-Bus session bus: tokens are kept in an encrypted file
// at …"), the token store's sentence for logs. Every placement is worded
// in the screen's language; only the path, the variable names and the
// system's own failure text stay as they are.
func TestOnboardingSaysWhereTokensGoInItsLanguage(t *testing.T) {
	placements := []keys.Placement{
		{Kind: keys.InKeyring},
		{Kind: keys.InFileKeyringOff, Path: "/srv/tokens.age"},
		{Kind: keys.InFileNoBus, Path: "/srv/tokens.age"},
		{Kind: keys.InFileKeyringBroken, Path: "/srv/tokens.age", Why: "timeout"},
		{Kind: keys.InFileNoBus, Path: "/srv/tokens.age", Override: []string{"SELLERINBOX_WB_TOKEN"}},
	}
	english := []string{"tokens", "kept", "keyring is", "session bus", "environment", "encrypted file"}
	for _, p := range placements {
		o := NewOnboarding(NewEnv(context.Background(), i18n.RU), p)
		o.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
		note := o.storeNote()
		words := note
		for _, name := range append([]string{p.Path, "SELLERINBOX_KEYRING"}, p.Override...) {
			if name != "" {
				words = strings.ReplaceAll(words, name, "")
			}
		}
		for _, w := range english {
			if strings.Contains(strings.ToLower(words), w) {
				t.Errorf("kind %d: the Russian note has %q: %s", p.Kind, w, note)
			}
		}
		if !strings.Contains(o.View().Content, strings.Fields(note)[0]) {
			t.Errorf("kind %d: the screen does not show the note %q", p.Kind, note)
		}
		if p.Path != "" && !strings.Contains(note, p.Path) {
			t.Errorf("kind %d: the note lacks the path: %s", p.Kind, note)
		}
	}
}
