package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
)

// Whole lists for `sellerinbox list`, read through the same page sources
// as the Syncer (online) or from the store alone (Stored).

// ListOptions select a part of a pane: what awaits the seller (the zero
// value), what was answered or decided, or everything of the archive.
type ListOptions struct {
	Answered, Archive bool
}

// ErrNoArchive: questions have no archive (use Answered).
var ErrNoArchive = errors.New("questions have no archive; use --answered")

// all follows a source's pages to the end.
func all[T any](ctx context.Context, page func(ctx context.Context, after string) (Page[T], error)) ([]T, error) {
	var out []T
	after := ""
	for {
		p, err := page(ctx, after)
		if err != nil {
			return out, err
		}
		out = append(out, p.Items...)
		if p.Next == "" {
			return out, nil
		}
		after = p.Next
	}
}

// ListQuestions reads every question awaiting an answer (or answered),
// as deep as the API's paging reaches.
func ListQuestions(ctx context.Context, c *wb.Client, o ListOptions) ([]models.Question, error) {
	if o.Archive {
		return nil, ErrNoArchive
	}
	return all(ctx, func(ctx context.Context, after string) (Page[models.Question], error) {
		return Questions(ctx, c, FQQuery{Answered: o.Answered, After: after})
	})
}

// ListFeedbacks reads every feedback awaiting an answer, answered, or of
// the archive.
func ListFeedbacks(ctx context.Context, c *wb.Client, o ListOptions) ([]models.Feedback, error) {
	return all(ctx, func(ctx context.Context, after string) (Page[models.Feedback], error) {
		return Feedbacks(ctx, c, FQQuery{Answered: o.Answered, Archive: o.Archive, After: after})
	})
}

// ListClaims reads the active claims, or the archive (Answered or
// Archive).
func ListClaims(ctx context.Context, c *wb.Client, o ListOptions) ([]models.Claim, error) {
	return all(ctx, func(ctx context.Context, after string) (Page[models.Claim], error) {
		return Claims(ctx, c, o.Answered || o.Archive, after)
	})
}

// ListReturns reads every return and keeps those awaiting a decision (or
// decided; Archive keeps all).
func ListReturns(ctx context.Context, c *ym.Client, o ListOptions) ([]models.YMReturn, error) {
	rs, err := all(ctx, func(ctx context.Context, after string) (Page[models.YMReturn], error) {
		return Returns(ctx, c, time.Time{}, after)
	})
	if err != nil {
		return nil, err
	}
	out := make([]models.YMReturn, 0, len(rs))
	for _, r := range rs {
		if o.Archive || r.AwaitsDecision() != o.Answered {
			out = append(out, r)
		}
	}
	return out, nil
}

// ListChats reads the chat list and judges each chat by the events feed
// (models.ChatNeedsLook): looks[i] says why chats[i] needs a look. A chat
// the feed cannot vouch for (its last message is newer than its events, or
// it has none, or the last sender is unknown) counts as needing one, so a
// waiting buyer is never hidden.
func ListChats(ctx context.Context, c *wb.Client, o ListOptions) (chats []models.Chat, looks []models.ChatLook, err error) {
	list, err := Chats(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	byChat := map[string][]models.ChatEvent{}
	var cursor int64
	for {
		p, err := ChatEvents(ctx, c, cursor)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range p.Items {
			byChat[e.ChatID] = append(byChat[e.ChatID], e)
		}
		if p.Done || p.Cursor <= cursor {
			break
		}
		cursor = p.Cursor
	}
	return lookChats(list.Items, func(id string) ([]models.ChatEvent, error) { return byChat[id], nil }, o)
}

// StoredChats is ListChats from the store alone: the stored chat list
// judged by the stored events.
func StoredChats(ctx context.Context, st *store.Store, o ListOptions) ([]models.Chat, []models.ChatLook, error) {
	list, err := stored[models.Chat](ctx, st, store.KindChat, func(store.Row) bool { return true })
	if err != nil {
		return nil, nil, err
	}
	return lookChats(list, func(id string) ([]models.ChatEvent, error) { return st.ChatEvents(ctx, id) }, o)
}

// lookChats keeps the chats that need a look (or, with Answered, those
// that do not; Archive keeps all) with the reason of each.
func lookChats(list []models.Chat, eventsOf func(chatID string) ([]models.ChatEvent, error), o ListOptions) ([]models.Chat, []models.ChatLook, error) {
	chats := make([]models.Chat, 0, len(list))
	looks := make([]models.ChatLook, 0, len(list))
	for _, ch := range list {
		evs, err := eventsOf(ch.ChatID)
		if err != nil {
			return nil, nil, err
		}
		look := models.ChatNeedsLook(ch, evs)
		if o.Archive || look.NeedsLook() != o.Answered {
			chats = append(chats, ch)
			looks = append(looks, look)
		}
	}
	return chats, looks, nil
}

// Stored reads a pane's items from the store alone, newest first: what
// awaits the seller, what does not (Answered; claims: also Archive), or
// every item (Archive). It returns a slice of the pane's model.
func Stored(ctx context.Context, st *store.Store, pane store.Pane, o ListOptions) (any, error) {
	if pane == store.PaneQuestions && o.Archive {
		return nil, ErrNoArchive
	}
	if pane == store.PaneClaims && o.Archive {
		// The archive is what no longer awaits the seller.
		o = ListOptions{Answered: true}
	}
	keep := func(r store.Row) bool { return o.Archive || r.NeedsAction != o.Answered }
	switch pane {
	case store.PaneQuestions:
		return stored[models.Question](ctx, st, store.KindQuestion, keep)
	case store.PaneFeedbacks:
		return stored[models.Feedback](ctx, st, store.KindFeedback, keep)
	case store.PaneChats:
		cs, _, err := StoredChats(ctx, st, o)
		return cs, err
	case store.PaneClaims:
		return stored[models.Claim](ctx, st, store.KindClaim, keep)
	case store.PaneReturns:
		return stored[models.YMReturn](ctx, st, store.KindReturn, keep)
	}
	return nil, fmt.Errorf("syncer: no pane %q", pane)
}

func stored[T any](ctx context.Context, st *store.Store, kind store.Kind, keep func(store.Row) bool) ([]T, error) {
	out := []T{}
	q := store.ListQuery{Kind: kind, Limit: 1000}
	for {
		rows, next, err := st.List(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if !keep(r) {
				continue
			}
			var v T
			if err := json.Unmarshal(r.Data, &v); err != nil {
				return nil, fmt.Errorf("syncer: decode %s %s: %w", kind, r.ID, err)
			}
			out = append(out, v)
		}
		if next.IsZero() {
			return out, nil
		}
		q.After = next
	}
}
