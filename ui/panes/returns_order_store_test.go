package panes

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A return's order is requested once: the syncer stores it, and opening
// the return again, after R, and after a restart (the store reopened, a
// new syncer and pane) shows it from the store without a request.
func TestReturnsOrderFromTheStoreAfterReopenAndRestart(t *testing.T) {
	d, h := rcStart(t, sandbox.Options{})
	orderRequests := func() int { return h.Validator.Seen()["getBusinessOrders"] }
	p := rcReturns(t, d, i18n.EN, 80, 24) // narrow: nothing is read until enter
	it, _ := p.Selected()
	shows := func(p *returnsPane) bool {
		return strings.Contains(rcDetailOf(p), "Order "+strconv.FormatInt(it.r.OrderID, 10))
	}

	before := orderRequests()
	rcDrive(p, rcKey("enter"))
	first := orderRequests()
	if first == before || !shows(p) {
		t.Fatalf("the first open: %d order requests, detail:\n%s", first-before, rcLines(rcDetailOf(p)))
	}
	if _, ok, err := d.Store.Order(context.Background(), it.r.OrderID); !ok || err != nil {
		t.Fatalf("the order is not in the store after the first open: %v", err)
	}

	rcDrive(p, rcKeys("esc", "enter")...)
	rcDrive(p, ui.RefreshMsg{}) // forgets what the pane holds
	rcDrive(p, rcKey("enter"))
	if !shows(p) {
		t.Fatalf("after R the order is not shown:\n%s", rcLines(rcDetailOf(p)))
	}

	// a restart: the store reopened from its file, a new syncer and pane
	path := d.Store.Path()
	if err := d.Store.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d.Store = st
	d.Syncer = syncer.NewSyncer(st, d.WB, d.YM, syncer.SyncOptions{Now: func() time.Time { return rcFixedNow }})
	p = rcReturns(t, d, i18n.EN, 80, 24)
	if got, _ := p.Selected(); got.r.ID != it.r.ID {
		t.Fatalf("after the restart return %d is selected, want %d", got.r.ID, it.r.ID)
	}
	rcDrive(p, rcKey("enter"))
	if !shows(p) {
		t.Fatalf("after a restart the order is not shown:\n%s", rcLines(rcDetailOf(p)))
	}
	if n := orderRequests() - first; n != 0 {
		t.Fatalf("a stored order was requested %d more times", n)
	}
}

// Without a syncer an order not stored yet is a sentence in the detail,
// not a crash; one stored shows all the same.
func TestReturnsOrderWithoutASyncer(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	d.Syncer = nil
	p := rcReturns(t, d, i18n.EN, 80, 24)
	rcDrive(p, rcKey("enter"))
	if v := rcDetailOf(p); !strings.Contains(v, "only what is stored shows here") {
		t.Fatalf("no sentence for a missing syncer:\n%s", rcLines(v))
	}
	it, _ := p.Selected()
	if _, err := syncer.NewSyncer(d.Store, d.WB, d.YM, syncer.SyncOptions{}).Order(context.Background(), it.r.ID); err != nil {
		t.Fatal(err)
	}
	rcDrive(p, ui.RetryMsg{})
	if v := rcDetailOf(p); !strings.Contains(v, "Order "+strconv.FormatInt(it.r.OrderID, 10)) {
		t.Fatalf("a stored order is not shown without a syncer:\n%s", rcLines(v))
	}
}
