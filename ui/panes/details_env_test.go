package panes

import (
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// wbDeps are the WB panes' Deps over env's store with a syncer of their
// own, as the app gives them: details (an item read back after an answer,
// a chat's new sign) go through it into the store.
func wbDeps(env ui.Env, c *wb.Client) Deps {
	return Deps{WB: c, Syncer: syncer.NewSyncer(env.Store, c, nil, syncer.SyncOptions{Now: func() time.Time { return wbFixedNow }})}
}

// The store is the truth: an answer read back after its delivery takes
// the item out of the pane's default view (awaiting an answer), and the
// answered view lists it. These open that view and select the item.

func questionsShowAnswered(t *testing.T, p *questionsPane, id string) *questionRow {
	t.Helper()
	p.filter.answered = true
	wbDrive(t, p, wbRun(t, p.ReloadWindow())...)
	return wbwSelect(t, p, func(r *questionRow) bool { return r.q.ID == id })
}

func feedbacksShowAnswered(t *testing.T, p *feedbacksPane, id string) *feedbackRow {
	t.Helper()
	p.filter.list = feedbacksAnswered
	wbDrive(t, p, wbRun(t, p.ReloadWindow())...)
	return wbwSelect(t, p, func(r *feedbackRow) bool { return r.f.ID == id })
}

// listed reports whether the pane's window holds the item.
func listed[T any](items []T, is func(T) bool) bool {
	for _, it := range items {
		if is(it) {
			return true
		}
	}
	return false
}
