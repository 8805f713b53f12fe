package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// longConfig is the test pane with its text shown the way marketplace
// panes show buyer texts: WrapLong, and o for the whole text.
func longConfig(env Env, all []testItem) SplitConfig[testItem] {
	cfg := testConfig(PaneReturns, newFakeRows(all), env)
	cfg.Detail = func(it testItem, width int, st theme.Styles, tr i18n.T) string {
		return st.DetailTitle.Render(safe.Truncate(it.Product, width)) + "\n\n" + WrapLong(it.Text, width, st, tr)
	}
	cfg.FullText = func(it testItem) string { return it.Text }
	return cfg
}

func TestLongTextDetailIsBounded(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		env := testEnv(lang)
		all := items(3)
		all[1].Text = longText() + "\x1b]52;c;AAAA\x07"
		s := NewSplit(env, longConfig(env, all))
		app := New(env, AppOptions{FixedTheme: true}, s)
		drive(app, tea.WindowSizeMsg{Width: 120, Height: 30})
		drive(app, run(app.Init())...)
		drive(app, keyMsgs("j", "enter", "G")...)
		content := s.view.GetContent()
		if len(content) > LongTextLimit*2 {
			t.Errorf("%s: the detail holds %d bytes of a %d-byte text", lang, len(content), len(all[1].Text))
		}
		_, rest := safe.Clip(all[1].Text, LongTextLimit)
		kb := (rest + 1023) / 1024
		if kb < 1000 {
			t.Fatalf("only %d KB left out", kb)
		}
		wantMore := map[i18n.Lang]string{i18n.EN: fmt.Sprintf("%d KB more: the whole text opens in $PAGER (key below)", kb),
			i18n.RU: fmt.Sprintf("ещё %d КБ: весь текст откроется в $PAGER (клавиша внизу)", kb)}[lang]
		screen := ansi.Strip(app.View().Content)
		if !strings.Contains(screen, wantMore) {
			t.Errorf("%s: the end of the detail does not say what is left:\n%s", lang, screen)
		}
		if help := ansi.Strip(app.shortHelp()); !strings.Contains(help, map[i18n.Lang]string{i18n.EN: "o whole text", i18n.RU: "o весь текст"}[lang]) {
			t.Errorf("%s: the footer lacks o: %q", lang, help)
		}
		// A short text has no such line.
		drive(app, keyMsgs("esc", "k", "enter")...)
		if got := ansi.Strip(app.View().Content); strings.Contains(got, "$PAGER") {
			t.Errorf("%s: a short text announces more:\n%s", lang, got)
		}
	}
}

func TestLongTextOpensInPager(t *testing.T) {
	env := testEnv(i18n.EN)
	all := items(2)
	all[0].Text = longText()
	s := NewSplit(env, longConfig(env, all))
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(app, run(app.Init())...)

	// No $PAGER and no less: the status bar says so.
	t.Setenv("PAGER", "")
	t.Setenv("PATH", t.TempDir())
	_, cmd := app.Update(keyMsg("o"))
	if cmd == nil {
		t.Fatal("o on a long text did nothing")
	}
	msgs := run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("o gave %v", msgs)
	}
	drive(app, msgs...)
	if got := ansi.Strip(app.bar.view(app.width)); !strings.Contains(got, "No pager to show the whole text") {
		t.Errorf("status bar: %q", got)
	}
	// On a short text o does nothing.
	drive(app, keyMsg("j"))
	if _, cmd := app.Update(keyMsg("o")); cmd != nil {
		t.Errorf("o on a short text gave a command")
	}
}

func TestPagerCommand(t *testing.T) {
	found := func(have ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, h := range have {
				if h == name {
					return "/usr/bin/" + name, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	env := func(pager string) func(string) string {
		return func(k string) string {
			if k == "PAGER" {
				return pager
			}
			return ""
		}
	}
	text := "Отзыв \x1b]0;title\x07длинный\x1b[2J"
	tests := []struct {
		name, pager string
		have        []string
		want        []string // argv; nil: no pager
	}{
		{"PAGER with arguments", "most -s", []string{"most", "less"}, []string{"/usr/bin/most", "-s"}},
		{"PAGER missing: less", "nosuchpager", []string{"less"}, []string{"/usr/bin/less"}},
		{"no PAGER: less", "", []string{"less"}, []string{"/usr/bin/less"}},
		{"nothing", "", nil, nil},
	}
	for _, tt := range tests {
		cmd, err := pagerCommand(text, env(tt.pager), found(tt.have...))
		if tt.want == nil {
			if !errors.Is(err, errNoPager) {
				t.Errorf("%s: %v, %v", tt.name, cmd, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v, %v", tt.name, cmd, err)
			continue
		}
		if cmd.Path != tt.want[0] || strings.Join(cmd.Args[1:], " ") != strings.Join(tt.want[1:], " ") {
			t.Errorf("%s: path %q args %q, want %q", tt.name, cmd.Path, cmd.Args, tt.want)
		}
		in, _ := io.ReadAll(cmd.Stdin)
		if string(in) != "Отзыв длинный" {
			t.Errorf("%s: the pager reads %q, not the sanitized text", tt.name, in)
		}
	}
}

// TestPhotoKeysLeaveOToLongText: in panes with photos, o opens the photo
// unless the preview is off and the detail says o opens the text.
func TestPhotoKeysLeaveOToLongText(t *testing.T) {
	env := testEnv(i18n.EN)
	long := false
	v := NewPhotoView(env, PaneReturns, Photos{})
	v.SetTextFirst(func() bool { return long })
	if _, handled := v.Keys(keyMsg("o")); !handled {
		t.Error("o with a short text: not the photo's")
	}
	long = true
	if _, handled := v.Keys(keyMsg("o")); handled {
		t.Error("o with a long text was taken by the photo view")
	}
	if _, handled := v.Keys(keyMsg("s")); !handled {
		t.Error("s is still the photo's")
	}
}
