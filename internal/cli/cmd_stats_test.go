package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/store"
)

// TestStatsTable: the table names each agent (buyer-free text, but an
// agent's name comes from a key file: sanitized), the median, a bar per
// day, and what is overdue in every pane.
func TestStatsTable(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	s := store.Stats{
		Days: []time.Time{day, day.AddDate(0, 0, 1), day.AddDate(0, 0, 2)},
		Rows: []store.StatsRow{
			{Agent: "", Pane: store.PaneQuestions, Answered: 1, PerDay: []int{0, 0, 1}},
			{Agent: "anna\x1b]0;pwn\a", Pane: store.PaneFeedbacks, Answered: 4, FirstResponse: 3*time.Hour + 5*time.Minute, Timed: 4, PerDay: []int{2, 0, 2}},
		},
		Failed:  1,
		Overdue: map[store.Pane]int{store.PaneChats: 3},
	}
	var b bytes.Buffer
	printStats(&b, s)
	out := b.String()
	for _, want := range []string{"2026-12-01 – 2026-12-03", "(this computer)", "3h 05m", "█·█", "chats 3", "returns 0", "failed for good: 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\a") {
		t.Errorf("an escape reached the output:\n%q", out)
	}
}
