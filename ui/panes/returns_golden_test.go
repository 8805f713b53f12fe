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
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// rcProbe asks a pane, on the program's goroutine, whether everything it
// fetches (list, count, the selected return's order) has arrived.
type rcProbe struct {
	pane  ui.PaneID
	reply chan bool
}

func (p rcProbe) TargetPane() ui.PaneID { return p.pane }

// rcProbed wraps a pane to answer probes.
type rcProbed struct{ ui.Pane }

func (p *rcProbed) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	if pr, ok := msg.(rcProbe); ok {
		pr.reply <- rcReady(p.Pane)
		return p, nil
	}
	var cmd tea.Cmd
	p.Pane, cmd = p.Pane.Update(msg)
	return p, cmd
}

// rcReady reports a pane with its first page shown and nothing in flight.
func rcReady(p ui.Pane) bool {
	switch p := p.(type) {
	case *returnsPane:
		return !p.Syncing() && !p.wanting && (len(p.Items()) > 0 || p.Err() != nil)
	case *claimsPane:
		return !p.Reading() && (len(p.Items()) > 0 || p.Err() != nil)
	}
	return false
}

func rcWait(t *testing.T, tm *teatest.TestModel, pane ui.PaneID) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		reply := make(chan bool, 1)
		tm.Send(rcProbe{pane: pane, reply: reply})
		select {
		case ok := <-reply:
			if ok {
				return
			}
		case <-time.After(time.Second):
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never finished loading", pane)
}

// rcGolden runs the real program over the sandbox at both sizes and in
// both languages, with the pane under test focused, and compares the
// screen with testdata/<test>/<lang>_<size>_<scene>.golden (regenerate
// with go test ./ui/panes -run Golden -update).
func rcGolden(t *testing.T, pane ui.PaneID) {
	t.Setenv("NO_COLOR", "1")
	d, _ := rcStart(t, sandbox.Options{})
	// answering and previews on, as in the app: the details and the help
	// name their keys
	w := rcNewWorld(t, d)
	// each program leaves the outbox's one-second tick pending when it
	// quits; let the last ones run out before the leak check
	t.Cleanup(func() { time.Sleep(1100 * time.Millisecond) })
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, size := range [][2]int{{80, 24}, {120, 40}, {160, 48}} {
			for _, scene := range []struct {
				name string
				keys []string
			}{
				{"list", nil},
				{"detail", []string{"j", "enter"}},
			} {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], scene.name), func(t *testing.T) {
					env := w.env(lang)
					// both panes are probed: the tab bar shows both badges
					returns, claims := &rcProbed{newReturnsPane(env, d)}, &rcProbed{newClaimsPane(env, d)}
					app := ui.New(env, ui.AppOptions{FixedTheme: true, Profile: "default", Account: "Магазин «Ромашка»", Start: pane},
						returns, claims)
					tm := teatest.NewTestModel(t, app,
						teatest.WithInitialTermSize(size[0], size[1]),
						teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color", "NO_COLOR=1"})))
					rcWait(t, tm, ui.PaneReturns)
					rcWait(t, tm, ui.PaneClaims)
					// what the live sync reports after the sync that filled the store
					tm.Send(ui.StatusMsg{Pane: ui.PaneReturns, Synced: rcFixedNow})
					tm.Send(ui.StatusMsg{Pane: ui.PaneClaims, Synced: rcFixedNow})
					for _, k := range scene.keys {
						tm.Send(rcKey(k))
					}
					rcWait(t, tm, pane) // handled after the keys
					if err := tm.Quit(); err != nil {
						t.Fatal(err)
					}
					final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.App)
					golden.RequireEqual(t, final.View().Content)
				})
			}
		}
	}
}

func TestReturnsGolden(t *testing.T) { rcGolden(t, ui.PaneReturns) }

func TestClaimsGolden(t *testing.T) { rcGolden(t, ui.PaneClaims) }
