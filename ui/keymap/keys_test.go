package keymap

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestNoDuplicateBindings is the guard every new binding must pass: no key
// may mean two things where both could fire.
func TestNoDuplicateBindings(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		k := Default(i18n.New(lang))
		for _, err := range k.Conflicts(i18n.New(lang)) {
			t.Errorf("%s: %v", lang, err)
		}
	}
}

func TestEveryBindingHasKeysAndHelp(t *testing.T) {
	k := Default(i18n.New(i18n.RU))
	for _, s := range Scopes {
		for i, b := range k.Bindings(s) {
			a := Actions(s)[i]
			if len(b.Keys()) == 0 || b.Help().Key == "" {
				t.Errorf("%s.%s: no keys or help key", s, a)
			}
			if d := b.Help().Desc; d == "" || strings.HasPrefix(d, "key.") {
				t.Errorf("%s.%s: untranslated help %q", s, a, d)
			}
		}
	}
}

func TestDefaultsMatchSpec(t *testing.T) {
	k := Default(i18n.T{})
	press := func(s string) tea.KeyPressMsg {
		switch s {
		case "tab":
			return tea.KeyPressMsg{Code: tea.KeyTab}
		case "shift+tab":
			return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
		case "ctrl+l":
			return tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl}
		case "ctrl+c":
			return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
		case "ctrl+s":
			return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
		case "enter":
			return tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			return tea.KeyPressMsg{Code: tea.KeyEscape}
		case "pgdown":
			return tea.KeyPressMsg{Code: tea.KeyPgDown}
		case "space":
			return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
		}
		r := []rune(s)[0]
		return tea.KeyPressMsg{Code: r, Text: s}
	}
	tests := []struct {
		key string
		b   key.Binding
	}{
		{"1", k.Global.Pane1}, {"5", k.Global.Pane5}, {"0", k.Global.Inbox},
		{"tab", k.Global.NextTab}, {"shift+tab", k.Global.PrevTab},
		{"?", k.Global.Help}, {"ctrl+l", k.Global.Redraw}, {"R", k.Global.Refresh}, {"r", k.Global.Retry},
		{"q", k.Global.Quit}, {"ctrl+c", k.Global.ForceQuit}, {"u", k.Global.Undo},
		{"j", k.List.Down}, {"k", k.List.Up}, {"g", k.List.Top}, {"G", k.List.Bottom},
		{"pgdown", k.List.PageDown}, {"enter", k.List.Open}, {"esc", k.List.Back}, {"/", k.List.Filter}, {"f", k.List.FilterMenu},
		{"space", k.List.Mark}, {"V", k.List.MarkRange}, {"A", k.List.Bulk}, {"{", k.List.PrevSection}, {"}", k.List.NextSection},
		{"ctrl+s", k.Editor.Send}, {"esc", k.Editor.Leave},
		{"a", k.Reply.Answer}, {"e", k.Reply.Edit}, {"t", k.Reply.Templates}, {"p", k.Reply.Photo},
		{"[", k.Reply.PrevPhoto}, {"]", k.Reply.NextPhoto}, {"o", k.Reply.Open}, {"s", k.Reply.Save}, {"P", k.Reply.Profiles},
	}
	for _, tc := range tests {
		if !key.Matches(press(tc.key), tc.b) {
			t.Errorf("%q does not fire %v", tc.key, tc.b.Keys())
		}
	}
	if key.Matches(press("R"), k.Global.Retry) {
		t.Error("R must not fire retry")
	}
}

// TestNoCyrillicHotkeys: typing Russian on a list never runs a command
// (й used to quit, ч to reject, м to request a return). No default binding
// of any scope answers to a Cyrillic letter.
func TestNoCyrillicHotkeys(t *testing.T) {
	k := Default(i18n.New(i18n.RU))
	for r := 'Ѐ'; r <= 'ӿ'; r++ {
		press := tea.KeyPressMsg{Code: r, Text: string(r)}
		for _, s := range Scopes {
			for i, b := range k.Bindings(s) {
				if key.Matches(press, b) {
					t.Errorf("%q fires %s.%s", r, s, Actions(s)[i])
				}
			}
		}
	}
}

// TestConfirmDefaultIsNo: enter answers a question with its default, no.
func TestConfirmDefaultIsNo(t *testing.T) {
	k := Default(i18n.New(i18n.EN))
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	if key.Matches(enter, k.Confirm.Yes) || !key.Matches(enter, k.Confirm.No) {
		t.Errorf("enter: yes %v, no %v", k.Confirm.Yes.Keys(), k.Confirm.No.Keys())
	}
}

func TestRebind(t *testing.T) {
	tr := i18n.New(i18n.EN)
	k := Default(tr)
	tests := []struct {
		name    string
		over    map[string]map[string][]string
		wantErr []string
		check   func(t *testing.T, k KeyMap)
	}{
		{
			name: "ok",
			over: map[string]map[string][]string{"list": {"down": {"J", "down"}}, "editor": {"send": {"ctrl+enter", "alt+s"}}},
			check: func(t *testing.T, k KeyMap) {
				if got := k.List.Down.Keys(); !slices.Contains(got, "J") || slices.Contains(got, "j") {
					t.Errorf("list.down keys %v", got)
				}
				if k.List.Down.Help().Key != "J/↓" || k.List.Down.Help().Desc != "down" {
					t.Errorf("help %+v", k.List.Down.Help())
				}
			},
		},
		{name: "unknown scope", over: map[string]map[string][]string{"lsit": {"down": {"n"}}}, wantErr: []string{"keys.lsit: unknown scope"}},
		{name: "unknown action", over: map[string]map[string][]string{"list": {"mark read": {"m"}}}, wantErr: []string{"keys.list.mark read: unknown action"}},
		{name: "empty", over: map[string]map[string][]string{"list": {"down": {}}}, wantErr: []string{"keys.list.down: no keys"}},
		{name: "typo", over: map[string]map[string][]string{"editor": {"send": {"ctlr+s"}}}, wantErr: []string{`"ctlr+s" is not a key name`}},
		{name: "conflict in scope", over: map[string]map[string][]string{"list": {"down": {"k"}}}, wantErr: []string{`key "k" is bound to both list.down and list.up`}},
		{name: "conflict with global", over: map[string]map[string][]string{"reply": {"answer": {"q"}}}, wantErr: []string{`key "q" is bound to both global.quit and reply.answer`}},
		{name: "shadows force quit", over: map[string]map[string][]string{"editor": {"leave": {"ctrl+c"}}}, wantErr: []string{`"ctrl+c" is bound to both editor.leave and global.force_quit`}},
		{name: "filter scope is separate", over: map[string]map[string][]string{"filter": {"clear": {"q"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := k.Rebind(tr, tc.over)
			if len(tc.wantErr) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if tc.check != nil {
					tc.check(t, got)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if !slices.Equal(got.List.Down.Keys(), k.List.Down.Keys()) {
				t.Error("failed rebind changed the key map")
			}
		})
	}
}

func TestRebindErrorsInRussian(t *testing.T) {
	tr := i18n.New(i18n.RU)
	_, err := Default(tr).Rebind(tr, map[string]map[string][]string{"list": {"x": {"x"}}})
	if err == nil || !strings.Contains(err.Error(), "неизвестное действие") {
		t.Errorf("err = %v", err)
	}
}
