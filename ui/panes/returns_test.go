package panes

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func rcReturns(t *testing.T, d Deps, lang i18n.Lang, w, h int) *returnsPane {
	t.Helper()
	p := newReturnsPane(rcEnv(lang), d).(*returnsPane)
	rcSized(p, w, h)
	if err := p.Err(); err != nil {
		t.Fatalf("first load: %v", err)
	}
	return p
}

func rcWaitingTotal(t *testing.T, d Deps) int {
	t.Helper()
	rs, err := d.YM.AllReturns(context.Background(), ym.ReturnsQuery{Statuses: models.YMWaitingStatuses, Limit: ym.MaxReturnsLimit})
	if err != nil {
		t.Fatal(err)
	}
	return len(rs)
}

// The default view pins every return awaiting a decision on top, newest
// update first, then lists the rest newest first: a walk down the list
// reads window after window of the store and meets every return once.
func TestReturnsDefaultViewAndPaging(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	p := rcReturns(t, d, i18n.EN, 80, 24)
	waiting := rcWaitingTotal(t, d)
	if waiting == 0 {
		t.Fatal("the sandbox has no waiting returns to test with")
	}
	if p.Badge() != waiting {
		t.Errorf("badge %d, want %d waiting", p.Badge(), waiting)
	}
	all, err := d.YM.AllReturns(context.Background(), ym.ReturnsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if p.List().Len() != len(all) || len(p.Items()) >= len(all) {
		t.Fatalf("%d listed (%d held), want all %d listed and fewer held", p.List().Len(), len(p.Items()), len(all))
	}
	seen := map[int64]bool{}
	var prev retItem
	for i := range all {
		it, ok := p.Selected()
		if !ok || seen[it.r.ID] {
			t.Fatalf("row %d: return %d missing or listed twice", i, it.r.ID)
		}
		seen[it.r.ID] = true
		if it.waiting != (i < waiting) {
			t.Errorf("row %d: return %d waiting %v, the pinned block has %d", i, it.r.ID, it.waiting, waiting)
		}
		if i > 0 && i != waiting && it.r.CreationDate.After(prev.r.CreationDate.Time) {
			t.Errorf("row %d: return %d created after the one above it", i, it.r.ID)
		}
		prev = it
		rcDrive(p, rcKey("j"))
	}
	rcDrive(p, rcKey("g"), rcKey("G"))
	if it, ok := p.Selected(); !ok || p.List().Cursor() != len(all)-1 || it.r.ID != prev.r.ID {
		t.Errorf("G: cursor %d of %d on %d, want the last return %d", p.List().Cursor(), len(all), it.r.ID, prev.r.ID)
	}
}

// rcFilterKeys opens the menu and moves to a field: show, status, type,
// from, to, order.
func rcFilterKeys(field int, then ...string) []string {
	ks := []string{"f"}
	for range field {
		ks = append(ks, "down")
	}
	return append(ks, then...)
}

func TestReturnsFilterMenu(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	waiting := rcWaitingTotal(t, d)
	probe := rcReturns(t, d, i18n.EN, 80, 24)
	someOrder := probe.Items()[len(probe.Items())-1].r.OrderID
	someSKU := probe.Items()[0].r.Items[0].ShopSku
	refunded := 1 + slices.Index(models.YMRefundStatuses, models.YMRefunded)
	right := func(n int) []string { return slices.Repeat([]string{"right"}, n) }
	inRange := func(from, to string) func(*testing.T, *returnsPane) {
		return func(t *testing.T, p *returnsPane) {
			lo, _ := parseDay(from)
			hi, _ := parseDay(to)
			hi = hi.AddDate(0, 0, 1)
			for _, it := range p.Items() {
				if u := it.r.CreationDate.Time; u.Before(lo) || !u.Before(hi) {
					t.Errorf("return %d created %v, outside %s–%s", it.r.ID, u, from, to)
				}
			}
		}
	}
	tests := []struct {
		name     string
		keys     []string
		open     bool   // the form stays open: invalid input
		errText  string // shown in the open form
		want     retFilter
		each     func(retItem) bool
		check    func(*testing.T, *returnsPane)
		badgeAll bool // the badge still counts every waiting return
	}{
		{name: "needs decision only", keys: []string{"f", "right", "enter"}, want: retFilter{needsOnly: true},
			each: func(it retItem) bool { return it.waiting }, badgeAll: true,
			check: func(t *testing.T, p *returnsPane) {
				if len(p.Items()) != waiting {
					t.Errorf("%d items, want %d", len(p.Items()), waiting)
				}
			}},
		{name: "refund status", keys: rcFilterKeys(1, append(right(refunded), "enter")...), want: retFilter{status: models.YMRefunded},
			each: func(it retItem) bool { return it.r.RefundStatus == models.YMRefunded }, badgeAll: true},
		{name: "non-purchases", keys: rcFilterKeys(2, "right", "right", "enter"), want: retFilter{rtype: models.YMReturnTypeUnredeemed},
			each: func(it retItem) bool { return it.r.ReturnType == models.YMReturnTypeUnredeemed }, badgeAll: true},
		{name: "date range", keys: rcFilterKeys(3, "01.03.2026", "down", "05.03.2026", "enter"),
			want:  retFilter{from: time.Date(2026, 3, 1, 0, 0, 0, 0, models.Moscow), to: time.Date(2026, 3, 5, 0, 0, 0, 0, models.Moscow)},
			check: inRange("01.03.2026", "05.03.2026"), badgeAll: true},
		{name: "order ID", keys: rcFilterKeys(5, strconv.FormatInt(someOrder, 10), "enter"), want: retFilter{orderID: someOrder},
			each: func(it retItem) bool { return it.r.OrderID == someOrder }, badgeAll: true},
		{name: "vendor code, any case", keys: rcFilterKeys(6, strings.ToLower(someSKU[:len(someSKU)-1]), "enter"), want: retFilter{sku: strings.ToLower(someSKU[:len(someSKU)-1])},
			each: func(it retItem) bool {
				return slices.ContainsFunc(it.r.Items, func(i models.YMReturnItem) bool {
					return strings.Contains(strings.ToLower(i.ShopSku), strings.ToLower(someSKU[:len(someSKU)-1]))
				})
			}, badgeAll: true},
		{name: "impossible date", keys: rcFilterKeys(3, "31.02.2026", "enter"), open: true, errText: "DD.MM.YYYY"},
		{name: "end before start", keys: rcFilterKeys(3, "05.03.2026", "down", "01.03.2026", "enter"), open: true, errText: "earlier than the start"},
		{name: "letters in order ID", keys: rcFilterKeys(5, "12a", "enter"), open: true, errText: "digits only"},
		{name: "q and digits are typed", keys: rcFilterKeys(5, "q1"), open: true},
		{name: "esc cancels", keys: []string{"f", "right", "down", "right", "esc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rcReturns(t, d, i18n.EN, 120, 40)
			rcDrive(p, rcKeys(tt.keys...)...)
			if got := p.Mode() == ui.ModeEdit; got != tt.open {
				t.Fatalf("form open %v, want %v\n%s", got, tt.open, rcLines(p.View()))
			}
			if tt.open {
				if !strings.Contains(p.View(), tt.errText) {
					t.Errorf("form does not show %q:\n%s", tt.errText, rcLines(p.View()))
				}
				rcDrive(p, rcKey("esc"))
				if p.Mode() != ui.ModeNormal || p.filter != (retFilter{}) {
					t.Errorf("esc left mode %v, filter %+v", p.Mode(), p.filter)
				}
				return
			}
			if p.filter != tt.want {
				t.Fatalf("filter %+v, want %+v", p.filter, tt.want)
			}
			if p.Err() != nil {
				t.Fatal(p.Err())
			}
			if !tt.want.isDefault() && (len(p.Items()) == 0 || !strings.Contains(p.View(), "Filter: ")) {
				t.Errorf("%d items; view without the filter line:\n%s", len(p.Items()), rcLines(p.View()))
			}
			for _, it := range p.Items() {
				if tt.each != nil && !tt.each(it) {
					t.Fatalf("return %d does not match: %+v", it.r.ID, it.r)
				}
			}
			if tt.check != nil {
				tt.check(t, p)
			}
			if tt.badgeAll && p.Badge() != waiting {
				t.Errorf("badge %d, want %d", p.Badge(), waiting)
			}
		})
	}
}

// While a form is open the app must not treat q and digits as global keys.
func TestFilterMenuKeyPriorityThroughApp(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	env := rcEnv(i18n.EN)
	app := ui.New(env, ui.AppOptions{FixedTheme: true}, newReturnsPane(env, d), newClaimsPane(env, d))
	rcDriveApp(app, append([]tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}}, rcRun(app.Init())...)...)
	steps := []struct {
		key      string
		quit     bool
		focused  ui.PaneID
		wantMode ui.Mode
	}{
		{"f", false, ui.PaneReturns, ui.ModeEdit},
		{"q", false, ui.PaneReturns, ui.ModeEdit},
		{"5", false, ui.PaneReturns, ui.ModeEdit},
		{"esc", false, ui.PaneReturns, ui.ModeNormal},
		{"5", false, ui.PaneClaims, ui.ModeNormal},
		{"f", false, ui.PaneClaims, ui.ModeEdit},
		{"down", false, ui.PaneClaims, ui.ModeEdit},
		{"1", false, ui.PaneClaims, ui.ModeEdit},
		{"q", false, ui.PaneClaims, ui.ModeEdit},
		{"esc", false, ui.PaneClaims, ui.ModeNormal},
		{"1", false, ui.PaneReturns, ui.ModeNormal},
		{"q", true, ui.PaneReturns, ui.ModeNormal},
	}
	for i, s := range steps {
		quit := rcDriveApp(app, rcKey(s.key))
		f := app.Focused()
		if quit != s.quit || f.ID() != s.focused || f.Mode() != s.wantMode {
			t.Fatalf("step %d %q: quit %v focus %s mode %v; want %v %s %v", i, s.key, quit, f.ID(), f.Mode(), s.quit, s.focused, s.wantMode)
		}
	}
}

