package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// helpApp is the golden tests' app at w×h with its first page loaded.
func helpApp(t *testing.T, env Env, w, h int) *App {
	t.Helper()
	s, _ := newTestSplit(env, PaneReturns, 30)
	app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s,
		&recPane{id: PaneQuestions}, &recPane{id: PaneFeedbacks}, &recPane{id: PaneChats}, &recPane{id: PaneClaims})
	drive(app, tea.WindowSizeMsg{Width: w, Height: h})
	drive(app, run(app.Init())...)
	return app
}

// helpPages opens the ? screen and pages through it to its end, checking
// every frame's size; it returns the text of every frame.
func helpPages(t *testing.T, app *App, open tea.KeyPressMsg) []string {
	t.Helper()
	drive(app, open)
	if !helpOpen(app) {
		t.Fatal("the help screen did not open")
	}
	var frames []string
	for range 20 {
		v := app.View().Content
		lines := strings.Split(v, "\n")
		if len(lines) != app.height {
			t.Errorf("%d×%d: the help frame has %d lines", app.width, app.height, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > app.width {
				t.Errorf("%d×%d: line %d is %d cells wide: %q", app.width, app.height, i, w, ansi.Strip(l))
			}
		}
		frames = append(frames, ansi.Strip(v))
		if !strings.Contains(v, "%") || strings.Contains(v, "· 100%") {
			return frames
		}
		drive(app, tea.KeyPressMsg{Code: tea.KeyPgDown})
	}
	t.Fatalf("%d×%d: pgdn never reached the end of the help", app.width, app.height)
	return nil
}

// TestHelpExplainsEveryMarkerAndKey: in both languages, at 80×24 and
// 120×40, the ? screen (scrolled with pgdn where it is longer than the
// window) explains every row marker and names every key of the global and
// item scopes, P [ ] * v included, without a line wider than the window.
func TestHelpExplainsEveryMarkerAndKey(t *testing.T) {
	for _, lang := range langs {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			env := testEnv(lang)
			app := helpApp(t, env, size[0], size[1])
			frames := helpPages(t, app, keyMsg("?"))
			all := strings.Join(frames, "\n")
			for _, col := range legend {
				for _, l := range col {
					if s, d := l.sample(env.Tr), env.Tr.Get(l.desc); !strings.Contains(all, s+" ") || !strings.Contains(all, d) {
						t.Errorf("%s %v: the legend lacks %q %q", lang, size, s, d)
					}
				}
			}
			if !strings.Contains(all, env.Tr.Get("legend.title")) {
				t.Errorf("%s %v: no legend title", lang, size)
			}
			ws := words(all)
			k := env.Keys
			for _, b := range append(k.Bindings("global"), k.Bindings("reply")...) {
				if b.Help().Key == k.Global.Search.Help().Key || b.Help().Key == k.Global.Templates.Help().Key {
					continue // listed only when the store or the templates manager is there
				}
				if !slices.Contains(ws, b.Help().Key) {
					t.Errorf("%s %v: help does not name %q (%s)", lang, size, b.Help().Key, b.Help().Desc)
				}
			}
			for _, want := range []string{"P", "[", "]", "*", "v"} {
				if !slices.Contains(ws, want) {
					t.Errorf("%s %v: help does not name %q", lang, size, want)
				}
			}
		}
	}
}

// TestHelpScrolls: j and k move the ? screen a line, G shows its end with
// the legend, g its top; esc closes it and the next ? opens at the top.
func TestHelpScrolls(t *testing.T) {
	env := testEnv(i18n.EN)
	app := helpApp(t, env, 80, 24)
	drive(app, keyMsg("?"))
	top := ansi.Strip(app.View().Content)
	if !strings.Contains(top, "j/k scroll") || strings.Contains(top, "Row markers") {
		t.Fatalf("80×24 help should start at the keys and say how to scroll:\n%s", top)
	}
	drive(app, keyMsg("j"))
	if helpTop(app) != 1 {
		t.Errorf("j: top %d", helpTop(app))
	}
	drive(app, keyMsg("k"), keyMsg("k"))
	if helpTop(app) != 0 {
		t.Errorf("k past the top: %d", helpTop(app))
	}
	drive(app, keyMsg("G"))
	end := ansi.Strip(app.View().Content)
	if !strings.Contains(end, "Row markers") || !strings.Contains(end, "· 100%") {
		t.Errorf("G does not show the end:\n%s", end)
	}
	drive(app, keyMsg("k"))
	if ansi.Strip(app.View().Content) == end {
		t.Error("k after G did not move at once")
	}
	drive(app, keyMsg("esc"), keyMsg("?"))
	if helpTop(app) != 0 || ansi.Strip(app.View().Content) != top {
		t.Error("help reopened scrolled")
	}
}

// TestFullHelpFollowsRebinding: the ? screen names the keys as the config
// binds them, and the rebound key opens it.
func TestFullHelpFollowsRebinding(t *testing.T) {
	for _, lang := range langs {
		env := reboundEnv(t, lang, `
[keys.global]
help = ["f1"]
[keys.reply]
pin = ["ctrl+k"]
profiles = ["ctrl+y"]
prev_photo = ["("]
next_photo = [")"]
`)
		app := helpApp(t, env, 120, 40)
		all := strings.Join(helpPages(t, app, tea.KeyPressMsg{Code: tea.KeyF1}), "\n")
		// "?" stays: it is also the marker of a chat to look at
		requireKeys(t, string(lang)+" help", all, []string{"f1", "ctrl+k", "ctrl+y", "(", ")"}, []string{"*", "P", "[", "]"})
	}
}

// TestLegendLine: the one-line legend names the markers of the focused
// pane's rows, whole entries only, within the width it is given.
func TestLegendLine(t *testing.T) {
	for _, lang := range langs {
		tr := i18n.New(lang)
		for _, pane := range []PaneID{PaneReturns, PaneQuestions, PaneFeedbacks, PaneChats, PaneClaims, PaneInbox} {
			for _, w := range []int{20, 40, 80, 200} {
				l := legendLine(tr, pane, w)
				if ansi.StringWidth(l) > w {
					t.Errorf("%s %s %d: %d cells: %q", lang, pane, w, ansi.StringWidth(l), l)
				}
				if w >= 80 && strings.Count(l, " · ") < 2 {
					t.Errorf("%s %s %d: too little: %q", lang, pane, w, l)
				}
				if strings.HasSuffix(l, " ") || strings.HasSuffix(l, "·") {
					t.Errorf("%s %s %d: cut entry: %q", lang, pane, w, l)
				}
			}
		}
		q := legendLine(tr, PaneQuestions, 200)
		for _, want := range []string{MarkWaiting, MarkUnseen, MarkRejected, DraftMarker} {
			if !strings.Contains(q, want+" ") {
				t.Errorf("%s: questions legend lacks %s: %q", lang, want, q)
			}
		}
		if strings.Contains(q, tr.Get("legend.fast.mark")) {
			t.Errorf("%s: questions legend explains a returns marker: %q", lang, q)
		}
	}
	// the ? screen's footer carries it
	app := helpApp(t, testEnv(i18n.RU), 120, 40)
	drive(app, keyMsg("?"))
	if f := ansi.Strip(app.footer()); !strings.Contains(f, "● ждёт вас · ✎ черновик") {
		t.Errorf("help footer lacks the legend: %q", f)
	}
}
