package app

import (
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui"
)

// TestTeamPresence: a hold is seen by colleagues, not by its agent; it
// moves with the agent, passes on a take-over, lapses without renewal and
// goes when the session ends; every change is broadcast.
func TestTeamPresence(t *testing.T) {
	var sent atomic.Int32
	p := newTeamPresence(func(m tea.Msg) {
		if _, ok := m.(ui.PresenceChangedMsg); ok {
			sent.Add(1)
		}
	})
	now := time.Date(2026, 12, 3, 10, 42, 0, 0, time.UTC)
	p.now = func() time.Time { return now }
	holder := func(id, self string) string {
		h, ok := p.Holder(ui.PaneQuestions, id, self)
		if !ok {
			return ""
		}
		return h.Agent
	}
	p.Hold("anna", ui.PaneQuestions, "q1")
	if holder("q1", "ivan") != "anna" || holder("q1", "anna") != "" || holder("q2", "ivan") != "" {
		t.Fatal("anna's hold on q1 is not what colleagues see")
	}
	if _, ok := p.Holder(ui.PaneFeedbacks, "q1", "ivan"); ok {
		t.Error("a hold in one pane showed in another")
	}
	p.Hold("anna", ui.PaneQuestions, "q2") // moved on
	if holder("q1", "ivan") != "" || holder("q2", "ivan") != "anna" {
		t.Error("the hold did not move with anna")
	}
	p.Hold("ivan", ui.PaneQuestions, "q2") // took over
	if holder("q2", "olga") != "ivan" || holder("q2", "ivan") != "" || holder("q2", "anna") != "ivan" {
		t.Error("ivan's take-over did not pass the hold")
	}
	p.Hold("anna", ui.PaneQuestions, "") // anna closes her editor: ivan's hold stays
	if holder("q2", "olga") != "ivan" {
		t.Error("anna letting go dropped ivan's hold")
	}
	now = now.Add(presenceTTL + time.Second)
	if holder("q2", "olga") != "" {
		t.Error("a hold not renewed did not lapse")
	}
	p.Hold("ivan", ui.PaneQuestions, "q2") // renewed after the lapse
	p.Release("ivan")
	if holder("q2", "olga") != "" {
		t.Error("the hold outlived ivan's session")
	}
	// anna took q1, moved to q2, ivan took over, ivan's lapsed hold was
	// taken again, ivan left: anna letting go of what ivan holds changed
	// nothing anyone sees
	if n := sent.Load(); n != 5 {
		t.Errorf("%d broadcasts for the 5 visible changes", n)
	}
}