// A first page from before a refresh must not replace the newer one, nor
// an order or count fetched before it.
func TestReturnsStaleResultsDropped(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	p := newReturnsPane(rcEnv(i18n.EN), d).(*returnsPane)
	p.SetSize(80, 24)
	stale := rcRun(p.Init())                     // the first window and badge, not delivered yet
	rcDrive(p, rcKeys("f", "right", "enter")...) // awaiting a decision only
	n := p.List().Len()
	if n == 0 || len(stale) < 2 {
		t.Fatalf("the filtered list is empty (%d) or Init read nothing (%d)", n, len(stale))
	}
	rcDrive(p, stale...)
	if p.List().Len() != n {
		t.Errorf("a stale window replaced the filtered list: %d listed, want %d", p.List().Len(), n)
	}

	it, _ := p.Selected()
	_, cmd := p.Update(rcKey("enter"))
	old := rcRun(cmd)
	rcDrive(p, ui.RefreshMsg{}) // forgets the orders
	rcDrive(p, old...)
	if p.orders[it.r.OrderID] != nil {
		t.Errorf("an order fetched before the refresh landed: %+v", p.orders[it.r.OrderID])
	}
	_, cmd = p.Update(rcKey("enter")) // fetched again, under a new number
	fresh := rcRun(cmd)
	rcDrive(p, old...)
	if st := p.orders[it.r.OrderID]; st == nil || !st.loading {
		t.Fatalf("superseded order result accepted: %+v", st)
	}
	rcDrive(p, fresh...)
	if st := p.orders[it.r.OrderID]; st == nil || st.order == nil {
		t.Fatalf("current order result dropped: %+v", st)
	}

	// The badge is the store's count of every waiting return, whatever
	// narrows the list.
	badge := p.Badge()
	rcDrive(p, rcKeys("f", "down", "down", "right", "enter")...)
	if p.filter == (retFilter{needsOnly: true}) || p.Badge() != badge || badge != rcWaitingTotal(t, d) {
		t.Errorf("under %+v: badge %d, was %d, want %d", p.filter, p.Badge(), badge, rcWaitingTotal(t, d))
	}
}

