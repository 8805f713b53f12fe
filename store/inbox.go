package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"
)

// Urgent is one item of the Inbox: something awaiting the seller, with
// the deadline the marketplace sets for it.
type Urgent struct {
	Pane    Pane
	Kind    Kind
	ID      string
	Title   string // product, buyer or return summary
	Snippet string // buyer-supplied, unsanitized
	At      time.Time
	// Created is what the item's age counts from where it has no deadline.
	Created time.Time
	// Deadline is zero when the marketplace sets none (questions, YM
	// returns).
	Deadline time.Time
	// Left is the time until Deadline at the Inbox's now; negative when
	// overdue, zero without a deadline.
	Left time.Duration

	due int64 // the inbox order's key (see record.due)
}

// HasDeadline reports whether the item must be handled by a date.
func (u Urgent) HasDeadline() bool { return !u.Deadline.IsZero() }

// Overdue reports a deadline already passed.
func (u Urgent) Overdue() bool { return u.HasDeadline() && u.Left < 0 }

// CompareUrgent orders items the way Inbox lists them, so the inboxes of
// several profiles merge into one order.
func CompareUrgent(a, b Urgent) int {
	return inboxKey{a.due, a.Kind, a.ID}.compare(inboxKey{b.due, b.Kind, b.ID})
}

// Inbox lists what awaits the seller across every pane, most urgent first:
// by deadline (models' rules: chats, claims, feedbacks), then items
// without one (questions, YM returns), oldest first. limit <= 0 lists
// everything. It reads with the Inbox pane's window query (Inboxes), in one
// go: for tools and tests that want the list, not a screen of it.
func (s *Store) Inbox(ctx context.Context, now time.Time, limit int) ([]Urgent, error) {
	if limit <= 0 {
		limit = math.MaxInt32
	}
	var rows []PaneRow
	err := Inboxes{s}.each(ctx, PaneQuery{}, func(src int, tx *sql.Tx, f inboxFilter) (err error) {
		rows, err = inboxPage(ctx, tx, f, src, nil, true, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: inbox: %w", err)
	}
	out := make([]Urgent, len(rows))
	for i, r := range rows {
		k, _ := inboxKeyOf(r.key)
		out[i] = Urgent{Pane: r.Kind.Pane(), Kind: r.Kind, ID: r.ID, Title: r.Title, Snippet: r.Snippet,
			At: r.At, Created: r.Created, Deadline: r.Deadline, due: k.due}
		if !r.Deadline.IsZero() {
			out[i].Left = r.Deadline.Sub(now)
		}
	}
	return out, nil
}
