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

// TestTemplatePickerPreviewsFilled: with the item's values the preview
// shows the text as it would be inserted, following the selection, and
// says which placeholder this item has no value for.
func TestTemplatePickerPreviewsFilled(t *testing.T) {
	env := testEnv(i18n.RU)
	tpls := []reply.Template{
		{Name: "Спасибо", Text: "Спасибо, {buyer}, за отзыв о {product}!"},
		{Name: "Заказ", Text: "Ваш заказ {order} уже в пути."},
	}
	p := NewTemplatePicker(env, tpls).WithValues(map[string]string{"buyer": "Анна", "product": "пледе"})
	if v := p.View(60, 16); !strings.Contains(v, "Спасибо, Анна, за отзыв о пледе!") || strings.Contains(v, "{buyer}") {
		t.Errorf("the preview is not filled:\n%s", v)
	}
	p.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	v := p.View(60, 16)
	if !strings.Contains(v, "нет значения для {order}") || !strings.Contains(v, "Ваш заказ {order}") {
		t.Errorf("the missing value is not named:\n%s", v)
	}
	// without values (the bulk picker: every item has its own) the text
	// is shown as written
	if v := NewTemplatePicker(env, tpls).View(60, 16); !strings.Contains(v, "Спасибо, {buyer}") {
		t.Errorf("without values:\n%s", v)
	}
}
