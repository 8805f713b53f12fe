package syncer

import (
	"context"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
)

// Chats: the events feed is incremental by design. Its `next` cursor is
// saved in the transaction that stores the events it points past, so a
// restart resumes exactly where the last stored page ended. The chat list
// (names, order cards, reply signatures of chats older than the feed's
// reach) is re-read every ChatListEvery.

const (
	chatNextCursor = "wb.chat.next"
	chatListCursor = "wb.chat.list"
)

func (s *Syncer) syncChats(ctx context.Context, u *unit) error {
	listedRaw, err := s.st.Cursor(ctx, chatListCursor)
	if err != nil {
		return err
	}
	listed, _ := time.Parse(time.RFC3339Nano, listedRaw)
	if listed.IsZero() || s.o.Now().Sub(listed) >= s.o.ChatListEvery {
		if err := u.next(ctx); err != nil {
			return err
		}
		started := s.o.Now()
		list, err := Chats(ctx, s.wb)
		chats := list.Items
		if err != nil && len(chats) == 0 {
			return err
		}
		var ch store.Changes
		perr := s.st.Write(ctx, func(tx *store.Tx) error {
			var perr error
			if ch, perr = tx.PutChats(chats, 0); perr != nil || err != nil {
				return perr // a partial list: keep it, but read it again next time
			}
			return tx.SetCursor(chatListCursor, started.Format(time.RFC3339Nano))
		})
		u.res.Changes = u.res.Changes.Add(ch)
		if perr != nil {
			return perr
		}
		if err != nil {
			return err
		}
	}
	return s.readFeed(ctx, u)
}

// readFeed reads the events feed from the saved cursor to its end. One
// reader at a time (a sync, a poll, a chat's history): two readers from
// one cursor would read every page twice and could save an older cursor
// over a newer one.
func (s *Syncer) readFeed(ctx context.Context, u *unit) error {
	s.feed.Lock()
	defer s.feed.Unlock()
	raw, err := s.st.Cursor(ctx, chatNextCursor)
	if err != nil {
		return err
	}
	next, _ := strconv.ParseInt(raw, 10, 64)
	for {
		if err := u.next(ctx); err != nil {
			return err
		}
		page, err := ChatEvents(ctx, s.wb, next)
		if err != nil && len(page.Items) == 0 {
			return err
		}
		done, evErr := page.Done, err
		if !done && page.Cursor <= next {
			return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBChat, Op: "getV1SellerEvents",
				Kind: api.KindDecode, Message: "the events cursor did not advance past " + strconv.FormatInt(next, 10)}
		}
		ch, err := s.storeEvents(ctx, page.Items, page.Cursor)
		u.res.Changes = u.res.Changes.Add(ch)
		if err != nil {
			return err
		}
		if evErr != nil {
			return evErr
		}
		if done {
			return nil
		}
		next = page.Cursor
	}
}

// storeEvents stores a page of events with the cursor that follows it.
// The cursor only moves forward, whoever stored a later page first.
func (s *Syncer) storeEvents(ctx context.Context, evs []models.ChatEvent, next int64) (store.Changes, error) {
	var ch store.Changes
	err := s.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		if ch, err = tx.PutChatEvents(evs); err != nil {
			return err
		}
		raw, err := tx.Cursor(chatNextCursor)
		if err != nil {
			return err
		}
		if saved, _ := strconv.ParseInt(raw, 10, 64); next > saved {
			return tx.SetCursor(chatNextCursor, strconv.FormatInt(next, 10))
		}
		return nil
	})
	return ch, err
}
