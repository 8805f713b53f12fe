package panes

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// retOrderDelay is how long the cursor must rest on a return before its
// order is read for the side-by-side detail: holding j must not fire a
// read (and, for an order not stored yet, a request) per row. Opening a
// return (enter) reads it at once.
const retOrderDelay = 250 * time.Millisecond

// returnsPane is Yandex Market returns and non-purchases: a Split of
// returns, the `f` filter menu, and each return's order read lazily from
// the store into the detail (the syncer stores an order the first time).
type returnsPane struct {
	paneShell[retItem]
	client *ym.Client // decisions offered and media: actions, not items
	sy     *syncer.Syncer
	filter retFilter

	// Orders by ID as read from the store when a return is opened;
	// orderSeq numbers the reads so one from before a refresh is dropped.
	orders   map[int64]*retOrderState
	orderSeq uint64
	// selID is the return under the cursor at the last Update; wantGen
	// numbers the debounce timers so only the latest one fetches.
	selID   int64
	wantGen uint64
	wanting bool

	// decision is the return's part of the `a` flow while it is open;
	// decideSeq numbers the reads of the decisions offered.
	decision  *retDecide
	decideSeq uint64
}

type retOrderState struct {
	seq     uint64
	order   *models.YMOrder
	err     error
	loading bool
}

// retOrderMsg delivers an order read from the store.
type retOrderMsg struct {
	ReturnID, OrderID int64
	Seq               uint64
	Order             models.YMOrder
	Err               error
}

func (retOrderMsg) TargetPane() ui.PaneID { return ui.PaneReturns }

// retOrderWantMsg is the debounce timer of a cursor resting on a return.
type retOrderWantMsg struct {
	ReturnID int64
	Gen      uint64
}

func (retOrderWantMsg) TargetPane() ui.PaneID { return ui.PaneReturns }

func newReturnsPane(env ui.Env, d Deps) ui.Pane {
	env = withStore(env, d)
	p := &returnsPane{paneShell: newPaneShell[retItem](env, ui.PaneReturns),
		client: d.YM, sy: d.Syncer, orders: map[int64]*retOrderState{}}
	p.self, p.handle, p.media = p, p.update, p.syncPhotos
	p.actOnce(p.startDecide)
	p.openFilter = func() *ui.Form { return retForm(p.Env(), p.filter) }
	p.applyFilter = func(form *ui.Form) tea.Cmd { return p.apply(retFilterFrom(form)) }
	hint := p.preview.browseHint()
	p.Split = ui.NewSplit(env, ui.SplitConfig[retItem]{
		ID: ui.PaneReturns,
		Row: func(it retItem, width int, selected bool, st theme.Styles) string {
			return retRow(it, p.cachedName(it), p.acts.marker(it.id, it.waiting), width, selected, st)
		},
		Detail: func(it retItem, width int, st theme.Styles, tr i18n.T) string {
			x := retExtras{state: p.acts.stateLine(it.id, width), mediaHint: hint, canDecide: env.Replies != nil,
				mine: p.mine(it.id)}
			return retDetail(it, p.orderView(it.r.OrderID), x, width, st, tr)
		},
		FullText: func(it retItem) string {
			var cs []string
			for _, item := range it.r.Items {
				for _, d := range item.Decisions {
					cs = append(cs, d.Comment)
				}
			}
			return fullText(cs...)
		},
		Key: func(it retItem) string { return it.id },
		// f last, after the reply keys, as it is in every other view
		Help:  append(p.acts.help([]key.Binding{env.Keys.Reply.Answer}, true), env.Keys.List.FilterMenu),
		Query: func() store.PaneQuery { return p.filter.storeQuery() },
		Decode: func(r store.PaneRow, now time.Time) (retItem, error) {
			y, err := store.Decode[models.YMReturn](r.Row)
			it := newRetItem(y, env.Tr, now)
			// A decision this app delivered resolves the return in the
			// store before the sync brings Market's new status: it no
			// longer waits, and `a` does not offer a second decision.
			it.waiting = it.waiting && r.NeedsAction
			return it, err
		},
	})
	p.preview.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

// Syncing is the order reads, so the status bar says "syncing…" until
// the detail is complete.
func (p *returnsPane) Syncing() bool {
	for _, o := range p.orders {
		if o.loading {
			return true
		}
	}
	return false
}

// busy is Syncing or an order read about to start; tests wait on it.
func (p *returnsPane) busy() bool { return p.Syncing() || p.wanting }

// update is the return's own handling: the decisions offered and the
// outbox's word, the orders read and the list's keys.
func (p *returnsPane) update(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case retDecisionsMsg:
		return p.decisionsLoaded(msg)
	case ui.OutboxMsg:
		return p.decideOutbox(msg)
	case retOrderMsg:
		p.orderLoaded(msg)
		return nil
	case retOrderWantMsg:
		if msg.Gen != p.wantGen {
			return nil // the cursor moved on
		}
		p.wanting = false
		if it, ok := p.Selected(); ok && it.r.ID == msg.ReturnID {
			return p.fetchOrder(it.r)
		}
		return nil
	case ui.RefreshMsg:
		// forget the orders held: they are read from the store again
		// (no request for a stored one), and reads still in flight find
		// no entry to land in
		p.orders = map[int64]*retOrderState{}
		p.selID = 0
		p.preview.item = "" // the return's media may have changed
	case ui.RetryMsg:
		if it, ok := p.Selected(); ok && p.Err() == nil {
			if o := p.orders[it.r.OrderID]; o != nil && o.err != nil {
				delete(p.orders, it.r.OrderID)
				return p.fetchOrder(it.r)
			}
		}
	case tea.KeyPressMsg:
		keys := p.Env().Keys
		typing := p.List().Typing()
		switch {
		case !typing && key.Matches(msg, keys.List.Open):
			if it, ok := p.Selected(); ok {
				cmds = append(cmds, p.fetchOrder(it.r))
			}
		}
	}
	_, cmd := p.Split.Update(msg)
	cmds = append(cmds, cmd, p.selectionMoved())
	return tea.Batch(cmds...)
}

