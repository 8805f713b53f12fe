package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func TestSparklineAndDurations(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		want string
	}{
		{[]int{0, 1, 2, 8}, "·▁▂█"},
		{[]int{0, 0}, "··"},
		{[]int{5}, "█"},
	} {
		if got := Sparkline(tc.in); got != tc.want {
			t.Errorf("sparkline(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for d, want := range map[time.Duration]string{
		45 * time.Minute: "45m", 3*time.Hour + 5*time.Minute: "3h 05m", 52 * time.Hour: "2d 4h",
	} {
		if got := HumanDuration(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}

// statsStore is a store whose audit holds anna's two answers today and
// ivan's one yesterday.
func statsStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for i, e := range []struct {
		agent string
		at    time.Time
	}{{"anna", fixedNow.Add(-time.Hour)}, {"anna", fixedNow.Add(-2 * time.Hour)}, {"ivan", fixedNow.Add(-24 * time.Hour)}} {
		err := st.RecordSettled(ctx, reply.Entry{ID: fmt.Sprint("e", i), Profile: "p", Agent: e.agent, Kind: reply.KindQuestionAnswer,
			ItemID: fmt.Sprint("q", i), State: reply.StateSent, Created: e.at.Add(-time.Minute), Updated: e.at})
		if err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// TestStatsView: a lead's ctrl+r shows each agent's answers with a bar a
// day and what is overdue; S changes the period; an agent is told stats
// are for leads, and cannot open the templates manager either.
func TestStatsView(t *testing.T) {
	st := statsStore(t)
	open := func(role string) (*App, string) {
		env := testEnv(i18n.EN)
		env.Store, env.Role, env.Agent = st, role, "anna"
		drafts, err := reply.OpenDrafts(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := reply.LoadTemplates(filepath.Join(t.TempDir(), "templates.toml"))
		if err != nil {
			t.Fatal(err)
		}
		ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		if env.Replies, err = NewReplies("p", ob, drafts, tpl); err != nil {
			t.Fatal(err)
		}
		s, _ := newTestSplit(env, PaneQuestions, 3)
		app := New(env, AppOptions{FixedTheme: true}, s)
		drive(app, tea.WindowSizeMsg{Width: 100, Height: 24})
		drive(app, keyMsg("ctrl+r"))
		return app, ansi.Strip(app.View().Content)
	}
	app, screen := open("lead")
	for _, want := range []string{"Answers of the last 7 days", "anna", "ivan", "Questions", "Overdue now:"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("the lead's stats lack %q:\n%s", want, screen)
		}
	}
	if !strings.Contains(screen, "·█") && !strings.Contains(screen, "█") {
		t.Errorf("no bars:\n%s", screen)
	}
	drive(app, keyMsg("S"))
	if s := ansi.Strip(app.View().Content); !strings.Contains(s, "Answers of the last 14 days") {
		t.Errorf("S did not change the period:\n%s", s)
	}
	drive(app, keyMsg("esc"))
	if s := ansi.Strip(app.View().Content); strings.Contains(s, "Answers of the last") {
		t.Error("esc did not close the stats")
	}
	agent, screen := open("agent")
	if strings.Contains(screen, "Answers of the last") || !strings.Contains(agent.bar.notice.Text, "Stats are for the team's leads") {
		t.Errorf("an agent opened the stats (%q):\n%s", agent.bar.notice.Text, screen)
	}
	drive(agent, keyMsg("T"))
	if !strings.Contains(agent.bar.notice.Text, "edited by leads") {
		t.Errorf("an agent's T: %q", agent.bar.notice.Text)
	}
	local, screen := open("")
	if !strings.Contains(screen, "Answers of the last 7 days") {
		t.Errorf("a local app's user is their own lead (%q):\n%s", local.bar.notice.Text, screen)
	}
}
