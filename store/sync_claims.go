package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
)

// Claims: the service shows only the last 14 days, so every sweep reads
// the whole active list (what awaits the seller) with the largest page;
// an active claim the sweep did not see has been answered or aged out.
// The archive is read whole on the first sync and every ReconcileEvery,
// otherwise only its newest page.

const claimsCursorName = "wb.claims"

type claimsCursor struct {
	LastSync    time.Time    `json:"lastSync,omitzero"`
	LastArchive time.Time    `json:"lastArchive,omitzero"` // last whole archive read
	Sweep       *claimsSweep `json:"sweep,omitempty"`
}

type claimsSweep struct {
	Stamp        int64     `json:"stamp"`
	Started      time.Time `json:"started"`
	Archive      bool      `json:"archive,omitempty"` // the phase
	Offset       int       `json:"offset,omitempty"`
	WholeArchive bool      `json:"wholeArchive,omitempty"`
	// Confirming: the active list is being read a second time before
	// many claims are resolved (see markUnseen).
	Confirming bool `json:"confirming,omitempty"`
}

func (s *Syncer) syncClaims(ctx context.Context, u *unit) error {
	var cur claimsCursor
	if err := s.loadCursor(ctx, claimsCursorName, &cur); err != nil {
		return err
	}
	if cur.Sweep == nil {
		stamp, err := s.newSweep(ctx)
		if err != nil {
			return err
		}
		now := s.o.Now()
		cur.Sweep = &claimsSweep{Stamp: stamp, Started: now,
			WholeArchive: cur.LastArchive.IsZero() || now.Sub(cur.LastArchive) >= s.o.ReconcileEvery}
	}
	for {
		if err := u.next(); err != nil {
			return err
		}
		sw := cur.Sweep
		page, err := s.wb.Claims(ctx, wb.ClaimsQuery{IsArchive: sw.Archive, Limit: wb.ClaimsMaxLimit, Offset: sw.Offset})
		if err != nil {
			return err
		}
		read := sw.Offset + len(page.Claims)
		phaseDone := len(page.Claims) < wb.ClaimsMaxLimit || read >= page.Total || (sw.Archive && !sw.WholeArchive)
		archive := sw.Archive
		finished := phaseDone && archive
		ch, err := putFrom(ctx, s.st, page.Claims, func(c models.Claim) (record, error) { return claimRecord(c, archive) }, sw.Stamp,
			func(tx *sql.Tx) error {
				switch {
				case !phaseDone:
					sw.Offset = read
				case !archive:
					n, confirm, err := markUnseen(ctx, tx, KindClaim, time.Time{}, sw.Stamp, sw.Confirming)
					if err != nil {
						return err
					}
					if confirm {
						sw.Confirming, sw.Offset = true, 0
						break
					}
					u.res.Changes.Updated += n
					sw.Archive, sw.Offset = true, 0
				default:
					cur.LastSync = sw.Started
					if sw.WholeArchive {
						cur.LastArchive = sw.Started
					}
					cur.Sweep = nil
				}
				return saveCursorTx(ctx, s.st, tx, claimsCursorName, cur)
			})
		u.res.Changes = u.res.Changes.Add(ch)
		if err != nil || finished {
			return err
		}
	}
}
