package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
)

// Assignments are the team inbox's "this one is yours": one agent per
// item, set by any agent with `@`. They live in the profile's database,
// beside the audit, so that every session of the team (and a restart)
// sees the same.

// schemaV14 is the assignments table (migration 14).
var schemaV14 = []string{
	`CREATE TABLE assignments (
		pane     TEXT    NOT NULL,
		item_id  TEXT    NOT NULL,
		agent    TEXT    NOT NULL,
		by_agent TEXT    NOT NULL,
		at       INTEGER NOT NULL, -- Unix ms
		PRIMARY KEY (pane, item_id)
	)`,
	`CREATE INDEX assignments_by_agent ON assignments(agent, pane)`,
}

// Assign gives the item to agent (by is who assigned it); an empty agent
// takes the assignment away.
func (s *Store) Assign(ctx context.Context, pane Pane, itemID, agent, by string, at time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if agent == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM assignments WHERE pane = ? AND item_id = ?`, string(pane), itemID)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO assignments (pane, item_id, agent, by_agent, at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(pane, item_id) DO UPDATE SET agent = excluded.agent, by_agent = excluded.by_agent, at = excluded.at`,
			string(pane), itemID, agent, by, ms(at))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: assign: %w", err)
	}
	return nil
}

// TeamNote is what the team inbox says about an item besides the item
// itself: whose it is, and who answered it last.
type TeamNote struct {
	Assignee, AssignedBy string
	AssignedAt           time.Time
	// AnsweredBy is the agent of the last delivered reply that ended the
	// item's turn ("" for a local app's user); Answered says there is one.
	AnsweredBy string
	AnsweredAt time.Time
	Answered   bool
}

// TeamNotes reads the notes of the items ids of pane; items with none are
// left out.
func (s *Store) TeamNotes(ctx context.Context, pane Pane, ids []string) (map[string]TeamNote, error) {
	out := map[string]TeamNote{}
	if len(ids) == 0 {
		return out, nil
	}
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	var kinds []string
	for _, k := range reply.Kinds {
		if k.Pane() == pane && k.Resolves() {
			kinds = append(kinds, string(k))
		}
	}
	kindsJSON, _ := json.Marshal(kinds)
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT item_id, agent, by_agent, at FROM assignments
			WHERE pane = ? AND item_id IN `+s.d.textList(), string(pane), string(idsJSON))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var n TeamNote
			var at int64
			if err := rows.Scan(&id, &n.Assignee, &n.AssignedBy, &at); err != nil {
				rows.Close()
				return err
			}
			n.AssignedAt = fromMS(at)
			out[id] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// the newest delivered reply per item that ended its turn
		rows, err = tx.QueryContext(ctx, `SELECT item_id, agent, at FROM (
				SELECT item_id, agent, at, row_number() OVER (PARTITION BY item_id ORDER BY at DESC) AS n FROM audit
				WHERE pane = ? AND outcome = ? AND item_id IN `+s.d.textList()+`
					AND kind IN `+s.d.textList()+`) AS newest
			WHERE n = 1`, string(pane), string(reply.StateSent), string(idsJSON), string(kindsJSON))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, agent string
			var at int64
			if err := rows.Scan(&id, &agent, &at); err != nil {
				return err
			}
			n := out[id]
			n.AnsweredBy, n.AnsweredAt, n.Answered = agent, fromMS(at), true
			out[id] = n
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: team notes: %w", err)
	}
	return out, nil
}

// assigneeCond selects the items assigned to agent, in a query over items.
const assigneeCond = `id IN (SELECT item_id FROM assignments WHERE agent = ? AND pane = (CASE kind
	WHEN 'question' THEN 'questions' WHEN 'feedback' THEN 'feedbacks' WHEN 'chat' THEN 'chats'
	WHEN 'claim' THEN 'claims' WHEN 'return' THEN 'returns' END))`