// On a narrow window the order is fetched when a return is opened, shown
// as loading meanwhile, cached, and retried with r after a failure.
func TestReturnsOrderLoadedWhenOpened(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	p := rcReturns(t, d, i18n.EN, 80, 24)
	if len(p.orders) != 0 {
		t.Fatalf("orders fetched before anything was opened: %d", len(p.orders))
	}
	it, _ := p.Selected()
	_, cmd := p.Update(rcKey("enter"))
	if !strings.Contains(rcDetailOf(p), "Loading order…") {
		t.Errorf("no loading line:\n%s", rcLines(rcDetailOf(p)))
	}
	msgs := rcRun(cmd)
	var got retOrderMsg
	for _, m := range msgs {
		if om, ok := m.(retOrderMsg); ok {
			got = om
		}
	}
	if got.OrderID != it.r.OrderID || got.ReturnID != it.r.ID {
		t.Fatalf("order message %+v for return %d/%d", got, it.r.ID, it.r.OrderID)
	}
	failed := got
	failed.Err = &timeoutErr{}
	rcDrive(p, failed)
	if v := rcDetailOf(p); !strings.Contains(v, "Could not load the order") {
		t.Errorf("no order error:\n%s", rcLines(v))
	}
	rcDrive(p, ui.RetryMsg{})
	st := p.orders[it.r.OrderID]
	if st == nil || st.order == nil {
		t.Fatalf("retry did not load the order: %+v", st)
	}
	name := st.order.Items[0].Name
	if v := rcDetailOf(p); !strings.Contains(v, "Order "+strconv.FormatInt(it.r.OrderID, 10)) || !strings.Contains(v, "Delivery") {
		t.Errorf("order context missing:\n%s", rcLines(v))
	}
	seq := p.orderSeq
	rcDrive(p, rcKeys("esc", "enter")...)
	if p.orderSeq != seq {
		t.Error("a cached order was fetched again")
	}
	rcDrive(p, rcKey("esc"))
	if !strings.Contains(p.View(), safeFirstWords(name)) {
		t.Errorf("the row does not show the product name %q once the order is known:\n%s", name, rcLines(p.View()))
	}
}

