package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// fakeTeam keeps assignments in memory.
type fakeTeam struct {
	mu     sync.Mutex
	assign map[string]string
	calls  []string
}

func (f *fakeTeam) Colleagues() []string { return []string{"anna", "ivan", "olga"} }

func (f *fakeTeam) Assign(_ context.Context, pane PaneID, id, agent, by string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, string(pane)+"/"+id+"→"+agent+" by "+by)
	f.assign[noteKey(pane, id)] = agent
	return nil
}

func (f *fakeTeam) Notes(_ context.Context, pane PaneID, ids []string) (map[string]store.TeamNote, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]store.TeamNote{}
	for _, id := range ids {
		if a := f.assign[noteKey(pane, id)]; a != "" {
			out[id] = store.TeamNote{Assignee: a, AssignedBy: "ivan"}
		}
	}
	return out, nil
}

// TestAssignKey: @ lists me, the colleagues and nobody; the choice is
// written through the team, named in the status bar, and once the store
// is read again the row and the detail say whose the item is. A local
// app says assigning is for the team inbox.
func TestAssignKey(t *testing.T) {
	ft := &fakeTeam{assign: map[string]string{}}
	env := testEnv(i18n.EN)
	env.Agent, env.Team = "ivan", ft
	s, _ := newTestSplit(env, PaneQuestions, 5)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 24})
	drive(app, run(s.Init())...)
	drive(app, keyMsg("@"))
	screen := ansi.Strip(app.View().Content)
	for _, want := range []string{"Assign to", "› ivan (me)", "anna", "olga", "nobody"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("the list lacks %q:\n%s", want, screen)
		}
	}
	drive(app, keyMsg("j"), keyMsg("j"), keyMsg("enter")) // ivan, anna, olga
	if got := strings.Join(ft.calls, "; "); got != "questions/R-4100000→olga by ivan" {
		t.Fatalf("assigned %q", got)
	}
	if app.bar.notice.Text != "Assigned to olga" {
		t.Errorf("notice %q", app.bar.notice.Text)
	}
	drive(app, StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	drive(app, run(s.reread())...)
	screen = ansi.Strip(app.View().Content)
	if !strings.Contains(screen, "→ olga") || !strings.Contains(screen, "Assigned to olga by ivan") {
		t.Errorf("the row or detail does not say whose it is:\n%s", screen)
	}

	local := testEnv(i18n.RU)
	ls, _ := newTestSplit(local, PaneQuestions, 5)
	lapp := New(local, AppOptions{FixedTheme: true}, ls)
	drive(lapp, tea.WindowSizeMsg{Width: 120, Height: 24})
	drive(lapp, run(ls.Init())...)
	drive(lapp, keyMsg("@"))
	if !strings.Contains(lapp.bar.notice.Text, "Назначать можно в общем inbox") {
		t.Errorf("local @: %q", lapp.bar.notice.Text)
	}
}
