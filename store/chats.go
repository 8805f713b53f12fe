package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/sellerinbox/sellerinbox/models"
)

// PutChatEvents stores events of the chat feed. Events never change, so an
// event already stored is skipped; chats get their "awaiting reply" state
// and deadline from them (a buyer message newer than the seller's last).
func (s *Store) PutChatEvents(ctx context.Context, evs []models.ChatEvent) (Changes, error) {
	var ch Changes
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ch, err = putChatEventsTx(ctx, s.d, tx, evs, 0)
		return err
	})
	return ch, err
}

func eventKey(e models.ChatEvent) string {
	if e.EventID != "" {
		return e.EventID
	}
	// The schema requires eventID; should one be missing, the chat and the
	// millisecond still identify the event across overlapping reads.
	return e.ChatID + "@" + strconv.FormatInt(int64(e.AddTimestamp), 10)
}

func putChatEventsTx(ctx context.Context, d dialect, tx *sql.Tx, evs []models.ChatEvent, seen int64) (Changes, error) {
	var ch Changes
	ins, err := tx.PrepareContext(ctx, `INSERT INTO chat_events(event_id, chat_id, at, sender, data) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(event_id) DO NOTHING RETURNING rowid`)
	if err != nil {
		return ch, fmt.Errorf("store: prepare: %w", err)
	}
	defer ins.Close()
	idx := newFTSBatch(ctx, tx)
	var chats []string
	first := map[string]models.ChatEvent{}
	for _, e := range evs {
		if e.ChatID == "" {
			continue // nothing to file it under; the feed never sends one
		}
		data, err := json.Marshal(e)
		if err != nil {
			return ch, err
		}
		at := ms(e.Time().Time)
		var rowid int64
		err = ins.QueryRowContext(ctx, eventKey(e), e.ChatID, at, string(e.Sender), data).Scan(&rowid)
		if errors.Is(err, sql.ErrNoRows) {
			ch.Unchanged++
			continue
		}
		if err != nil {
			return ch, fmt.Errorf("store: insert chat event: %w", err)
		}
		ch.Added++
		// Events share the search index with items: negative rowids keep
		// the two rowid spaces apart.
		if err := idx.add(ftsDoc{rowid: -rowid, body: joinText(e.Text(), e.ClientName), kind: KindChat, id: e.ChatID, at: at}); err != nil {
			return ch, fmt.Errorf("store: index chat event: %w", err)
		}
		if _, ok := first[e.ChatID]; !ok {
			first[e.ChatID] = e
			chats = append(chats, e.ChatID)
		} else if e.ReplySign != "" {
			first[e.ChatID] = e
		}
	}
	if err := idx.flush(); err != nil {
		return ch, err
	}
	if len(chats) == 0 {
		return ch, nil
	}
	p, err := newPutter(ctx, tx, seen)
	if err != nil {
		return ch, err
	}
	defer p.close()
	rf, err := newChatRefresher(ctx, d, tx)
	if err != nil {
		return ch, err
	}
	defer rf.close()
	for _, id := range chats {
		var one int
		err := p.sel.QueryRowContext(ctx, "wb", KindChat, id).Scan(&one, new([]byte), new(bool))
		if errors.Is(err, sql.ErrNoRows) {
			// A chat the list has not shown yet: keep what the event
			// says (the name and, for a new chat, the reply signature)
			// until the next chat list fills the rest in.
			e := first[id]
			r, err := chatRecord(models.Chat{ChatID: id, ClientName: e.ClientName, ReplySign: e.ReplySign,
				LastMessage: &models.ChatLastMessage{Text: e.Text(), AddTimestamp: models.UnixMillis(ms(e.Time().Time))}})
			if err != nil {
				return ch, err
			}
			if _, err := p.put(r); err != nil {
				return ch, err
			}
		} else if err != nil {
			return ch, fmt.Errorf("store: find chat %s: %w", id, err)
		} else if e := first[id]; e.ReplySign != "" {
			// An event that (re)opens the chat carries its current sign.
			if err := setChatReplySignTx(ctx, d, tx, id, e.ReplySign); err != nil {
				return ch, err
			}
		}
		if err := rf.refresh(id); err != nil {
			return ch, err
		}
	}
	return ch, p.flush()
}

// chatRefresher derives chats' state from their events (see refresh)
// with statements prepared once per page: a page of the feed touches
// dozens of chats, and parsing the same four statements for each was most
// of what storing a page cost (BenchmarkChatEventsPage).
type chatRefresher struct {
	ctx                               context.Context
	item, senders, last, upd, waiting *sql.Stmt
}

func newChatRefresher(ctx context.Context, d dialect, tx *sql.Tx) (*chatRefresher, error) {
	r := &chatRefresher{ctx: ctx}
	for _, s := range []struct {
		dst **sql.Stmt
		q   string
	}{
		{&r.item, `SELECT rowid, at, created, snippet, ` + d.jsonInt("data", ".lastMessage.addTimestamp") + `
			FROM items WHERE marketplace = 'wb' AND kind = 'chat' AND id = ?`},
		{&r.senders, `SELECT max(at),
			max(CASE WHEN sender = 'client' THEN at END),
			max(CASE WHEN sender = 'seller' THEN at END),
			max(CASE WHEN sender NOT IN ('client', 'seller', 'wb') THEN at END)
			FROM chat_events WHERE chat_id = ?`},
		{&r.waiting, `SELECT min(at) FROM chat_events WHERE chat_id = ? AND sender = 'client' AND at >= ?`},
		{&r.last, `SELECT at, data FROM chat_events WHERE chat_id = ? ORDER BY at DESC LIMIT 1`},
		{&r.upd, `UPDATE items SET needs_action = ?, deadline = ?, due = ?, at = ?, updated = max(updated, ?), snippet = ?
			WHERE rowid = ?`},
	} {
		st, err := tx.PrepareContext(ctx, s.q)
		if err != nil {
			r.close()
			return nil, fmt.Errorf("store: prepare: %w", err)
		}
		*s.dst = st
	}
	return r, nil
}

