package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// DraftBackend keeps drafts in this database, for reply.NewDraftStore. Each
// Update is one IMMEDIATE transaction (the DSN's _txlock), so the check
// that an older save never overwrites newer text, and the tombstone that
// stops a late save resurrecting a sent reply, hold across connections
// and processes; a committed save survives kill -9 (WAL).
func (s *Store) DraftBackend() reply.DraftBackend { return draftRows{s} }

type draftRows struct{ s *Store }

// replyCtx is the context of the reply backends' statements. Their
// interfaces take none, and the editor's last save runs while the app is
// quitting, when the UI's context is already done; busy_timeout bounds
// how long a statement can wait.
var replyCtx = context.Background()

// errBadDraft marks a stored draft that does not decode.
var errBadDraft = errors.New("store: a stored draft is unreadable")

const draftColumns = `profile, marketplace, pane, item_id, text, files, action, updated, sent`

const draftWhereKey = `profile = ? AND marketplace = ? AND pane = ? AND item_id = ?`

func keyArgs(k reply.DraftKey) []any {
	return []any{k.Profile, string(k.Marketplace), string(k.Pane), k.ItemID}
}

// nanos keeps drafts' times to the nanosecond: saves a few milliseconds
// apart must still order, and a draft must read back with the time it was
// saved with.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(0, v)
}

func scanDraft(sc interface{ Scan(...any) error }) (reply.DraftRecord, error) {
	var r reply.DraftRecord
	var mp, pane string
	var files []byte
	var updated int64
	var sent int
	if err := sc.Scan(&r.Key.Profile, &mp, &pane, &r.Key.ItemID, &r.Draft.Text, &files, &r.Draft.Action, &updated, &sent); err != nil {
		return reply.DraftRecord{}, err
	}
	r.Key.Marketplace, r.Key.Pane = api.Marketplace(mp), Pane(pane)
	if err := json.Unmarshal(files, &r.Draft.Files); err != nil {
		return reply.DraftRecord{}, fmt.Errorf("%w: %s: %w", errBadDraft, r.Key, err)
	}
	r.Draft.UpdatedAt, r.Sent = fromNanos(updated), sent != 0
	return r, nil
}

func getDraft(ctx context.Context, q querier, k reply.DraftKey) (reply.DraftRecord, bool, error) {
	r, err := scanDraft(q.QueryRowContext(ctx, `SELECT `+draftColumns+` FROM drafts WHERE `+draftWhereKey, keyArgs(k)...))
	if errors.Is(err, sql.ErrNoRows) {
		return reply.DraftRecord{}, false, nil
	}
	if err != nil {
		return reply.DraftRecord{}, false, err
	}
	return r, true, nil
}

func (d draftRows) Get(k reply.DraftKey) (reply.DraftRecord, bool, error) {
	r, ok, err := getDraft(replyCtx, d.s.db, k)
	if err != nil {
		return r, ok, fmt.Errorf("store: draft of %s: %w", k, err)
	}
	return r, ok, nil
}

func (d draftRows) Update(k reply.DraftKey, decide func(reply.DraftRecord, bool) (reply.DraftOp, reply.DraftRecord)) error {
	ctx := replyCtx
	return d.s.write(ctx, func(tx *sql.Tx) error {
		cur, ok, err := getDraft(ctx, tx, k)
		if err != nil && !errors.Is(err, errBadDraft) {
			return fmt.Errorf("store: draft of %s: %w", k, err)
		}
		switch op, next := decide(cur, ok); op {
		case reply.DraftRemove:
			_, err = tx.ExecContext(ctx, `DELETE FROM drafts WHERE `+draftWhereKey, keyArgs(k)...)
		case reply.DraftWrite:
			var files []byte
			if files, err = json.Marshal(next.Draft.Files); err != nil {
				return err
			}
			sent := 0
			if next.Sent {
				sent = 1
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO drafts(`+draftColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT(profile, marketplace, pane, item_id) DO UPDATE SET
				text = excluded.text, files = excluded.files, action = excluded.action,
				updated = excluded.updated, sent = excluded.sent`,
				append(keyArgs(k), next.Draft.Text, files, next.Draft.Action, nanos(next.Draft.UpdatedAt), sent)...)
		}
		if err != nil {
			return fmt.Errorf("store: save the draft of %s: %w", k, err)
		}
		return nil
	})
}

func (d draftRows) List(profile string) ([]reply.DraftRecord, error) {
	rows, err := d.s.db.QueryContext(replyCtx, `SELECT `+draftColumns+` FROM drafts WHERE ?1 = '' OR profile = ?1`, profile)
	if err != nil {
		return nil, fmt.Errorf("store: drafts: %w", err)
	}
	defer rows.Close()
	var out []reply.DraftRecord
	for rows.Next() {
		r, err := scanDraft(rows)
		if errors.Is(err, errBadDraft) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: drafts: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: drafts: %w", err)
	}
	return out, nil
}

func (d draftRows) SweepTombstones(cutoff time.Time) error {
	if _, err := d.s.exec(replyCtx, `DELETE FROM drafts WHERE sent = 1 AND updated < ?`, nanos(cutoff)); err != nil {
		return fmt.Errorf("store: sweep tombstones: %w", err)
	}
	return nil
}
