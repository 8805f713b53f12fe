package ui

import (
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestSectionQuery: days counts back from the moment of each read; the
// filter and words are the section's.
func TestSectionQuery(t *testing.T) {
	sec := Section{Name: "5★", Pane: PaneFeedbacks, Days: 7, Text: "спасибо",
		Filter: store.Filter{RatingMin: 5, RatingMax: 5, NoText: true, Status: store.StatusNeedsAction}}
	q := sec.query(store.KindFeedback, fixedNow)
	if q.Kind != store.KindFeedback || q.Text != "спасибо" || !q.Filter.NoText || q.Filter.RatingMin != 5 ||
		!q.Filter.From.Equal(fixedNow.AddDate(0, 0, -7)) || !q.Filter.To.IsZero() {
		t.Errorf("query %+v", q)
	}
	if q := (Section{}).query(store.KindQuestion, fixedNow); !q.Filter.From.IsZero() {
		t.Errorf("no days, yet From %v", q.Filter.From)
	}
}

// TestSentTodayCountsTheSectionsOwn: the daily cap counts the section's
// automatic answers since midnight, not its manual ones or another's.
func TestSentTodayCountsTheSectionsOwn(t *testing.T) {
	now := fixedNow
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	sec := Section{Name: "A", Pane: PaneFeedbacks}
	other := Section{Name: "A:B", Pane: PaneFeedbacks} // starts like A
	enqueue := func(id, batch string) {
		t.Helper()
		if _, err := ob.Enqueue(reply.Entry{Profile: "p", Kind: reply.KindFeedbackAnswer, ItemID: id, Text: "Спасибо!", Batch: batch}); err != nil {
			t.Fatal(err)
		}
	}
	now = fixedNow.AddDate(0, 0, -1)
	enqueue("y1", sec.autoBatch()+"1") // yesterday
	now = fixedNow
	enqueue("t1", sec.autoBatch()+"2")
	enqueue("t2", sec.autoBatch()+"2")
	enqueue("m1", "bulk:3")              // by hand
	enqueue("o1", other.autoBatch()+"4") // another section
	if got := sec.SentToday(ob, fixedNow); got != 2 {
		t.Errorf("SentToday = %d, want 2", got)
	}
}
