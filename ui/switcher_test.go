package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func TestProfileSwitcher(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	a := New(env, AppOptions{Profile: "shop1", Profiles: []string{"shop1", "shop2"}})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	a.Update(tea.KeyPressMsg{Code: 'P', Text: "P"})
	if openSwitcherForm(a) == nil || !strings.Contains(a.render(), "Switch profile") {
		t.Fatalf("switcher not shown:\n%s", a.render())
	}
	// q and digits belong to the switcher while it is open.
	if _, cmd := a.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}); cmd != nil {
		t.Fatalf("q acted while the switcher was open")
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	_, cmd := a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if a.SwitchTo != "shop2" || cmd == nil {
		t.Fatalf("SwitchTo %q", a.SwitchTo)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("switching does not end the program for a restart")
	}
	// One profile: P does nothing.
	b := New(env, AppOptions{Profile: "only", Profiles: []string{"only"}})
	b.Update(tea.KeyPressMsg{Code: 'P', Text: "P"})
	if openSwitcherForm(b) != nil {
		t.Errorf("switcher opened with one profile")
	}
}
