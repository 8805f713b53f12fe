package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// runUntil runs m as Bubble Tea does until done reports true: each
// command in a goroutine of its own, its messages fed back to Update from
// this goroutine. Commands that never return in time (the poll timer) are
// left behind; the run fails after a deadline.
func runUntil(t *testing.T, what string, m tea.Model, done func() bool, msgs ...tea.Msg) {
	t.Helper()
	ch := make(chan tea.Msg, 1024)
	stop := make(chan struct{})
	defer close(stop)
	var run func(tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			msg := cmd()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, c := range b {
					run(c)
				}
				return
			}
			if msg == nil {
				return
			}
			select {
			case ch <- msg:
			case <-stop:
			}
		}()
	}
	deadline := time.After(15 * time.Second)
	queue := msgs
	for {
		for _, msg := range queue {
			_, cmd := m.Update(msg)
			run(cmd)
		}
		queue = nil
		if done() {
			return
		}
		select {
		case msg := <-ch:
			queue = append(queue, msg)
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("never: %s", what)
		}
	}
}

// demoReturn opens a demo session with its returns synced into the store
// and returns one of them.
func demoReturn(t *testing.T) (*Session, int64, int64) {
	t.Helper()
	isolate(t)
	ctx := context.Background()
	sess, err := Open(ctx, Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	sy := syncer.NewSyncer(sess.Store(), nil, sess.YM(), syncer.SyncOptions{MaxRequests: 1000})
	for {
		res, err := sy.Sync(ctx, store.PaneReturns, syncer.Foreground)
		if err != nil {
			t.Fatal(err)
		}
		if !res.More {
			break
		}
	}
	rs, _, err := sess.Store().ListReturns(ctx, store.ListQuery{Limit: 1})
	if err != nil || len(rs) == 0 {
		t.Fatalf("no stored return: %v", err)
	}
	return sess, rs[0].ID, rs[0].OrderID
}

// openReturn starts the inbox on the return and opens it, until its order
// is in the store: the pane asked the syncer it was given for it.
func openReturn(t *testing.T, sess *Session, inbox *Inbox, returnID, orderID int64) {
	t.Helper()
	m := inbox.Model
	stored := func() bool {
		_, ok, err := sess.Store().Order(context.Background(), orderID)
		return ok && err == nil
	}
	if stored() {
		t.Fatal("the order is stored before the return was opened")
	}
	open := ui.JumpMsg{Pane: ui.PaneReturns, ID: strconv.FormatInt(returnID, 10), Then: tea.KeyPressMsg{Code: tea.KeyEnter}}
	runUntil(t, "the opened return's order was stored through the panes' syncer", m, stored, m.Init(), tea.WindowSizeMsg{Width: 140, Height: 40}, open)
}

// The inbox's panes read details through the session's syncer: opening a
// return stores its order.
func TestInboxPanesGetTheSessionSyncer(t *testing.T) {
	sess, returnID, orderID := demoReturn(t)
	inbox, err := sess.NewInbox(ui.NewEnv(context.Background(), i18n.EN), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer inbox.Stop()
	openReturn(t, sess, inbox, returnID, orderID)
}

// In serve, every session's panes read details through the team's one
// syncer (a session's own live sync has none).
func TestTeamInboxPanesGetTheTeamSyncer(t *testing.T) {
	sess, returnID, orderID := demoReturn(t)
	team, err := sess.StartTeam(context.Background(), func(tea.Msg) {})
	if err != nil {
		t.Fatal(err)
	}
	defer team.Stop()
	if team.sv.Syncer() == nil {
		t.Fatal("the team's services have no syncer")
	}
	inbox, err := team.NewInbox(ui.NewEnv(context.Background(), i18n.EN), "anna")
	if err != nil {
		t.Fatal(err)
	}
	defer inbox.Stop()
	openReturn(t, sess, inbox, returnID, orderID)
}
