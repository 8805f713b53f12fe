package syncer

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestReturnStoresReturnAndOrder: opening a return fetches it and its
// order through the syncer, and both are then in the store.
func TestReturnStoresReturnAndOrder(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim})
	var ae *api.Error
	if _, _, err := sy.Return(ctx, 1); !errors.As(err, &ae) || ae.Kind != api.KindNotFound {
		t.Fatalf("a return not stored yet: %v", err)
	}
	syncAll(t, sy, store.PaneReturns)
	rs, _, err := st.ListReturns(ctx, store.ListQuery{Limit: 1})
	if err != nil || len(rs) != 1 {
		t.Fatalf("stored returns: %d %v", len(rs), err)
	}
	r, o, err := sy.Return(ctx, rs[0].ID)
	if err != nil || r.ID != rs[0].ID || o.ID != r.OrderID {
		t.Fatalf("Return(%d) = %d, order %d, %v", rs[0].ID, r.ID, o.ID, err)
	}
	stored, ok, err := st.Order(ctx, r.OrderID)
	if err != nil || !ok || stored.ID != r.OrderID || len(stored.Items) != len(o.Items) {
		t.Fatalf("stored order: %+v %v %v", stored, ok, err)
	}
}

// TestChatHistoryReadsFeedIntoStore: a chat's history comes from the
// events feed through the store, and equals what the feed has for it.
func TestChatHistoryReadsFeedIntoStore(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	all, _, err := e.wb.AllEvents(ctx, 0)
	if err != nil || len(all) == 0 {
		t.Fatalf("feed: %d %v", len(all), err)
	}
	chatID := all[len(all)-1].ChatID
	want := 0
	for _, ev := range all {
		if ev.ChatID == chatID {
			want++
		}
	}
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1000})
	evs, more, err := sy.ChatHistory(ctx, chatID)
	if err != nil || more || len(evs) != want {
		t.Fatalf("history of %s: %d events (feed has %d), more %v, %v", chatID, len(evs), want, more, err)
	}
	if stored, _ := st.ChatEvents(ctx, chatID); len(stored) != want {
		t.Fatalf("stored %d events of %s, want %d", len(stored), chatID, want)
	}
}

// TestFeedCursorNeverMovesBack: a poll that read an older page of the
// feed while a sync stored newer ones must not save its older cursor over
// theirs (the sync would read everything since again).
func TestFeedCursorNeverMovesBack(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim}, lim)
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: lim, MaxRequests: 1000})
	syncAll(t, sy, store.PaneChats)
	saved, _ := st.Cursor(ctx, chatNextCursor)
	first, err := ChatEvents(ctx, e.wb, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sy.storeEvents(ctx, first.Items, first.Cursor); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Cursor(ctx, chatNextCursor); got != saved {
		n, _ := strconv.ParseInt(got, 10, 64)
		t.Fatalf("the cursor moved from %s back to %d", saved, n)
	}
}
