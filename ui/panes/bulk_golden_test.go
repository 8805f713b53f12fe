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

// TestFeedbacksBulkGolden: the feedbacks with a 5-star section as a
// sub-tab with its count, the section chosen, and the preview of its
// bulk answer with the section's template, in both languages at 80×24
// and 120×40 (regenerate with go test ./ui/panes -run Golden -update).
func TestFeedbacksBulkGolden(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	c := wbSandbox(t, sandbox.Options{})
	stores := newWBWStores(t)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		env := wbwEnv(t, c, stores, lang, nil)
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, sc := range []struct {
				name string
				keys []string
			}{
				{"sections", nil},
				{"section", []string{"}"}},
				{"preview", []string{"}", "A"}},
			} {
				name := fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], sc.name)
				t.Run(name, func(t *testing.T) {
					env := env
					env.Sections = []ui.Section{{Name: "5★", Pane: ui.PaneFeedbacks, Template: "Спасибо за отличную оценку",
						Filter: store.Filter{RatingMin: 5, RatingMax: 5, Status: store.StatusNeedsAction}}}
					pane := newFeedbacksPane(env, wbDeps(env, c))
					app := ui.New(env, ui.AppOptions{FixedTheme: true, Profile: "default", Account: "Магазин «Ромашка»"},
						wbProbed{Pane: pane, ready: wbReady(pane)})
					tm := teatest.NewTestModel(t, app,
						teatest.WithInitialTermSize(size[0], size[1]),
						teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii),
							tea.WithEnvironment([]string{"TERM=xterm-256color", "NO_COLOR=1"})))
					wbWaitReady(t, tm)
					tm.Send(ui.StatusMsg{Pane: pane.ID(), Synced: wbFixedNow})
					for _, k := range sc.keys {
						tm.Send(wbKey(k))
						wbWaitReady(t, tm) // each key's reads land before the next
					}
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
