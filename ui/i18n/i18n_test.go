package i18n

import (
	"slices"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, EN},
		{map[string]string{"LANG": "ru_RU.UTF-8"}, RU},
		{map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{map[string]string{"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, RU},
		{map[string]string{"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, EN}, // LC_ALL wins even when not Russian
		{map[string]string{"SELLERINBOX_LANG": "en", "LC_ALL": "ru_RU.UTF-8"}, EN},
		{map[string]string{"SELLERINBOX_LANG": " RU ", "LANG": "en_US"}, RU},
		{map[string]string{"SELLERINBOX_LANG": "de", "LANG": "ru_RU"}, RU}, // unknown value falls through
	}
	for _, tc := range tests {
		if got := Detect(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("Detect(%v) = %s, want %s", tc.env, got, tc.want)
		}
	}
}

// Both catalogues must carry the same ids, and Russian must not be a copy
// of English except for names and symbols.
func TestCataloguesComplete(t *testing.T) {
	en, ru := IDs(EN), IDs(RU)
	for _, id := range en {
		if !slices.Contains(ru, id) {
			t.Errorf("%s missing in ru", id)
		}
	}
	for _, id := range ru {
		if !slices.Contains(en, id) {
			t.Errorf("%s missing in en", id)
		}
	}
	same := map[string]bool{"app.name": true, "filter.prompt": true}
	for _, id := range en {
		if !same[id] && strings.HasPrefix(id, "key.") && New(EN).Get(id) == New(RU).Get(id) {
			t.Errorf("%s untranslated", id)
		}
	}
}

func TestGetAndLabels(t *testing.T) {
	ru := New(RU)
	if got := ru.Get("tab.claims"); got != "Заявки" {
		t.Errorf("tab.claims = %q", got)
	}
	if got := ru.Get("pane.count", 3, 10); got != "3 из 10" {
		t.Errorf("pane.count = %q", got)
	}
	if got := ru.Get("no.such.id"); got != "no.such.id" {
		t.Errorf("missing id = %q", got)
	}
	Register(EN, map[string]string{"test.status.WAITING": "Waiting"})
	Register(RU, map[string]string{"test.status.WAITING": "Ждёт решения"})
	Register(EN, map[string]string{"test.status.ONLY_EN": "English only"})
	if got := ru.Label("test.status", "WAITING"); got != "Ждёт решения" {
		t.Errorf("Label = %q", got)
	}
	if got := ru.Label("test.status", "ONLY_EN"); got != "English only" {
		t.Errorf("Label fallback = %q", got)
	}
	if got := ru.Label("test.status", "NEW_STATE"); got != "NEW_STATE" {
		t.Errorf("Label unknown = %q", got)
	}
	if got := (T{}).Get("tab.inbox"); got != "Inbox" {
		t.Errorf("zero T = %q", got)
	}
}

func TestPlural(t *testing.T) {
	ru, en := New(RU), New(EN)
	for n, want := range map[int]string{0: "many", 1: "one", 2: "few", 4: "few", 5: "many", 11: "many", 12: "many", 21: "one", 22: "few", 111: "many", 101: "one"} {
		if got := ru.Plural(n, "one", "few", "many"); got != want {
			t.Errorf("ru Plural(%d) = %s, want %s", n, got, want)
		}
	}
	if en.Plural(1, "one", "few", "many") != "one" || en.Plural(2, "one", "few", "many") != "many" {
		t.Error("en plural")
	}
}

func TestNumGroupsThousands(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		n    int
		want string
	}{
		{EN, 0, "0"}, {EN, 999, "999"}, {EN, 1000, "1,000"}, {EN, 14305, "14,305"}, {EN, 1234567, "1,234,567"}, {EN, -4180, "-4,180"},
		{RU, 14305, "14\u00a0305"}, {RU, 100, "100"},
	} {
		if got := New(c.lang).Num(c.n); got != c.want {
			t.Errorf("%s Num(%d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
