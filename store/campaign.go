package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// campaignCursor names the Yandex Market campaign whose returns the store
// holds.
const campaignCursor = "ym.campaign"

// UseCampaign makes the store hold the returns of campaign id only. Return
// IDs do not collide between campaigns, but the Returns pane, the inbox and
// the sync cursor would mix two shops, and a return of the other shop
// cannot be opened or decided through this one. So a change of campaign
// forgets the stored returns, their orders and the YM sync cursors in one
// transaction (drafts and the outbox stay), and the next sync reads the
// new campaign from the start. A store that never recorded a campaign
// adopts id: its returns were synced for the profile's only campaign.
// cleared reports whether returns were forgotten.
func (s *Store) UseCampaign(ctx context.Context, id int64) (cleared bool, err error) {
	if id <= 0 {
		return false, fmt.Errorf("store: campaign %d is not a campaign ID", id)
	}
	want := strconv.FormatInt(id, 10)
	err = s.write(ctx, func(tx *sql.Tx) error {
		var had string
		err := tx.QueryRowContext(ctx, `SELECT value FROM cursors WHERE name = ?`, campaignCursor).Scan(&had)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			had = ""
		case err != nil:
			return fmt.Errorf("store: campaign: %w", err)
		}
		if had == want {
			return nil
		}
		if had != "" {
			for _, q := range []string{
				`DELETE FROM search WHERE rowid BETWEEN ` + strconv.FormatInt(kindBase(KindReturn), 10) + ` AND ` + strconv.FormatInt(kindBase(KindReturn)+kindSpan-1, 10),
				`DELETE FROM items WHERE kind = '` + string(KindReturn) + `'`,
				`DELETE FROM ym_orders`,
				`DELETE FROM cursors WHERE name LIKE 'ym.%'`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("store: forget campaign %s: %w", had, err)
				}
			}
			cleared = true
		}
		return s.setCursorTx(ctx, tx, campaignCursor, want)
	})
	return cleared, err
}

// Campaign is the Yandex Market campaign whose returns the store holds; 0
// before UseCampaign.
func (s *Store) Campaign(ctx context.Context) (int64, error) {
	v, err := s.Cursor(ctx, campaignCursor)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}
