package syncer

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// TestChatCountsSurviveRestart: a chat sync interrupted by restarts (a new
// store and syncer on the same file every few requests, the chat list read
// again after each) ends with the counts of one uninterrupted sync, and a
// reopened store shows them unchanged.
func TestChatCountsSurviveRestart(t *testing.T) {
	lim := fastLimits()
	e := newEnv(t, sandbox.Options{Limits: lim, Scale: 3}, lim)
	ctx := context.Background()
	clock := time.Now()
	now := func() time.Time { return clock }

	whole := openTemp(t)
	syncAll(t, e.syncer(whole, SyncOptions{Limits: lim, Now: now}), store.PaneChats)
	want, _ := whole.Counts(ctx)
	if want[store.KindChat].NeedsAction == 0 {
		t.Fatalf("no chat awaits a reply: %+v", want[store.KindChat])
	}

	st := openTemp(t)
	for i := 0; ; i++ {
		r, err := e.syncer(st, SyncOptions{Limits: lim, Now: now, MaxRequests: 2, ChatListEvery: time.Minute}).
			Sync(ctx, store.PaneChats, Foreground)
		if err != nil {
			t.Fatal(err)
		}
		st = reopen(t, st)
		clock = clock.Add(time.Minute) // every restart reads the chat list again
		if !r.More {
			break
		}
		if i > 1000 {
			t.Fatal("the chat sync never finishes")
		}
	}
	if got, _ := st.Counts(ctx); got[store.KindChat] != want[store.KindChat] {
		t.Fatalf("after restarts chats are %+v, one sync gave %+v", got[store.KindChat], want[store.KindChat])
	}
	// A restart after the sync finished, and a sync that finds nothing new.
	st = reopen(t, st)
	syncAll(t, e.syncer(st, SyncOptions{Limits: lim, Now: now, ChatListEvery: time.Minute}), store.PaneChats)
	if got, _ := st.Counts(ctx); got[store.KindChat] != want[store.KindChat] {
		t.Fatalf("a sync after a restart changed chats to %+v from %+v", got[store.KindChat], want[store.KindChat])
	}
}
