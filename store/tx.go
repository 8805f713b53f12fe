package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// Tx is one write transaction of the syncer (package syncer): the items
// of a page, the sweep stamp they were seen in and the cursor that points
// past them are stored together, so a crash never advances a cursor past
// items that were not stored.
type Tx struct {
	ctx context.Context
	tx  *sql.Tx
	st  *Store
}

// Write runs fn in one write transaction; an error from fn rolls it back.
func (s *Store) Write(ctx context.Context, fn func(*Tx) error) error {
	return s.write(ctx, func(tx *sql.Tx) error { return fn(&Tx{ctx: ctx, tx: tx, st: s}) })
}

// PutQuestions stores questions seen in sweep seen (0: outside a sweep).
func (t *Tx) PutQuestions(qs []models.Question, seen int64) (Changes, error) {
	return putEachTx(t.ctx, t.st.d, t.tx, qs, questionRecord, seen)
}

// PutFeedbacks stores feedbacks seen in sweep seen.
func (t *Tx) PutFeedbacks(fs []models.Feedback, seen int64) (Changes, error) {
	return putEachTx(t.ctx, t.st.d, t.tx, fs, feedbackRecord, seen)
}

// PutArchivedFeedbacks stores feedbacks read from the archive, which wait
// for nothing: answered, or past the 30 days in which an answer was
// expected (so, unlike PutFeedbacks, one without an answer has no
// deadline and needs no action).
func (t *Tx) PutArchivedFeedbacks(fs []models.Feedback, seen int64) (Changes, error) {
	return putEachTx(t.ctx, t.st.d, t.tx, fs, func(f models.Feedback) (record, error) {
		r, err := feedbackRecord(f)
		r.needs, r.deadline = false, time.Time{}
		return r, err
	}, seen)
}

// AwaitingIDs is the set of the IDs of kind stored as awaiting the seller.
func (t *Tx) AwaitingIDs(kind Kind) (map[string]bool, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id FROM items WHERE kind = ? AND needs_action = 1`, kind)
	if err != nil {
		return nil, fmt.Errorf("store: awaiting %s: %w", kind, err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: awaiting %s: %w", kind, err)
		}
		ids[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: awaiting %s: %w", kind, err)
	}
	return ids, nil
}

// PutChats stores chats of the chat list.
func (t *Tx) PutChats(cs []models.Chat, seen int64) (Changes, error) {
	return putEachTx(t.ctx, t.st.d, t.tx, cs, chatRecord, seen)
}

// PutClaims stores claims of the active (archive false) or archive list.
func (t *Tx) PutClaims(cs []models.Claim, archive bool, seen int64) (Changes, error) {
	return putEachTx(t.ctx, t.st.d, t.tx, cs, func(c models.Claim) (record, error) { return claimRecord(c, archive) }, seen)
}

// PutReturns stores Yandex Market returns.
func (t *Tx) PutReturns(rs []models.YMReturn, seen int64) (Changes, error) {
	return putEachTx(t.ctx, t.st.d, t.tx, rs, returnRecord, seen)
}

// PutChatEvents stores events of the chat feed (see Store.PutChatEvents).
func (t *Tx) PutChatEvents(evs []models.ChatEvent) (Changes, error) {
	return putChatEventsTx(t.ctx, t.st.d, t.tx, evs, 0)
}

// Cursor reads a saved sync position inside the transaction.
func (t *Tx) Cursor(name string) (string, error) {
	var v string
	err := t.tx.QueryRowContext(t.ctx, `SELECT value FROM cursors WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: cursor %s: %w", name, err)
	}
	return v, nil
}

// SetCursor saves a sync position with what it points past; "" deletes it.
func (t *Tx) SetCursor(name, value string) error { return t.st.setCursorTx(t.ctx, t.tx, name, value) }

// NextSweep numbers a pass over a list: items it sees are stamped with the
// number, so at its end the ones it did not see can be told apart.
func (t *Tx) NextSweep() (int64, error) {
	v, err := t.Cursor("sweep")
	if err != nil {
		return 0, err
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	n++
	return n, t.SetCursor("sweep", strconv.FormatInt(n, 10))
}

// MarkUnseen clears "awaiting" on items of kind created since from that a
// complete sweep did not see: they left the lists (answered elsewhere,
// archived, aged out). They are marked unseen, so that a later sync that
// sees them awaiting again brings them back.
//
// One empty or short page from a server having a bad moment looks like
// every item left at once. So when a sweep would resolve many (more than
// a few and more than a fifth of those awaiting) and confirmed is false,
// nothing is resolved and confirm asks the caller to read the lists once
// more under the same stamp, then call again with confirmed: only what
// neither read saw is resolved.
func (t *Tx) MarkUnseen(kind Kind, from time.Time, sweep int64, confirmed bool) (n int, confirm bool, err error) {
	if !confirmed {
		var gone, awaiting int
		err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FILTER (WHERE seen < ?), count(*) FROM items
			WHERE kind = ? AND needs_action = 1 AND created >= ?`, sweep, kind, ms(from)).Scan(&gone, &awaiting)
		if err != nil {
			return 0, false, fmt.Errorf("store: reconcile %s: %w", kind, err)
		}
		if gone > UnseenFew && gone*5 > awaiting {
			return 0, true, nil
		}
	}
	res, err := t.tx.ExecContext(t.ctx, `UPDATE items SET needs_action = 0, unseen = 1
		WHERE kind = ? AND needs_action = 1 AND created >= ? AND seen < ?`, kind, ms(from), sweep)
	if err != nil {
		return 0, false, fmt.Errorf("store: reconcile %s: %w", kind, err)
	}
	m, err := res.RowsAffected()
	return int(m), false, err
}

// UnseenFew is how many items a sweep may resolve without reading again.
const UnseenFew = 3

// OldestAwaiting is when the oldest item of kind awaiting the seller was
// created; ok is false when none awaits.
func (s *Store) OldestAwaiting(ctx context.Context, kind Kind) (time.Time, bool, error) {
	var oldest sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT min(created) FROM items WHERE kind = ? AND needs_action = 1`, kind).Scan(&oldest)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: oldest awaiting %s: %w", kind, err)
	}
	if !oldest.Valid {
		return time.Time{}, false, nil
	}
	return fromMS(oldest.Int64), true, nil
}

// PutOrder keeps a YM order read for a return.
func (t *Tx) PutOrder(o models.YMOrder) error {
	data, err := json.Marshal(o)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(t.ctx, `INSERT INTO ym_orders(id, fetched, data) VALUES (?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET fetched = excluded.fetched, data = excluded.data`, o.ID, ms(t.st.now()), data)
	if err != nil {
		return fmt.Errorf("store: save order %d: %w", o.ID, err)
	}
	return nil
}

// Order reads a stored YM order.
func (s *Store) Order(ctx context.Context, id int64) (models.YMOrder, bool, error) {
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM ym_orders WHERE id = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return models.YMOrder{}, false, nil
	}
	if err != nil {
		return models.YMOrder{}, false, fmt.Errorf("store: order %d: %w", id, err)
	}
	var o models.YMOrder
	if err := json.Unmarshal(data, &o); err != nil {
		return models.YMOrder{}, false, fmt.Errorf("store: decode order %d: %w", id, err)
	}
	return o, true, nil
}
