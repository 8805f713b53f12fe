package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestGoldenTeam: the team inbox's screens in both languages at 80×24
// and 120×40: a colleague's hold and an assignment on the rows and in
// the detail, the take-over question, the assignment list, and a lead's
// Stats view.
func TestGoldenTeam(t *testing.T) {
	st := statsStore(t)
	since := time.Date(2026, 3, 14, 10, 42, 0, 0, time.Local)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, scene := range []struct {
				name string
				keys []string
			}{
				{"held", nil},
				{"takeover", []string{"a"}},
				{"assign", []string{"j", "@"}},
				{"stats", []string{"ctrl+r"}},
			} {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], scene.name), func(t *testing.T) {
					env := testEnv(lang)
					env.Agent, env.Role, env.Store = "ivan", "lead", st
					env.Presence = &fakePresence{holds: map[string]Holding{"questions/R-4100000": {Agent: "anna", Since: since}}}
					env.Team = &fakeTeam{assign: map[string]string{"questions/R-4100001": "olga"}}
					drafts, err := reply.OpenDrafts(t.TempDir())
					if err != nil {
						t.Fatal(err)
					}
					ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts})
					if err != nil {
						t.Fatal(err)
					}
					if env.Replies, err = NewReplies("p", ob, drafts, nil); err != nil {
						t.Fatal(err)
					}
					s, _ := newTestSplit(env, PaneQuestions, 20)
					app := New(env, AppOptions{FixedTheme: true, Profile: "demo"}, s)
					drive(app, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					drive(app, run(s.Init())...)
					for _, k := range scene.keys {
						drive(app, keyMsg(k))
					}
					golden.RequireEqual(t, app.View().Content)
				})
			}
		}
	}
}
