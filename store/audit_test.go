package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
)

func settled(id, agent string, kind reply.Kind, item string, queued, at time.Time, state reply.State) reply.Entry {
	return reply.Entry{ID: id, Profile: "main", Agent: agent, Kind: kind, ItemID: item, State: state,
		Created: queued, Updated: at}
}

// TestAuditAndStats: settled replies are recorded with who sent them;
// the detail's "answered by" is the last delivered answer; stats count
// each agent's answers per pane and day with the median time from the
// buyer's question, leave out edits, viewed marks and what is still on
// its way, count the failures, and count what is overdue now.
func TestAuditAndStats(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	now := t0.Add(72 * time.Hour) // 4 March 12:00 UTC
	if _, err := s.PutQuestions(ctx, []models.Question{
		question("q1", now.Add(-50*time.Hour), "Есть размер M?", false),
		question("q2", now.Add(-4*time.Hour), "Оптом продаёте?", false),
		question("q3", now.Add(-3*time.Hour), "Когда поступление?", false),
	}); err != nil {
		t.Fatal(err)
	}
	// An old unanswered feedback: archived after 30 days, overdue now.
	if _, err := s.PutFeedbacks(ctx, []models.Feedback{feedback("f1", now.Add(-40*24*time.Hour), "Плохо", 1)}); err != nil {
		t.Fatal(err)
	}
	for _, e := range []reply.Entry{
		settled("e1", "anna", reply.KindQuestionAnswer, "q1", now.Add(-49*time.Hour), now.Add(-48*time.Hour), reply.StateSent), // 2 h after the question, 2 days ago
		settled("e2", "anna", reply.KindQuestionAnswer, "q2", now.Add(-2*time.Hour), now.Add(-time.Hour), reply.StateSent),     // 3 h
		settled("e3", "anna", reply.KindQuestionEdit, "q2", now.Add(-time.Hour), now.Add(-30*time.Minute), reply.StateSent),    // an edit: no answer
		settled("e4", "ivan", reply.KindQuestionReject, "q3", now.Add(-2*time.Hour), now.Add(-time.Hour), reply.StateSent),     // 2 h
		settled("e5", "ivan", reply.KindQuestionViewed, "q3", now.Add(-3*time.Hour), now.Add(-3*time.Hour), reply.StateSent),   // bookkeeping
		settled("e6", "ivan", reply.KindFeedbackAnswer, "f1", now.Add(-time.Hour), now.Add(-time.Hour), reply.StateFailed),
		settled("e7", "ivan", reply.KindFeedbackAnswer, "f1", now.Add(-time.Minute), now, reply.StateQueued),           // on its way
		settled("e8", "", reply.KindQuestionAnswer, "gone", now.Add(-time.Hour), now.Add(-time.Hour), reply.StateSent), // not stored
	} {
		if err := s.RecordSettled(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	rec, ok, err := s.AnsweredBy(ctx, PaneQuestions, "q2")
	if err != nil || !ok || rec.Agent != "anna" || !rec.At.Equal(now.Add(-time.Hour)) {
		t.Fatalf("answered by: %+v %v %v", rec, ok, err)
	}
	if _, ok, _ := s.AnsweredBy(ctx, PaneFeedbacks, "f1"); ok {
		t.Error("a failed answer counts as answered")
	}
	st, err := s.Stats(ctx, now, 3, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := []StatsRow{
		{Agent: "", Pane: PaneQuestions, Answered: 1, PerDay: []int{0, 0, 1}},
		{Agent: "anna", Pane: PaneQuestions, Answered: 2, FirstResponse: 150 * time.Minute, Timed: 2, PerDay: []int{1, 0, 1}},
		{Agent: "ivan", Pane: PaneQuestions, Answered: 1, FirstResponse: 2 * time.Hour, Timed: 1, PerDay: []int{0, 0, 1}},
	}
	if len(st.Rows) != len(want) {
		t.Fatalf("rows %+v", st.Rows)
	}
	for i, w := range want {
		g := st.Rows[i]
		if g.Agent != w.Agent || g.Pane != w.Pane || g.Answered != w.Answered || g.FirstResponse != w.FirstResponse ||
			g.Timed != w.Timed || len(g.PerDay) != 3 || g.PerDay[0] != w.PerDay[0] || g.PerDay[2] != w.PerDay[2] {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
	if st.Failed != 1 || st.Overdue[PaneFeedbacks] != 1 || st.Overdue[PaneQuestions] != 0 {
		t.Errorf("failed %d, overdue %v", st.Failed, st.Overdue)
	}
	if !st.Days[0].Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) || len(st.Days) != 3 {
		t.Errorf("days %v", st.Days)
	}
}

// TestMigrateV10ToV11: a database of version 10 gets the audit table.
func TestMigrateV10ToV11(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 10)
	s.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version %d, %v", v, err)
	}
	e := settled("e1", "anna", reply.KindQuestionAnswer, "q1", t0, t0.Add(time.Minute), reply.StateSent)
	if err := s.RecordSettled(ctx, e); err != nil {
		t.Fatal(err)
	}
}
