package store

import (
	"context"
	"database/sql"
	"fmt"
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
	// Deadline is zero when the marketplace sets none (questions).
	Deadline time.Time
	// Left is the time until Deadline at the Inbox's now; negative when
	// overdue, zero without a deadline.
	Left time.Duration
}

// HasDeadline reports whether the item must be handled by a date.
func (u Urgent) HasDeadline() bool { return !u.Deadline.IsZero() }

// Overdue reports a deadline already passed.
func (u Urgent) Overdue() bool { return u.HasDeadline() && u.Left < 0 }

// Inbox lists what awaits the seller across every pane, most urgent first:
// by deadline (chats: last buyer message + ChatReplyWindow; claims: dt +
// ClaimWindow; feedbacks: created + FeedbackArchiveAfter; YM returns:
// created + YMDecisionWindow), then items without one (questions), oldest
// first. limit <= 0 lists everything.
func (s *Store) Inbox(ctx context.Context, now time.Time, limit int) ([]Urgent, error) {
	q := `SELECT kind, id, title, snippet, at, deadline FROM items WHERE needs_action = 1 ORDER BY due, id`
	args := []any{}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: inbox: %w", err)
	}
	defer rows.Close()
	var out []Urgent
	for rows.Next() {
		var u Urgent
		var at int64
		var deadline sql.NullInt64
		if err := rows.Scan(&u.Kind, &u.ID, &u.Title, &u.Snippet, &at, &deadline); err != nil {
			return nil, fmt.Errorf("store: inbox: %w", err)
		}
		u.Pane, u.At = u.Kind.Pane(), fromMS(at)
		if deadline.Valid {
			u.Deadline = fromMS(deadline.Int64)
			u.Left = u.Deadline.Sub(now)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
