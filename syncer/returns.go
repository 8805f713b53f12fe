package syncer

import (
	"context"
	"time"

	"github.com/sellerinbox/sellerinbox/store"
)

// YM returns: getReturns pages by page token and filters by update date
// (whole days in Moscow). The first sync reads everything; later ones read
// what was updated since the day before the last sync began, which also
// brings returns whose status changed (a decision made elsewhere, an
// automatic approval). The page token is saved after every page.

const returnsCursorName = "ym.returns"

type returnsCursor struct {
	LastSync time.Time     `json:"lastSync,omitzero"`
	Sweep    *returnsSweep `json:"sweep,omitempty"`
}

type returnsSweep struct {
	Stamp     int64     `json:"stamp"`
	Started   time.Time `json:"started"`
	From      time.Time `json:"from,omitzero"`
	PageToken string    `json:"pageToken,omitempty"`
}

func (s *Syncer) syncReturns(ctx context.Context, u *unit) error {
	var cur returnsCursor
	if err := s.loadCursor(ctx, returnsCursorName, &cur); err != nil {
		return err
	}
	if cur.Sweep == nil {
		stamp, err := s.newSweep(ctx)
		if err != nil {
			return err
		}
		sw := &returnsSweep{Stamp: stamp, Started: s.o.Now()}
		if !cur.LastSync.IsZero() {
			sw.From = cur.LastSync.Add(-24 * time.Hour)
		}
		cur.Sweep = sw
	}
	for {
		if err := u.next(ctx); err != nil {
			return err
		}
		sw := cur.Sweep
		page, err := Returns(ctx, s.ym, sw.From, sw.PageToken)
		if err != nil {
			return err
		}
		finished := page.Next == ""
		var ch store.Changes
		err = s.st.Write(ctx, func(tx *store.Tx) error {
			var err error
			if ch, err = tx.PutReturns(page.Items, sw.Stamp); err != nil {
				return err
			}
			if finished {
				cur.LastSync, cur.Sweep = sw.Started, nil
			} else {
				sw.PageToken = page.Next
			}
			return saveCursor(tx, returnsCursorName, cur)
		})
		u.res.Changes = u.res.Changes.Add(ch)
		if err != nil || finished {
			return err
		}
	}
}
