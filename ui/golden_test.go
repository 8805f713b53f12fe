package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// probe asks the test pane, on the program's own goroutine, whether its
// window and badge have arrived and no read is in flight; it is how the
// golden tests wait without parsing renderer output.
type probe struct{ reply chan bool }

// probed wraps a Split to answer probes.
type probed struct {
	*Split[testItem]
}

func (p probed) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if pr, ok := msg.(probe); ok {
		// the badge arrives in its own read; the test pane has waiting items
		pr.reply <- p.loaded && !p.loading && p.Badge() > 0
		return p, nil
	}
	_, cmd := p.Split.Update(msg)
	return p, cmd
}

// goldenApp is the app with the test pane over n items first and four
// recording panes standing in for the others, badges included; the test
// pane's sync time is what the live sync would have reported
// (goldenSynced).
func goldenApp(lang i18n.Lang, n int) *App {
	env := testEnv(lang)
	s, _ := newTestSplit(env, PaneReturns, n)
	return New(env, AppOptions{FixedTheme: true, Profile: "default", Account: "Магазин «Ромашка»"},
		probed{s},
		&recPane{id: PaneQuestions, badge: 4, title: env.Tr.Get("tab.questions")},
		&recPane{id: PaneFeedbacks, badge: 12, title: env.Tr.Get("tab.feedbacks")},
		&recPane{id: PaneChats, title: env.Tr.Get("tab.chats")},
		&recPane{id: PaneClaims, badge: 1, title: env.Tr.Get("tab.claims")})
}

// TestGoldenScreens runs the real Bubble Tea program through teatest at
// two sizes and in both languages, presses a few keys, and compares the
// final screen with testdata/TestGoldenScreens/*.golden (regenerate with
// go test ./ui -run Golden -update).
func TestGoldenScreens(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		// the large screen is filled: it has room for more than 30 rows
		for _, size := range [][3]int{{80, 24, 30}, {120, 40, 50}, {160, 48, 60}} {
			for _, scene := range []struct {
				name string
				keys []string
			}{
				{"list", []string{"j", "j"}},
				{"detail", []string{"j", "enter"}},
				{"filter", []string{"/", "к", "а", "б"}},
				{"help", []string{"?"}},
				// the split moved (a narrow window shows one column)
				{"wider", []string{">", ">"}},
			} {
				if scene.name == "wider" && size[0] < SplitMinWidth {
					continue
				}
				name := fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], scene.name)
				t.Run(name, func(t *testing.T) {
					app := goldenApp(lang, size[2])
					tm := teatest.NewTestModel(t, app,
						teatest.WithInitialTermSize(size[0], size[1]),
						teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color", "NO_COLOR=1"})))
					tm.Send(goldenSynced)
					waitLoaded(t, tm)
					for _, k := range scene.keys {
						tm.Send(keyMsg(k))
					}
					waitLoaded(t, tm) // the probe is handled after the keys
					if err := tm.Quit(); err != nil {
						t.Fatal(err)
					}
					final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
					golden.RequireEqual(t, final.View().Content)
				})
			}
		}
	}
}

// goldenSynced is the live sync's report on the test pane.
var goldenSynced = StatusMsg{Pane: PaneReturns, Synced: fixedNow}

func waitLoaded(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		reply := make(chan bool, 1)
		tm.Send(probe{reply: reply})
		select {
		case ok := <-reply:
			if ok {
				return
			}
		case <-time.After(time.Second):
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the test pane never loaded")
}