// rcDetailOf is the whole detail of the selected return, as the pane
// would render it, without the viewport's clipping.
func rcDetailOf(p *returnsPane) string {
	it, _ := p.Selected()
	env := p.Env()
	x := retExtras{state: p.acts.stateLine(it.id, 200), mediaHint: p.preview.browseHint(), canDecide: env.Replies != nil}
	return retDetail(it, p.orderView(it.r.OrderID), x, 200, env.Styles, env.Tr)
}

type timeoutErr struct{}

func (*timeoutErr) Error() string { return "i/o timeout" }

// safeFirstWords is a prefix of a product name short enough to survive a
// truncated row.
func safeFirstWords(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 8)])
}

// Side by side, the order follows the cursor once it rests on a return.
func TestReturnsOrderFollowsCursorWhenWide(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	p := rcReturns(t, d, i18n.RU, 160, 40)
	first, _ := p.Selected()
	if st := p.orders[first.r.OrderID]; st == nil || st.order == nil {
		t.Fatalf("first return's order not loaded: %+v", st)
	}
	// two quick moves: only the return the cursor rests on is fetched
	_, c1 := p.Update(rcKey("j"))
	_, c2 := p.Update(rcKey("j"))
	rcDrive(p, append(rcRun(c1), rcRun(c2)...)...)
	items := p.Items()
	if p.orders[items[1].r.OrderID] != nil && items[1].r.OrderID != items[2].r.OrderID {
		t.Error("the return passed over was fetched")
	}
	if st := p.orders[items[2].r.OrderID]; st == nil || st.order == nil {
		t.Fatalf("resting return's order not loaded: %+v", st)
	}
	if v := rcDetailOf(p); !strings.Contains(v, "Доставка") || !strings.Contains(v, "заявление покупателя") {
		t.Errorf("detail lacks the order or the application hint:\n%s", rcLines(v))
	}
}
