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

// TestInboxGolden: the inbox over a store synced from the sandbox, through
// the real program, in both languages: the rows at 80×24 and rows with
// the detail beside them at 160×48 (the second row: a deadline and its
// rule). Regenerate with go test ./ui/panes -run InboxGolden -update.
func TestInboxGolden(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	w := newInboxWorld(t, sandbox.Options{})
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, sc := range []wbScene{
			{"rows", [2]int{80, 24}, nil},
			{"detail", [2]int{160, 48}, []string{"j"}},
		} {
			name := fmt.Sprintf("%s_%dx%d_%s", lang, sc.size[0], sc.size[1], sc.name)
			t.Run(name, func(t *testing.T) {
				env := wbTestEnv(lang)
				env.Store = w.st
				pane := newInboxPane(env, w.st, nil).(*inboxPane)
				app := ui.New(env, ui.AppOptions{FixedTheme: true, Profile: "default", Account: "Магазин «Ромашка»"},
					wbProbed{Pane: pane, ready: func() bool { return !pane.Reading() && pane.Badge() > 0 && len(pane.Items()) > 0 }})
				tm := teatest.NewTestModel(t, app,
					teatest.WithInitialTermSize(sc.size[0], sc.size[1]),
					teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii),
						tea.WithEnvironment([]string{"TERM=xterm-256color", "NO_COLOR=1"})))
				wbWaitReady(t, tm)
				for _, k := range sc.keys {
					tm.Send(wbKey(k))
				}
				wbWaitReady(t, tm)
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.App)
				golden.RequireEqual(t, final.View().Content)
			})
		}
	}
}
