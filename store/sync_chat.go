package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
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
		if err := u.next(); err != nil {
			return err
		}
		started := s.o.Now()
		chats, err := s.wb.Chats(ctx)
		if err != nil && len(chats) == 0 {
			return err
		}
		ch, perr := putFrom(ctx, s.st, chats, chatRecord, 0, func(tx *sql.Tx) error {
			if err != nil {
				return nil // a partial list: keep it, but read it again next time
			}
			return s.st.setCursorTx(ctx, tx, chatListCursor, started.Format(time.RFC3339Nano))
		})
		u.res.Changes = u.res.Changes.Add(ch)
		if perr != nil {
			return perr
		}
		if err != nil {
			return err
		}
	}
	raw, err := s.st.Cursor(ctx, chatNextCursor)
	if err != nil {
		return err
	}
	next, _ := strconv.ParseInt(raw, 10, 64)
	for {
		if err := u.next(); err != nil {
			return err
		}
		page, err := s.wb.Events(ctx, next)
		if err != nil && len(page.Events) == 0 {
			return err
		}
		done, evErr := page.Done(), err
		if !done && page.Next <= next {
			return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBChat, Op: "getV1SellerEvents",
				Kind: api.KindDecode, Message: "the events cursor did not advance past " + strconv.FormatInt(next, 10)}
		}
		ch, err := s.storeEvents(ctx, page, next)
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
		next = page.Next
	}
}

// storeEvents stores a page of events with the cursor that follows it.
func (s *Syncer) storeEvents(ctx context.Context, page models.ChatEventsPage, prev int64) (Changes, error) {
	var ch Changes
	err := s.st.write(ctx, func(tx *sql.Tx) error {
		var err error
		if ch, err = putChatEventsTx(ctx, tx, page.Events, 0); err != nil {
			return err
		}
		if page.Next > prev {
			return s.st.setCursorTx(ctx, tx, chatNextCursor, strconv.FormatInt(page.Next, 10))
		}
		return nil
	})
	return ch, err
}
