package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestFormChoicesTextAndValidation(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	f := NewForm(env, "Filter",
		&Field{ID: "state", Label: "Show", Choices: []Choice{{"Unanswered", "no"}, {"Answered", "yes"}}},
		&Field{ID: "nm", Label: "nmId", Kind: FieldText, Validate: func(s string) error {
			if strings.ContainsAny(s, "abc") {
				return errors.New("digits only")
			}
			return nil
		}},
	)
	steps := []struct {
		key  string
		want FormResult
	}{
		{"right", FormOpen}, {"down", FormOpen}, {"1", FormOpen}, {"a", FormOpen}, {"q", FormOpen},
		{"enter", FormOpen}, // invalid: stays open with the error
	}
	for _, s := range steps {
		if got, _ := f.Update(keyPress(s.key)); got != s.want {
			t.Fatalf("%s: %v", s.key, got)
		}
	}
	if f.Value("state") != "yes" || f.Value("nm") != "1aq" {
		t.Fatalf("values %q %q", f.Value("state"), f.Value("nm"))
	}
	if v := f.View(80); !strings.Contains(v, "digits only") || !strings.Contains(v, "Answered") {
		t.Errorf("view:\n%s", v)
	}
	f.SetValue("nm", "12345")
	if got, _ := f.Update(keyPress("enter")); got != FormApplied || f.Value("nm") != "12345" {
		t.Errorf("apply: %v %q", got, f.Value("nm"))
	}
	if got, _ := f.Update(keyPress("esc")); got != FormCanceled {
		t.Errorf("esc: %v", got)
	}
}