// apply switches to new filters: the store is read again from the top;
// the badge counts every waiting return whatever the filters.
func (p *returnsPane) apply(f retFilter) tea.Cmd {
	if f == p.filter {
		return nil
	}
	p.filter, p.selID = f, 0
	return p.filtered(f.summary(p.Env().Tr))
}

// selectionMoved arms the debounce timer when the cursor lands on another
// return while the detail is on screen beside the list.
func (p *returnsPane) selectionMoved() tea.Cmd {
	it, ok := p.Selected()
	if !ok || it.r.ID == p.selID {
		return nil
	}
	p.selID = it.r.ID
	if p.w < ui.SplitMinWidth || p.orders[it.r.OrderID] != nil {
		return nil
	}
	p.wantGen++
	p.wanting = true
	gen, id := p.wantGen, it.r.ID
	return tea.Tick(retOrderDelay, func(time.Time) tea.Msg { return retOrderWantMsg{ReturnID: id, Gen: gen} })
}

// fetchOrder reads the return's order from the store unless it is held
// or on its way; an order not stored yet is first brought into the store
// by the syncer (one request, once: a return opened again, or after a
// restart, is read from the store alone).
func (p *returnsPane) fetchOrder(r models.YMReturn) tea.Cmd {
	if p.orders[r.OrderID] != nil {
		return nil
	}
	p.orderSeq++
	st := &retOrderState{seq: p.orderSeq, loading: true}
	p.orders[r.OrderID] = st
	env := p.Env()
	ctx, db, sy, tr, seq, orderID, returnID := env.Ctx, env.Store, p.sy, env.Tr, st.seq, r.OrderID, r.ID
	fetch := func() tea.Msg {
		o, err := readOrder(ctx, db, sy, tr, returnID, orderID)
		return retOrderMsg{ReturnID: returnID, OrderID: orderID, Seq: seq, Order: o, Err: err}
	}
	p.refreshDetail() // shows "loading order…"
	return fetch
}

// readOrder is a return's order as stored, after the syncer stored it if
// it was not.
func readOrder(ctx context.Context, db *store.Store, sy *syncer.Syncer, tr i18n.T, returnID, orderID int64) (models.YMOrder, error) {
	if db == nil {
		return models.YMOrder{}, errNoSync(tr)
	}
	o, ok, err := db.Order(ctx, orderID)
	if err != nil || ok {
		return o, err
	}
	if sy == nil {
		return o, errNoSync(tr)
	}
	if _, err := sy.Order(ctx, returnID); err != nil {
		return o, err
	}
	o, ok, err = db.Order(ctx, orderID)
	if err == nil && !ok {
		err = fmt.Errorf("store: order %d of return %d was not stored", orderID, returnID)
	}
	return o, err
}

// orderLoaded files an order read; one whose read was superseded (a
// refresh forgot it) is dropped.
func (p *returnsPane) orderLoaded(msg retOrderMsg) {
	st := p.orders[msg.OrderID]
	if st == nil || st.seq != msg.Seq {
		return
	}
	st.loading = false
	if msg.Err != nil {
		st.err = msg.Err
	} else {
		o := msg.Order
		st.order = &o
	}
	if it, ok := p.Selected(); ok && it.r.OrderID == msg.OrderID {
		p.refreshDetail()
	}
}

// refreshDetail re-renders the detail after the order state it shows
// changed: Split renders the detail only when the selection moves.
func (p *returnsPane) refreshDetail() { p.RefreshDetail() }

// reloadAll is R: the list and the orders are read again.
func (p *returnsPane) reloadAll() tea.Cmd { return p.update(ui.RefreshMsg{}) }

func (p *returnsPane) orderView(orderID int64) retOrderView {
	st := p.orders[orderID]
	if st == nil {
		return retOrderView{}
	}
	return retOrderView{order: st.order, loading: st.loading, err: st.err}
}

// cachedName is the first item's product name from a loaded order.
func (p *returnsPane) cachedName(it retItem) string {
	st := p.orders[it.r.OrderID]
	if st == nil || st.order == nil || len(it.r.Items) == 0 {
		return ""
	}
	oi, _ := st.order.Item(it.r.Items[0].ShopSku)
	return oi.Name
}

var _ ui.Syncer = (*returnsPane)(nil)
