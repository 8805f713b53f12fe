package syncer

import (
	"context"
	"fmt"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
)

// Details a pane asks for when the user opens an item go through the
// Syncer too and land in the store; the pane then reads the store.

// Return reads a YM return and its order afresh and stores both. The
// return must be stored already (a sync listed it): its order ID is what
// getReturn is addressed by.
func (s *Syncer) Return(ctx context.Context, id int64) (models.YMReturn, models.YMOrder, error) {
	if s.ym == nil {
		return models.YMReturn{}, models.YMOrder{}, ErrNoClient
	}
	old, ok, err := s.st.GetReturn(ctx, id)
	if err != nil {
		return models.YMReturn{}, models.YMOrder{}, err
	}
	if !ok {
		return models.YMReturn{}, models.YMOrder{}, notStoredYet(id)
	}
	r, err := s.ym.GetReturn(ctx, old.OrderID, id)
	if err != nil {
		return models.YMReturn{}, models.YMOrder{}, err
	}
	// The order precedes its return: its search window ends there.
	o, oerr := s.ym.OrderBefore(ctx, r.OrderID, r.CreationDate.Time)
	err = s.st.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.PutReturns([]models.YMReturn{r}, 0); err != nil {
			return err
		}
		if oerr != nil {
			return nil // the return is news worth keeping without its order
		}
		return tx.PutOrder(o)
	})
	if err != nil {
		return r, o, err
	}
	return r, o, oerr
}

// Order brings the order of a stored return into the store, unless it is
// there already, and returns it: an order does not change once the return
// exists, so a return opened again, or after a restart, costs no request.
// The return must be stored (a sync listed it): it says which order and
// where Market's search for it ends.
func (s *Syncer) Order(ctx context.Context, returnID int64) (models.YMOrder, error) {
	r, ok, err := s.st.GetReturn(ctx, returnID)
	if err != nil {
		return models.YMOrder{}, err
	}
	if !ok {
		return models.YMOrder{}, notStoredYet(returnID)
	}
	if o, ok, err := s.st.Order(ctx, r.OrderID); err != nil || ok {
		return o, err
	}
	if s.ym == nil {
		return models.YMOrder{}, ErrNoClient
	}
	// The order precedes its return: its search window ends there.
	o, err := s.ym.OrderBefore(ctx, r.OrderID, r.CreationDate.Time)
	if err != nil {
		return models.YMOrder{}, err
	}
	return o, s.st.Write(ctx, func(tx *store.Tx) error { return tx.PutOrder(o) })
}

func notStoredYet(returnID int64) error {
	return &api.Error{Marketplace: api.YandexMarket, Op: "getReturn", Kind: api.KindNotFound,
		Message: fmt.Sprintf("return %d is not stored yet; it comes with the next sync", returnID)}
}

// Question reads a question back from Wildberries and stores it as it is
// there. After a delivered answer this copy is the confirmation: the
// answer methods return 204 even for an ID Wildberries does not know, so
// only the question read back shows whether (and which) answer is on it.
// Changes say whether the stored copy differed.
func (s *Syncer) Question(ctx context.Context, id string) (models.Question, store.Changes, error) {
	if s.wb == nil {
		return models.Question{}, store.Changes{}, ErrNoClient
	}
	q, err := s.wb.Question(ctx, id)
	if err != nil {
		return q, store.Changes{}, err
	}
	var ch store.Changes
	err = s.st.Write(ctx, func(tx *store.Tx) (err error) {
		ch, err = tx.PutQuestions([]models.Question{q}, 0)
		return err
	})
	return q, ch, err
}

// Feedback is Question for a feedback: read back after an answer, its
// edit or a return request was delivered, and stored as Wildberries has it.
func (s *Syncer) Feedback(ctx context.Context, id string) (models.Feedback, store.Changes, error) {
	if s.wb == nil {
		return models.Feedback{}, store.Changes{}, ErrNoClient
	}
	f, err := s.wb.Feedback(ctx, id)
	if err != nil {
		return f, store.Changes{}, err
	}
	var ch store.Changes
	err = s.st.Write(ctx, func(tx *store.Tx) (err error) {
		ch, err = tx.PutFeedbacks([]models.Feedback{f}, 0)
		return err
	})
	return f, ch, err
}

// KeepReplySign stores the reply signature a chat's last send answered
// with. The WB client remembers it from the send (where Wildberries
// rotates signs, each message gives the chat a new one and refuses the
// old); stored, it is what the next message and the next start use.
// sign is "" when the client knows none; changed reports a write.
func (s *Syncer) KeepReplySign(ctx context.Context, chatID string) (sign string, changed bool, err error) {
	if s.wb == nil {
		return "", false, ErrNoClient
	}
	sign, ok := s.wb.ReplySign(chatID)
	if !ok || sign == "" {
		return "", false, nil
	}
	old, stored, err := s.st.GetChat(ctx, chatID)
	if err != nil || !stored || old.ReplySign == sign {
		// A chat not stored yet gets its sign with the next chat list.
		return sign, false, err
	}
	if err := s.st.SetChatReplySign(ctx, chatID, sign); err != nil {
		return sign, false, err
	}
	return sign, true, nil
}

// ChatHistory brings the chat events feed up to date and returns the
// chat's stored events, oldest first. Wildberries has no per-chat history:
// the feed is the only source, so this reads it from the saved cursor (at
// most MaxRequests pages, with Foreground priority); More reports that
// the feed has more and the call should be repeated.
func (s *Syncer) ChatHistory(ctx context.Context, chatID string) (events []models.ChatEvent, more bool, err error) {
	if s.wb == nil {
		return nil, false, ErrNoClient
	}
	res := Result{Pane: store.PaneChats}
	ferr := s.readFeed(ctx, s.newUnit(Foreground, s.wb.Transport(), api.GroupWBChat, &res))
	if ferr != nil && !isBounded(ferr) {
		// What is stored still shows; the error says why it may be old.
		evs, err := s.st.ChatEvents(ctx, chatID)
		if err != nil {
			return nil, false, err
		}
		return evs, false, ferr
	}
	evs, err := s.st.ChatEvents(ctx, chatID)
	return evs, ferr != nil, err
}
