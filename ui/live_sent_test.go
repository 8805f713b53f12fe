package ui

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A delivered answer takes its item out of "needs action" in the store at
// once and asks for a sync of its pane, so that the marketplace's copy (a
// return's new status) replaces the stored one: until then a decided
// return would still read as awaiting a decision and offer `a` again.
func TestDeliveredAnswerResolvesAndSyncsItsPane(t *testing.T) {
	st := windowStore(t, 3)
	app := New(testEnv(i18n.EN), AppOptions{FixedTheme: true})
	app.live = &liveSync{Live: Live{Store: st}}
	for _, tt := range []struct {
		kind reply.Kind
		id   string
		want SyncNowMsg
	}{
		{reply.KindQuestionAnswer, "q000001", SyncNowMsg{Pane: PaneQuestions}},
		{reply.KindReturnDecision, "31000848", SyncNowMsg{Pane: PaneReturns}},
		{reply.KindChatMessage, "c1", SyncNowMsg{Pane: PaneChats, Poll: true}},
	} {
		msgs := run(app.liveSent(reply.Entry{Kind: tt.kind, ItemID: tt.id, State: reply.StateSent}))
		var changed, synced bool
		for _, m := range msgs {
			switch m := m.(type) {
			case StoreChangedMsg:
				changed = len(m.Panes) == 1 && m.Panes[0] == tt.want.Pane
			case SyncNowMsg:
				synced = m == tt.want
			}
		}
		if !changed || !synced {
			t.Errorf("%s: store changed %v, %+v asked %v; got %#v", tt.kind, changed, tt.want, synced, msgs)
		}
	}
	n, err := st.Count(t.Context(), store.PaneQuery{Kind: store.KindQuestion, Filter: store.Filter{Status: store.StatusNeedsAction}})
	if err != nil || n != 2 {
		t.Errorf("%d questions need action after one was answered, want 2 (%v)", n, err)
	}
}

// A session of the team server has no syncer of its own (the team's one
// loop syncs for everyone): R and a delivered reply ask for a sync, which
// such a session leaves to the loop instead of calling a nil syncer.
func TestSharedSessionLeavesSyncingToTheTeam(t *testing.T) {
	st := windowStore(t, 3)
	app := New(testEnv(i18n.EN), AppOptions{FixedTheme: true})
	app.live = &liveSync{Live: Live{Store: st, Shared: true}}
	for _, msg := range []SyncNowMsg{{Pane: PaneQuestions}, {Pane: PaneChats, Poll: true}} {
		cmd, ok := app.liveUpdate(msg)
		if !ok || cmd != nil {
			t.Errorf("%+v: handled %v, command %v; want handled with nothing to run", msg, ok, cmd != nil)
		}
	}
}
