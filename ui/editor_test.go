package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func TestEditorLimitsInRunes(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	cases := []struct {
		name, text string
		ok         bool
		msg        string
	}{
		{"1 char", "a", false, "at least 2"},
		{"2 chars", "ab", true, ""},
		{"5000 cyrillic", strings.Repeat("ж", 5000), true, ""},
		{"5001 cyrillic", strings.Repeat("ж", 5001), false, "at most 5000"},
		{"5000 emoji", strings.Repeat("🙂", 5000), true, ""},
		{"5001 emoji", strings.Repeat("🙂", 5001), false, "there are 5001"},
		{"spaces only", "     ", false, "at least 2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := NewEditor(env, PaneFeedbacks, EditorSpec{Title: "Answer", Min: 2, Max: 5000, Initial: c.text})
			res, _, _ := e.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
			if (res == EditorSend) != c.ok {
				t.Fatalf("result %v", res)
			}
			if !c.ok && !strings.Contains(e.View(80, 10), c.msg) {
				t.Errorf("view lacks %q:\n%s", c.msg, e.View(80, 10))
			}
		})
	}
}

func TestEditorTypingAndLeave(t *testing.T) {
	env := NewEnv(context.Background(), i18n.RU)
	e := NewEditor(env, PaneChats, EditorSpec{Title: "Сообщение", Max: 1000, Check: func(s string) error {
		if strings.Contains(s, "!") {
			return errors.New("no shouting")
		}
		return nil
	}})
	for _, r := range "qй1 ok!" {
		res, changed, _ := e.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		if res != EditorOpen || !changed {
			t.Fatalf("%q: res %v changed %v", r, res, changed)
		}
	}
	if e.Value() != "qй1 ok!" || !strings.Contains(e.View(60, 8), "7/1000") {
		t.Fatalf("value %q view:\n%s", e.Value(), e.View(60, 8))
	}
	if res, _, _ := e.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}); res != EditorOpen || !strings.Contains(e.View(60, 8), "no shouting") {
		t.Errorf("item check not applied")
	}
	if res, _, _ := e.Update(tea.KeyPressMsg{Code: tea.KeyEscape}); res != EditorLeave {
		t.Errorf("esc: %v", res)
	}
}
