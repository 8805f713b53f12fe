package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// reboundEnv is testEnv with the [keys] table of a config file applied,
// the way the inbox applies it at start.
func reboundEnv(t *testing.T, lang i18n.Lang, toml string) Env {
	t.Helper()
	cfg, err := config.Parse("config.toml", []byte(toml))
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(lang)
	km, err := env.Keys.Rebind(env.Tr, cfg.Keys)
	if err != nil {
		t.Fatal(err)
	}
	env.Keys = km
	return env
}

// words are the blank-separated words of a screen, without styling and
// trailing commas: a key name is one of them ("ctrl+s send", "нажмите r,"),
// so "s" is not found inside "ctrl+s".
func words(screen string) []string {
	ws := strings.Fields(ansi.Strip(screen))
	for i, w := range ws {
		if len(w) > 1 {
			ws[i] = strings.TrimRight(w, ",")
		}
	}
	return ws
}

// requireKeys fails unless every key in want is a word of screen and none
// in gone is.
func requireKeys(t *testing.T, what, screen string, want, gone []string) {
	t.Helper()
	ws := words(screen)
	for _, k := range want {
		if !slices.Contains(ws, k) {
			t.Errorf("%s does not name the rebound key %q:\n%s", what, k, ansi.Strip(screen))
		}
	}
	for _, k := range gone {
		if slices.Contains(ws, k) {
			t.Errorf("%s still names the old key %q:\n%s", what, k, ansi.Strip(screen))
		}
	}
}

var langs = []i18n.Lang{i18n.EN, i18n.RU}

func TestEditorHelpFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.editor]
send = ["alt+s"]
leave = ["ctrl+q"]
external = ["ctrl+x"]
`)
		e := NewEditor(env, PaneQuestions, EditorSpec{Title: "Answer", Max: 1000})
		requireKeys(t, string(lang)+" editor", e.View(120, 12), []string{"alt+s", "ctrl+q", "ctrl+x"}, []string{"ctrl+s", "esc", "ctrl+e"})
	}
}

func TestFormHelpFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.form]
apply = ["ctrl+j"]
cancel = ["ctrl+q"]
prev_field = ["ctrl+p"]
next_field = ["ctrl+n"]
prev_choice = ["ctrl+b"]
next_choice = ["ctrl+f"]
`)
		f := NewForm(env, "Filter", &Field{ID: "x", Label: "Show", Kind: FieldChoice,
			Choices: []Choice{{Label: "all", Value: "all"}, {Label: "new", Value: "new"}}})
		requireKeys(t, string(lang)+" form", f.View(100), []string{"ctrl+p/ctrl+n", "ctrl+b/ctrl+f", "ctrl+j", "ctrl+q"},
			[]string{"↑/↓", "←/→", "enter", "esc"})
		var footer []string
		for _, b := range f.ShortHelp() {
			footer = append(footer, b.Help().Key, b.Help().Desc)
		}
		requireKeys(t, string(lang)+" form footer", strings.Join(footer, " "), []string{"ctrl+j", "ctrl+q", "ctrl+n", "ctrl+b/ctrl+f"},
			[]string{"enter", "esc", "tab/↓", "←/→"})
		// and the keys it names are the ones that act
		if res, _ := f.Update(keyMsg("esc")); res != FormOpen {
			t.Error("esc still cancels the form")
		}
		f.Update(tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl})
		if got := f.Value("x"); got != "new" {
			t.Errorf("ctrl+f chose %q", got)
		}
		if res, _ := f.Update(tea.KeyPressMsg{Code: 'q', Mod: tea.ModCtrl}); res != FormCanceled {
			t.Error("ctrl+q does not cancel the form")
		}
	}
}

func TestFooterFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.global]
help = ["f1"]
quit = ["ctrl+q"]
next_tab = ["ctrl+n"]
[keys.list]
down = ["J", "down"]
open = ["l"]
`)
		s, _ := newTestSplit(env, PaneReturns, 10)
		app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s)
		drive(app, tea.WindowSizeMsg{Width: 160, Height: 30})
		drive(app, run(app.Init())...)
		requireKeys(t, string(lang)+" footer", app.footer(), []string{"f1", "ctrl+q", "ctrl+n", "J/↓", "l"}, []string{"?", "q", "j/↓", "enter"})
	}
}

func TestTabBarFollowsRebinding(t *testing.T) {
	env := reboundEnv(t, i18n.EN, `
[keys.global]
pane1 = ["!"]
pane2 = ["#"]
`)
	app := New(env, AppOptions{FixedTheme: true},
		&recPane{id: PaneReturns, title: "Returns"}, &recPane{id: PaneQuestions, title: "Questions"}, &recPane{id: PaneChats, title: "Chats"})
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 30})
	requireKeys(t, "tab bar", app.tabBar(), []string{"!", "#", "4"}, []string{"1", "2"})
}

func TestRetryHintFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.global]
retry = ["f5"]
`)
		s, rows := newTestSplit(env, PaneReturns, 10)
		app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s)
		drive(app, tea.WindowSizeMsg{Width: 100, Height: 24})
		rows.fail(&api.Error{Marketplace: api.YandexMarket, Kind: api.KindNetwork, Err: errBoom})
		drive(app, run(app.Init())...)
		screen := app.View().Content
		requireKeys(t, string(lang)+" failed pane", screen, []string{"f5"}, []string{"r"})
		if !strings.Contains(ansi.Strip(screen), strings.TrimSpace(RetryHint(env))) {
			t.Errorf("%s: no retry hint:\n%s", lang, ansi.Strip(screen))
		}
		drive(app, tea.KeyPressMsg{Code: tea.KeyF5})
		if s.Err() != nil || len(s.Items()) != 10 {
			t.Errorf("%s: f5 did not retry: %v", lang, s.Err())
		}
	}
}

func TestOutboxLineFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.reply]
answer = ["w"]
`)
		e := reply.Entry{Kind: reply.KindQuestionAnswer, State: reply.StateFailed, LastError: "bad text"}
		requireKeys(t, string(lang)+" outbox line", OutboxLine(env, e, fixedNow), []string{"w"}, []string{"a"})
	}
}

func TestPhotoHintFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.reply]
open = ["O"]
save = ["W"]
`)
		v := NewPhotoView(env, PaneReturns, Photos{})
		v.media = []Media{{Name: "photo.jpg"}}
		v.err = errors.New("cannot decode")
		requireKeys(t, string(lang)+" photo hint", v.View(100, 10), []string{"O", "W"}, []string{"o", "s"})
	}
}

func TestOnboardingFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.global]
quit = ["ctrl+q"]
`)
		o := NewOnboarding(env, keys.Placement{})
		o.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
		requireKeys(t, string(lang)+" onboarding", o.View().Content, []string{"ctrl+q", "d"}, []string{"q"})
		if _, cmd := o.Update(keyMsg("q")); cmd != nil {
			t.Errorf("%s: q still quits the welcome screen", lang)
		}
		if _, cmd := o.Update(tea.KeyPressMsg{Code: 'q', Mod: tea.ModCtrl}); cmd == nil || o.Choice != OnboardingQuit {
			t.Errorf("%s: ctrl+q does not quit the welcome screen", lang)
		}
	}
}
