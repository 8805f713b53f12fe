package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/sellerinbox/sellerinbox/models"
)

// Typed Put/Get/List per kind. Put upserts a batch in one transaction;
// List pages newest activity first (see ListQuery; its Kind is set here).

func putTyped[T any](ctx context.Context, s *Store, xs []T, f func(T) (record, error)) (Changes, error) {
	return putFrom(ctx, s, xs, f, 0, nil)
}

// putFrom encodes xs and stores them, stamped with a sweep, together with
// extra writes (cursors) in one transaction.
func putFrom[T any](ctx context.Context, s *Store, xs []T, f func(T) (record, error), seen int64, extra func(*sql.Tx) error) (Changes, error) {
	var ch Changes
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ch, err = putEachTx(ctx, s.d, tx, xs, f, seen)
		if err == nil && extra != nil {
			err = extra(tx)
		}
		return err
	})
	return ch, err
}

// putEachTx encodes and writes one item at a time: a page of 200,000
// items is already in memory as models, and encoding it whole first
// would hold a second copy of it (JSON and search text) until the end.
func putEachTx[T any](ctx context.Context, d dialect, tx *sql.Tx, xs []T, f func(T) (record, error), seen int64) (Changes, error) {
	p, err := newPutter(ctx, tx, seen)
	if err != nil {
		return Changes{}, err
	}
	defer p.close()
	var rf *chatRefresher
	defer func() {
		if rf != nil {
			rf.close()
		}
	}()
	for _, x := range xs {
		r, err := f(x)
		if err != nil {
			return p.changes, fmt.Errorf("store: encode: %w", err)
		}
		before := p.changes
		if _, err := p.put(r); err != nil {
			return p.changes, err
		}
		// An unchanged chat keeps the state its events gave it.
		if r.keepChatState && p.changes.Unchanged == before.Unchanged {
			if rf == nil {
				if rf, err = newChatRefresher(ctx, d, tx); err != nil {
					return p.changes, err
				}
			}
			if err := rf.refresh(r.id); err != nil {
				return p.changes, err
			}
		}
	}
	return p.changes, p.flush()
}

func getTyped[T any](ctx context.Context, s *Store, kind Kind, id string) (T, bool, error) {
	r, ok, err := s.Get(ctx, kind, id)
	if err != nil || !ok {
		var zero T
		return zero, ok, err
	}
	v, err := Decode[T](r)
	return v, err == nil, err
}

func listTyped[T any](ctx context.Context, s *Store, kind Kind, q ListQuery) ([]T, PageToken, error) {
	q.Kind = kind
	rows, next, err := s.List(ctx, q)
	if err != nil {
		return nil, PageToken{}, err
	}
	out, err := decodeRows[T](rows)
	return out, next, err
}

// PutQuestions stores Wildberries questions.
func (s *Store) PutQuestions(ctx context.Context, qs []models.Question) (Changes, error) {
	return putTyped(ctx, s, qs, questionRecord)
}

// GetQuestion reads one stored question.
func (s *Store) GetQuestion(ctx context.Context, id string) (models.Question, bool, error) {
	return getTyped[models.Question](ctx, s, KindQuestion, id)
}

// ListQuestions pages through stored questions, newest first.
func (s *Store) ListQuestions(ctx context.Context, q ListQuery) ([]models.Question, PageToken, error) {
	return listTyped[models.Question](ctx, s, KindQuestion, q)
}

// PutFeedbacks stores Wildberries feedbacks.
func (s *Store) PutFeedbacks(ctx context.Context, fs []models.Feedback) (Changes, error) {
	return putTyped(ctx, s, fs, feedbackRecord)
}

// GetFeedback reads one stored feedback.
func (s *Store) GetFeedback(ctx context.Context, id string) (models.Feedback, bool, error) {
	return getTyped[models.Feedback](ctx, s, KindFeedback, id)
}

// ListFeedbacks pages through stored feedbacks, newest first.
func (s *Store) ListFeedbacks(ctx context.Context, q ListQuery) ([]models.Feedback, PageToken, error) {
	return listTyped[models.Feedback](ctx, s, KindFeedback, q)
}

// PutChats stores chats of the chat list. A chat's awaiting-reply state
// comes from its stored events (PutChatEvents), not from the list.
func (s *Store) PutChats(ctx context.Context, cs []models.Chat) (Changes, error) {
	return putTyped(ctx, s, cs, chatRecord)
}

// GetChat reads one stored chat.
func (s *Store) GetChat(ctx context.Context, id string) (models.Chat, bool, error) {
	return getTyped[models.Chat](ctx, s, KindChat, id)
}

// ListChats pages through stored chats, latest message first.
func (s *Store) ListChats(ctx context.Context, q ListQuery) ([]models.Chat, PageToken, error) {
	return listTyped[models.Chat](ctx, s, KindChat, q)
}

// PutClaims stores claims of the active (archive false) or the archive
// list; only active claims that offer actions await the seller.
func (s *Store) PutClaims(ctx context.Context, cs []models.Claim, archive bool) (Changes, error) {
	return putTyped(ctx, s, cs, func(c models.Claim) (record, error) { return claimRecord(c, archive) })
}

// GetClaim reads one stored claim and whether it came from the archive.
func (s *Store) GetClaim(ctx context.Context, id string) (models.Claim, bool, error) {
	c, ok, err := getTyped[storedClaim](ctx, s, KindClaim, id)
	return c.Claim, ok, err
}

// ListClaims pages through stored claims, newest first.
func (s *Store) ListClaims(ctx context.Context, q ListQuery) ([]models.Claim, PageToken, error) {
	cs, next, err := listTyped[storedClaim](ctx, s, KindClaim, q)
	if err != nil {
		return nil, next, err
	}
	out := make([]models.Claim, len(cs))
	for i, c := range cs {
		out[i] = c.Claim
	}
	return out, next, nil
}

// PutReturns stores Yandex Market returns and non-purchases.
func (s *Store) PutReturns(ctx context.Context, rs []models.YMReturn) (Changes, error) {
	return putTyped(ctx, s, rs, returnRecord)
}

// GetReturn reads one stored return.
func (s *Store) GetReturn(ctx context.Context, id int64) (models.YMReturn, bool, error) {
	return getTyped[models.YMReturn](ctx, s, KindReturn, strconv.FormatInt(id, 10))
}

// ListReturns pages through stored returns, latest update first.
func (s *Store) ListReturns(ctx context.Context, q ListQuery) ([]models.YMReturn, PageToken, error) {
	return listTyped[models.YMReturn](ctx, s, KindReturn, q)
}

// ListClaimsIn pages through the stored claims of one list: active
// (archive false) or the archive.
func (s *Store) ListClaimsIn(ctx context.Context, q ListQuery, archive bool) ([]models.Claim, error) {
	q.Kind = KindClaim
	if q.Limit <= 0 {
		q.Limit = 100
	}
	var out []models.Claim
	for {
		cs, next, err := listTyped[storedClaim](ctx, s, KindClaim, q)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if c.Archive == archive {
				out = append(out, c.Claim)
			}
		}
		if next.IsZero() || len(out) >= q.Limit {
			return out, nil
		}
		q.After = next
	}
}
