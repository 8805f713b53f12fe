package panes

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A jump (inbox, search) to a feedback deep in the store, outside the
// window held, selects it by reading the store around it (store.At): the
// pane asks no marketplace.
func TestFeedbackJumpReadsTheStore(t *testing.T) {
	ctx := context.Background()
	c := wbSandbox(t, sandbox.Options{Scale: 2})
	env := storeTestEnv(t, i18n.EN, c, nil, store.PaneFeedbacks)
	p := newFeedbacksPane(env, Deps{WB: c}).(*feedbacksPane)
	p.SetSize(160, 12) // a window of 101 rows
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.List().Len() <= len(p.Items()) {
		t.Fatalf("%d unanswered, all held: the jump would not need the store", p.List().Len())
	}
	page, err := c.Feedbacks(ctx, wb.FeedbacksQuery{IsAnswered: false, Take: 5000})
	if err != nil || len(page.Feedbacks) == 0 {
		t.Fatalf("%d feedbacks, %v", len(page.Feedbacks), err)
	}
	// the oldest unanswered one: the bottom of the list, outside the window
	f := page.Feedbacks[len(page.Feedbacks)-1]
	for _, r := range p.Items() {
		if r.f.ID == f.ID {
			t.Fatalf("%s is in the first window: the jump proves nothing", f.ID)
		}
	}
	wbDrive(t, p, ui.JumpMsg{Pane: ui.PaneFeedbacks, ID: f.ID})
	if sel, ok := p.Selected(); !ok || sel.f.ID != f.ID {
		t.Fatalf("the jump selected %q, want %s", sel.f.ID, f.ID)
	}

}
