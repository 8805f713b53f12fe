package ui

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// R and a delivered reply ask the store's sync (which runs outside the
// app) for a sync of a pane or a poll: the app passes the ask on in a
// command, never in Update, and with no sync to ask does nothing.
func TestSyncNowGoesToTheSync(t *testing.T) {
	st := windowStore(t, 3)
	var asked []SyncNowMsg
	app := New(testEnv(i18n.EN), AppOptions{FixedTheme: true, Live: &Live{Store: st, SyncNow: func(m SyncNowMsg) { asked = append(asked, m) }}})
	for _, msg := range []SyncNowMsg{{Pane: PaneQuestions}, {Pane: PaneChats, Poll: true}} {
		before := len(asked)
		cmd, ok := app.live.update(msg)
		if !ok || cmd == nil || len(asked) != before {
			t.Fatalf("%+v: handled %v, asked %v in Update", msg, ok, asked)
		}
		run(cmd)
		if len(asked) == 0 || asked[len(asked)-1] != msg {
			t.Errorf("%+v: the sync was asked %v", msg, asked)
		}
	}
	app = New(testEnv(i18n.EN), AppOptions{FixedTheme: true, Live: &Live{Store: st}})
	if cmd, ok := app.live.update(SyncNowMsg{Pane: PaneQuestions}); !ok || cmd != nil {
		t.Errorf("without a sync: handled %v, command %v", ok, cmd != nil)
	}
}

// TestSyncReported: a finished sync call says when the pane was synced,
// or why not (the store's rows stay on screen), and a call that wrote
// has the views re-read the store.
func TestSyncReported(t *testing.T) {
	st := windowStore(t, 3)
	app := New(testEnv(i18n.EN), AppOptions{FixedTheme: true, Live: &Live{Store: st}})
	boom := errBoom
	for _, tc := range []struct {
		name    string
		msg     SyncReportMsg
		status  *StatusMsg
		changed bool
	}{
		{"caught up", SyncReportMsg{Pane: PaneQuestions, At: fixedNow}, &StatusMsg{Pane: PaneQuestions, Synced: fixedNow}, false},
		{"more to come, wrote", SyncReportMsg{Pane: PaneFeedbacks, More: true, Changed: true, At: fixedNow}, nil, true},
		{"failed", SyncReportMsg{Pane: PaneClaims, Err: boom}, &StatusMsg{Pane: PaneClaims, Err: boom, Cached: true}, false},
		{"poll failed", SyncReportMsg{Pane: PaneChats, Poll: true, Err: boom}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd, ok := app.live.update(tc.msg)
			if !ok {
				t.Fatal("not handled")
			}
			var status *StatusMsg
			changed := false
			for _, m := range run(cmd) {
				switch m := m.(type) {
				case StatusMsg:
					status = &m
				case StoreChangedMsg:
					changed = true
				}
			}
			if (status == nil) != (tc.status == nil) || (status != nil && *status != *tc.status) {
				t.Errorf("status %+v, want %+v", status, tc.status)
			}
			if changed != tc.changed {
				t.Errorf("store changed %v, want %v", changed, tc.changed)
			}
			if (app.live.err != nil) != (tc.msg.Err != nil) {
				t.Errorf("the sync's failure %v in the status bar, want %v", app.live.err, tc.msg.Err)
			}
		})
	}
}
