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

// probedBulk answers probes once the window, the badge, the sections'
// counts and any read for a bulk answer have arrived.
type probedBulk struct {
	*Split[testItem]
}

func (p probedBulk) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if pr, ok := msg.(probe); ok {
		pr.reply <- p.loaded && !p.loading && p.Badge() > 0 && p.bulk.sections.known && !p.bulk.reading
		return p, nil
	}
	_, cmd := p.Split.Update(msg)
	return p, cmd
}

// TestGoldenBulk: the sections' sub-tabs with their counts, marked rows
// with the count above them, the preview of a bulk answer, and a section
// chosen, in both languages at 80×24 and 120×40 (regenerate with
// go test ./ui -run Golden -update).
func TestGoldenBulk(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	space := tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, scene := range []struct {
				name string
				keys []tea.Msg
			}{
				{"marked", []tea.Msg{space, keyMsg("j"), keyMsg("j"), keyMsg("j"), keyMsg("V")}},
				{"preview", []tea.Msg{space, keyMsg("j"), space, keyMsg("j"), keyMsg("j"), space, keyMsg("A"), keyMsg("enter")}},
				{"section", []tea.Msg{keyMsg("}")}},
			} {
				name := fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], scene.name)
				t.Run(name, func(t *testing.T) {
					env, _, _ := bulkEnv(t, lang, 10*time.Second, waitingSection(sectionName(lang)))
					s, _ := bulkSplit(env, 40)
					app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, probedBulk{s})
					tm := teatest.NewTestModel(t, app,
						teatest.WithInitialTermSize(size[0], size[1]),
						teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color", "NO_COLOR=1"})))
					tm.Send(StatusMsg{Pane: PaneQuestions, Synced: fixedNow})
					waitLoaded(t, tm)
					for _, k := range scene.keys {
						tm.Send(k)
						waitLoaded(t, tm) // each key's reads land before the next
					}
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

func sectionName(lang i18n.Lang) string {
	if lang == i18n.RU {
		return "Ждут ответа"
	}
	return "Waiting"
}
