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
		return models.YMReturn{}, models.YMOrder{}, &api.Error{Marketplace: api.YandexMarket, Op: "getReturn", Kind: api.KindNotFound,
			Message: fmt.Sprintf("return %d is not stored yet; it comes with the next sync", id)}
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
