package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func TestTemplatePickerNarrowsAndPicks(t *testing.T) {
	env := NewEnv(context.Background(), i18n.RU)
	tpls := []reply.Template{
		{Name: "Спасибо за 5 звёзд", Text: "Спасибо, {buyer}!"},
		{Name: "Извинения", Text: "Нам жаль, {buyer}."},
		{Name: "Размеры", Text: "Смотрите таблицу размеров."},
	}
	p := NewTemplatePicker(env, tpls)
	for _, r := range "извин" {
		if res, _, _ := p.Update(tea.KeyPressMsg{Code: r, Text: string(r)}); res != PickerOpen {
			t.Fatal("closed while typing")
		}
	}
	if v := p.View(60, 12); !strings.Contains(v, "Извинения") || strings.Contains(v, "Размеры") {
		t.Errorf("not narrowed:\n%s", v)
	}
	res, tpl, _ := p.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if res != PickerPicked || tpl.Name != "Извинения" {
		t.Errorf("picked %v %q", res, tpl.Name)
	}
	if res, _, _ := p.Update(tea.KeyPressMsg{Code: tea.KeyEscape}); res != PickerCanceled {
		t.Errorf("esc: %v", res)
	}
}

func TestConfirm(t *testing.T) {
	env := NewEnv(context.Background(), i18n.EN)
	c := NewConfirm(env, "Reject the question?")
	cases := []struct {
		key           tea.KeyPressMsg
		answered, yes bool
	}{
		{tea.KeyPressMsg{Code: 'q', Text: "q"}, false, false},
		{tea.KeyPressMsg{Code: 'y', Text: "y"}, true, true},
		{tea.KeyPressMsg{Code: tea.KeyEnter}, true, false}, // the default is no
		{tea.KeyPressMsg{Code: 'n', Text: "n"}, true, false},
		{tea.KeyPressMsg{Code: tea.KeyEscape}, true, false},
	}
	for _, k := range cases {
		a, y := c.Update(k.key)
		if a != k.answered || y != k.yes {
			t.Errorf("%v: %v %v", k.key, a, y)
		}
	}
	if !strings.Contains(c.View(40), "Reject the question?") {
		t.Error(c.View(40))
	}
}
