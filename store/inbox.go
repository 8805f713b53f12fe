package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
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

// Token is the position just after u: InboxPage continues from it.
func (u Urgent) Token() InboxToken { return InboxToken{due: u.due, kind: u.Kind, id: u.ID, ok: true} }

// CompareUrgent orders items the way Inbox lists them, so the inboxes of
// several profiles merge into one order.
func CompareUrgent(a, b Urgent) int { return a.Token().compare(b.Token()) }

// InboxToken continues an Inbox listing after the last item of a page; the
// zero value starts at the most urgent item. Keyset paging keeps a deep
// page as fast as the first.
type InboxToken struct {
	due  int64
	kind Kind
	id   string
	ok   bool
}

// IsZero reports the first page's token, and that no page follows.
func (t InboxToken) IsZero() bool { return !t.ok }

// compare orders tokens as the Inbox lists items (inboxKey's order).
func (t InboxToken) compare(o InboxToken) int {
	return inboxKey{t.due, t.kind, t.id}.compare(inboxKey{o.due, o.kind, o.id})
}

// String encodes the token for a UI cursor ("" for the zero token);
// ParseInboxToken reads it back.
func (t InboxToken) String() string {
	if !t.ok {
		return ""
	}
	// The ID goes last: it is the only part that may contain the separator.
	return strconv.FormatInt(t.due, 10) + "|" + string(t.kind) + "|" + t.id
}

// ParseInboxToken reads a token written by InboxToken.String.
func ParseInboxToken(s string) (InboxToken, error) {
	if s == "" {
		return InboxToken{}, nil
	}
	parts := strings.SplitN(s, "|", 3)
	if len(parts) != 3 {
		return InboxToken{}, fmt.Errorf("store: %q is not an inbox position", s)
	}
	due, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return InboxToken{}, fmt.Errorf("store: %q is not an inbox position", s)
	}
	return InboxToken{due: due, kind: Kind(parts[1]), id: parts[2], ok: true}, nil
}

// Inbox lists what awaits the seller across every pane, most urgent first:
// by deadline (models' rules: chats, claims, feedbacks), then items
// without one (questions, YM returns), oldest first. limit <= 0 lists
// everything.
func (s *Store) Inbox(ctx context.Context, now time.Time, limit int) ([]Urgent, error) {
	out, _, err := s.InboxPage(ctx, now, InboxToken{}, limit)
	return out, err
}

// InboxPage is one page of Inbox after the item the token was taken from;
// next is the token of the following page, zero after the last one.
// limit <= 0 lists everything that follows.
func (s *Store) InboxPage(ctx context.Context, now time.Time, after InboxToken, limit int) (page []Urgent, next InboxToken, err error) {
	var args []any
	if after.ok {
		args = append(args, after.due, after.id, after.kind)
	}
	if limit > 0 {
		// One more than asked tells whether a next page exists.
		args = append(args, limit+1)
	}
	rows, err := s.db.QueryContext(ctx, inboxQuery(after.ok, limit > 0), args...)
	if err != nil {
		return nil, InboxToken{}, fmt.Errorf("store: inbox: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u Urgent
		var at, created int64
		var deadline, due sql.NullInt64
		if err := rows.Scan(&u.Kind, &u.ID, &u.Title, &u.Snippet, &at, &created, &deadline, &due); err != nil {
			return nil, InboxToken{}, fmt.Errorf("store: inbox: %w", err)
		}
		u.Pane, u.At, u.Created, u.due = u.Kind.Pane(), fromMS(at), fromMS(created), due.Int64
		if deadline.Valid {
			u.Deadline = fromMS(deadline.Int64)
			u.Left = u.Deadline.Sub(now)
		}
		page = append(page, u)
	}
	if err := rows.Err(); err != nil {
		return nil, InboxToken{}, fmt.Errorf("store: inbox: %w", err)
	}
	if limit > 0 && len(page) > limit {
		page = page[:limit]
		next = page[len(page)-1].Token()
	}
	return page, next, nil
}

// inboxQuery is the page query: after the (due, id, kind) given, at most
// a given number of rows.
func inboxQuery(after, limited bool) string {
	q := `SELECT kind, id, title, snippet, at, created, deadline, due FROM items WHERE needs_action = 1`
	if after {
		q += ` AND (due, id, kind) > (?, ?, ?)`
	}
	q += ` ORDER BY due, id, kind`
	if limited {
		q += ` LIMIT ?`
	}
	return q
}
