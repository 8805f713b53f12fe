package panes

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
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

// storeTestEnv is wbTestEnv over a store of its own synced from the
// marketplaces behind the clients (the given panes): what the app runs.
func storeTestEnv(t testing.TB, lang i18n.Lang, wbc *wb.Client, ymc *ym.Client, panes ...store.Pane) ui.Env {
	t.Helper()
	env := wbTestEnv(lang)
	env.Store = inboxTempStore(t)
	syncInto(t, env.Store, wbc, ymc, panes...)
	return env
}

// resync brings the pane's store up to date with the sandbox and tells
// the pane, as the live sync does after a poll that changed something.
func resync(t testing.TB, p interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
}, env ui.Env, wbc *wb.Client, ymc *ym.Client, panes ...store.Pane) {
	t.Helper()
	syncInto(t, env.Store, wbc, ymc, panes...)
	ids := make([]ui.PaneID, len(panes))
	for i, sp := range panes {
		ids[i] = sp
	}
	wbDrive(t, p, ui.StoreChangedMsg{Panes: ids})
}
