package cli

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
)

// TestListOffline: after a sync, `list --offline` prints from the store
// what `list` reads from the servers, with neither tokens nor network.
func TestListOffline(t *testing.T) {
	h := listHarness(t)
	ids := func() []string {
		var items []struct {
			ID any `json:"id"`
		}
		if err := json.Unmarshal(h.stdout.Bytes(), &items); err != nil {
			t.Fatalf("not one JSON array: %v", err)
		}
		out := make([]string, len(items))
		for i, it := range items {
			b, _ := json.Marshal(it.ID)
			out[i] = string(b)
		}
		slices.Sort(out)
		return out
	}
	panes := []string{"questions", "returns", "chats"}
	online := map[string][]string{}
	for _, p := range panes {
		h.run(runList, "", 0, p, "--json")
		online[p] = ids()
	}
	ctx := context.Background()
	s, err := openSession(ctx, h.env(""), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sy := syncer.NewSyncer(s.Store(), s.WB(), s.YM(), syncer.SyncOptions{MaxRequests: 1000})
	for _, p := range panes {
		if r, err := sy.Sync(ctx, store.Pane(p), syncer.Foreground); err != nil || r.More {
			t.Fatalf("sync %s: %+v %v", p, r, err)
		}
	}
	s.Close()
	// No tokens: nothing could be fetched.
	for _, k := range []string{api.EnvWBToken, api.EnvYMToken, api.EnvYMCampaign} {
		delete(h.vars, k)
	}
	for _, p := range panes {
		h.run(runList, "", 0, p, "--json", "--offline")
		if got := ids(); !slices.Equal(got, online[p]) || len(got) == 0 {
			t.Errorf("%s offline: %d items, online %d", p, len(got), len(online[p]))
		}
	}
	h.run(runList, "", 1, "questions", "--offline", "--archive")
}