func (r *chatRefresher) close() {
	for _, s := range []*sql.Stmt{r.item, r.senders, r.last, r.upd, r.waiting} {
		if s != nil {
			s.Close()
		}
	}
}

// refresh derives a chat's state from its events by models.ChatNeedsLook:
// it needs action when the buyer wrote after the seller's last message,
// and also when the events cannot vouch for the chat (none stored, the
// list's last message newer than all of them, an unknown sender), since
// a buyer may be waiting there. A reply is due by models.ChatDeadline from
// the oldest buyer message after the seller's last; a chat that only needs
// a look has no deadline.
// Wildberries' own notices (sender "wb") neither ask nor answer.
func (r *chatRefresher) refresh(chatID string) error {
	ctx := r.ctx
	var rowid, at, created, listed int64
	var snippet string
	err := r.item.QueryRowContext(ctx, chatID).Scan(&rowid, &at, &created, &snippet, &listed)
	if err != nil {
		return fmt.Errorf("store: chat %s: %w", chatID, err)
	}
	var newest, client, seller, other sql.NullInt64
	if err := r.senders.QueryRowContext(ctx, chatID).Scan(&newest, &client, &seller, &other); err != nil {
		return fmt.Errorf("store: chat %s events: %w", chatID, err)
	}
	var lastAt int64
	var lastData []byte
	err = r.last.QueryRowContext(ctx, chatID).Scan(&lastAt, &lastData)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: chat %s last event: %w", chatID, err)
	}
	if lastData != nil && lastAt >= at {
		var e models.ChatEvent
		if json.Unmarshal(lastData, &e) == nil && e.Text() != "" {
			snippet = e.Text()
		}
		at = lastAt
	}
	look := chatLook(listed, newest, client, seller, other)
	needs := look.NeedsLook()
	var deadline sql.NullInt64
	due := noDeadline + created
	if look == models.ChatLookWaiting {
		// the oldest buyer message since the seller's last is due first
		var since sql.NullInt64
		if err := r.waiting.QueryRowContext(ctx, chatID, seller.Int64).Scan(&since); err != nil {
			return fmt.Errorf("store: chat %s waiting: %w", chatID, err)
		}
		if d := models.ChatDeadline(fromMS(since.Int64)); since.Valid && d.Dated() {
			deadline = sql.NullInt64{Int64: ms(d.At), Valid: true}
			due = deadline.Int64
		}
	}
	if _, err := r.upd.ExecContext(ctx, boolInt(needs), deadline, due, at, at, snippet, rowid); err != nil {
		return fmt.Errorf("store: update chat %s: %w", chatID, err)
	}
	return nil
}

// chatLook judges a chat by models.ChatNeedsLook from what decides it:
// the list's last message (Unix ms, 0 none), the newest stored event of
// any sender, and the newest of the buyer, the seller and of senders the
// client does not know. The newest of each stands for all its events;
// an unknown sender is listed before the seller so that, in one
// millisecond, the seller does not hide it (the buyer's ties win anyway).
func chatLook(listed int64, newest, client, seller, other sql.NullInt64) models.ChatLook {
	c := models.Chat{}
	if listed > 0 {
		c.LastMessage = &models.ChatLastMessage{AddTimestamp: models.UnixMillis(listed)}
	}
	var evs []models.ChatEvent
	add := func(at sql.NullInt64, who models.ChatSender) {
		if at.Valid {
			evs = append(evs, models.ChatEvent{Sender: who, AddTimestamp: models.UnixMillis(at.Int64)})
		}
	}
	add(newest, models.ChatSenderWB)
	add(other, models.ChatSender("?"))
	add(seller, models.ChatSenderSeller)
	add(client, models.ChatSenderClient)
	return models.ChatNeedsLook(c, evs)
}

// ChatEvents returns a chat's stored events, oldest first.
func (s *Store) ChatEvents(ctx context.Context, chatID string) ([]models.ChatEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data FROM chat_events WHERE chat_id = ? ORDER BY at, rowid`, chatID)
	if err != nil {
		return nil, fmt.Errorf("store: chat events: %w", err)
	}
	defer rows.Close()
	var out []models.ChatEvent
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("store: chat events: %w", err)
		}
		var e models.ChatEvent
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, fmt.Errorf("store: decode chat event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetChatReplySign keeps a chat's newest reply signature (one a send
// answered with): Wildberries refuses replaced ones.
func (s *Store) SetChatReplySign(ctx context.Context, chatID, sign string) error {
	if chatID == "" || sign == "" {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error { return setChatReplySignTx(ctx, s.d, tx, chatID, sign) })
}

func setChatReplySignTx(ctx context.Context, d dialect, tx *sql.Tx, chatID, sign string) error {
	set := `json_set(data, '$.replySign', ?)`
	if d.pg {
		set = `CAST(jsonb_set(CAST(data AS JSONB), '{replySign}', to_jsonb(CAST(? AS TEXT))) AS JSON)`
	}
	_, err := tx.ExecContext(ctx, `UPDATE items SET data = `+set+`
		WHERE marketplace = 'wb' AND kind = 'chat' AND id = ?`, sign, chatID)
	if err != nil {
		return fmt.Errorf("store: chat %s sign: %w", chatID, err)
	}
	return nil
}
