package panes

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Golden screens of the WB panes: the real program through teatest, in
// both languages at 80×24 and 160×48, against the sandbox at a fixed
// clock. Regenerate with go test ./ui/panes -run Golden -update.

// wbProbe asks a pane, on the program's goroutine, whether everything it
// started has arrived, so tests wait without parsing renderer output.
type wbProbe struct{ reply chan bool }

// wbProbed answers probes for the pane it wraps.
type wbProbed struct {
	ui.Pane
	ready func() bool
}

func (p wbProbed) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	if pr, ok := msg.(wbProbe); ok {
		pr.reply <- p.ready()
		return p, nil
	}
	np, cmd := p.Pane.Update(msg)
	p.Pane = np
	return p, cmd
}

// wbReady reports whether one of the WB panes has nothing in flight.
func wbReady(p ui.Pane) func() bool {
	switch p := p.(type) {
	case *questionsPane:
		return func() bool { return !p.Split.Reading() && len(p.Items()) > 0 && p.Err() == nil }
	case *feedbacksPane:
		return func() bool { return !p.Split.Reading() && len(p.Items()) > 0 && p.Err() == nil }
	case *chatsPane:
		return func() bool { return !p.Split.Reading() && !p.ev.reading && len(p.all) > 0 }
	}
	panic(fmt.Sprintf("no readiness for %T", p))
}

type wbScene struct {
	name string
	size [2]int
	keys []string
}

// wbScenes: the list (with the selected item's detail beside it at 160
// columns) and, on a narrow screen, the detail of the second item.
var wbScenes = []wbScene{
	{"list", [2]int{80, 24}, nil},
	{"detail", [2]int{80, 24}, []string{"j", "enter"}},
	{"list", [2]int{120, 40}, []string{"j"}},
	{"list", [2]int{160, 48}, []string{"j"}},
}

// wbGolden runs every scene of one pane in both languages.
func wbGolden(t *testing.T, build func(ui.Env, Deps) ui.Pane, scenes []wbScene) {
	wbGoldenEnv(t, build, scenes, false)
}

// wbGoldenEnv is wbGolden with answering on (replies: a reply layer over
// temp folders) or off.
func wbGoldenEnv(t *testing.T, build func(ui.Env, Deps) ui.Pane, scenes []wbScene, replies bool) {
	t.Setenv("NO_COLOR", "1")
	run := wbSandboxRun(t, sandbox.Options{})
	st := inboxTempStore(t)
	syncInto(t, st, wbClient(t, run), nil, store.PaneQuestions, store.PaneFeedbacks, store.PaneChats)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, sc := range scenes {
			name := fmt.Sprintf("%s_%dx%d_%s", lang, sc.size[0], sc.size[1], sc.name)
			t.Run(name, func(t *testing.T) {
				env := wbTestEnv(lang)
				env.Store = st
				if replies {
					env.Replies = wbwReplies(t, wbClient(t, run), newWBWStores(t))
				}
				pane := build(env, Deps{WB: wbClient(t, run)})
				app := ui.New(env, ui.AppOptions{FixedTheme: true, Profile: "default", Account: "Магазин «Ромашка»"},
					wbProbed{Pane: pane, ready: wbReady(pane)})
				tm := teatest.NewTestModel(t, app,
					teatest.WithInitialTermSize(sc.size[0], sc.size[1]),
					teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii),
						tea.WithEnvironment([]string{"TERM=xterm-256color", "NO_COLOR=1"})))
				wbWaitReady(t, tm)
				// what the live sync reports after the sync that filled the store
				tm.Send(ui.StatusMsg{Pane: pane.ID(), Synced: wbFixedNow})
				for _, k := range sc.keys {
					tm.Send(wbKey(k))
				}
				wbWaitReady(t, tm) // the probe is handled after the keys
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.App)
				golden.RequireEqual(t, final.View().Content)
			})
		}
	}
}

func wbWaitReady(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		reply := make(chan bool, 1)
		tm.Send(wbProbe{reply: reply})
		select {
		case ok := <-reply:
			if ok {
				return
			}
		case <-time.After(time.Second):
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the pane never finished loading")
}

func TestQuestionsGolden(t *testing.T) {
	// / оптом: the whole word ranks first, the detail says what matched
	search := []string{"/", "о", "п", "т", "о", "м", "enter"}
	wbGolden(t, newQuestionsPane, append(wbScenes, wbScene{"filter_menu", [2]int{80, 24}, []string{"f", "right", "tab", "1", "2"}},
		wbScene{"search", [2]int{80, 24}, append(search, "enter")}, wbScene{"search", [2]int{120, 40}, search}))
}
