package panes

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
)

// syncInto brings st up to date with the marketplaces behind the clients,
// the given panes, the way the app's live sync does: panes with a store
// show what the syncer wrote, never what they fetched themselves.
func syncInto(t testing.TB, st *store.Store, wbc *wb.Client, ymc *ym.Client, panes ...store.Pane) {
	t.Helper()
	sy := syncer.NewSyncer(st, wbc, ymc, syncer.SyncOptions{Now: func() time.Time { return wbFixedNow }, MaxRequests: 1000})
	for _, p := range panes {
		for i := 0; ; i++ {
			res, err := sy.Sync(context.Background(), p, syncer.Foreground)
			if err != nil {
				t.Fatalf("sync %s: %v", p, err)
			}
			if !res.More {
				break
			}
			if i > 1000 {
				t.Fatalf("sync %s never ends", p)
			}
		}
	}
}
