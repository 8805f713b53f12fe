package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// pressP presses P and runs the command it returns, as the program would,
// delivering its message.
func pressP(t *testing.T, a *App) {
	t.Helper()
	_, cmd := a.Update(tea.KeyPressMsg{Code: 'P', Text: "P"})
	if cmd == nil {
		t.Fatal("P returned no command to read the profiles")
	}
	msg := cmd()
	if _, ok := msg.(switchableMsg); !ok {
		t.Fatalf("P's command gave %T", msg)
	}
	a.Update(msg)
}

// The switcher lists what Switchable reads when P is pressed, not what the
// app started with, and picks a campaign of the current profile.
func TestSwitcherReadsProfilesAndCampaignsWhenOpened(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	profiles := []string{"shop1"}
	reads := 0
	read := func(context.Context) Switchable {
		reads++
		return Switchable{Profiles: profiles, Campaigns: []CampaignChoice{{ID: 1000, Name: "Уютный дом — FBS"}, {ID: 1003, Name: "Казань\x1b[31m"}}}
	}
	a := New(env, AppOptions{Profile: "shop1", Profiles: []string{"shop1"}, Switchable: read, Campaign: 1000})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	profiles = []string{"shop1", "shop2"} // logged in while the app runs
	pressP(t, a)
	if reads != 1 || openSwitcherForm(a) == nil {
		t.Fatalf("reads %d, switcher open %v", reads, openSwitcherForm(a) != nil)
	}
	screen := a.render()
	for _, want := range []string{"Switch profile or campaign", "shop1", "1000 · Уютный дом — FBS"} {
		if !strings.Contains(screen, want) {
			t.Errorf("switcher lacks %q:\n%s", want, screen)
		}
	}
	if openSwitcherForm(a).Value("profile") != "shop1" || openSwitcherForm(a).Value("campaign") != "1000" {
		t.Fatalf("current profile and campaign not selected: %q %q", openSwitcherForm(a).Value("profile"), openSwitcherForm(a).Value("campaign"))
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	if !strings.Contains(a.render(), "shop2") {
		t.Fatalf("the profile added meanwhile is not offered:\n%s", a.render())
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyLeft}) // back to shop1
	a.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	a.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	if s := a.render(); !strings.Contains(s, "1003 · Казань") || strings.Contains(s, "\x1b[31m") {
		t.Fatalf("the other campaign, sanitized, is not shown:\n%q", s)
	}
	_, cmd := a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if a.SwitchCampaign != 1003 || a.SwitchTo != "" || cmd == nil {
		t.Fatalf("SwitchCampaign %d, SwitchTo %q", a.SwitchCampaign, a.SwitchTo)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("a campaign switch does not end the program for the reopen")
	}
}

// With one profile and one campaign P says why nothing opens, and how to
// add a profile.
func TestSwitcherWithNothingToSwitchSaysSo(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	read := func(context.Context) Switchable {
		return Switchable{Profiles: []string{"only"}, Campaigns: []CampaignChoice{{ID: 1000}}}
	}
	a := New(env, AppOptions{Profile: "only", Profiles: []string{"only"}, Switchable: read, Campaign: 1000})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	pressP(t, a)
	if openSwitcherForm(a) != nil {
		t.Fatal("a switcher with nothing to choose opened")
	}
	if s := a.render(); !strings.Contains(s, "sellerinbox login --profile NAME") {
		t.Fatalf("the status bar does not say why P did nothing:\n%s", s)
	}
}
