package panes

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A return whose decision this app delivered is resolved in the store at
// once; until the sync brings Market's new status its stored copy still
// says "awaiting a decision", and the pane must not offer `a` on it again
// (the chaos suite found a second decision dialog typed into).
func TestResolvedReturnOffersNoSecondDecision(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	p := rcReturns(t, d, i18n.EN, 160, 48)
	it, ok := p.Selected()
	if !ok || !it.waiting {
		t.Fatalf("the first return does not await a decision: %+v", it.r.RefundStatus)
	}
	if err := d.Store.Resolve(context.Background(), store.KindReturn, it.id); err != nil {
		t.Fatal(err)
	}
	rcDrive(p, ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneReturns}}, ui.JumpMsg{Pane: ui.PaneReturns, ID: it.id})
	got, ok := p.Selected()
	if !ok || got.id != it.id {
		t.Fatalf("the jump selected %q, want %q", got.id, it.id)
	}
	if got.waiting {
		t.Error("the resolved return still awaits a decision on screen")
	}
	rcDrive(p, rcKey("a"))
	if p.acts.open != nil {
		t.Error("a opened a second decision on a return this app decided")
	}
}
