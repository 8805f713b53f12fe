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
