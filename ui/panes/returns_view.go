package panes

import (
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Column widths of a returns row; the first item's SKU takes the rest.
const (
	retDateW   = 6
	retKindW   = 7
	retStatusW = 14
	retAmountW = 10
)

// retItem is a return with its row columns rendered once, on load: a
// keypress then costs a join per visible row, nothing more.
type retItem struct {
	r       models.YMReturn
	waiting bool
	date    string
	id      string
	kind    string
	status  string
	amount  string
	tail    string          // fast-return tag, first SKU, "+N" more items
	due     models.Deadline // none documented: the age shows
	now     time.Time       // when the item was read: its age counts to it
	dueCol  string
}

func newRetItem(r models.YMReturn, tr i18n.T, now time.Time) retItem {
	it := retItem{r: r, waiting: r.AwaitsDecision(), id: strconv.FormatInt(r.ID, 10)}
	it.date = safe.Pad(shortTime(r.CreationDate, now, tr), retDateW) // the list is in this order
	it.kind = safe.Pad(tr.Label("ym.rtype_short", string(r.ReturnType)), retKindW)
	status := tr.Label("ym.refund_short", string(r.RefundStatus))
	if r.RefundStatus == "" { // non-purchases have no refund: show where the goods are
		status = tr.Label("ym.shipment", string(r.ShipmentStatus))
	}
	it.status = safe.Pad(status, retStatusW)
	if tot, ok := r.Total(); ok {
		it.amount = moneyShort(tot.Value, string(tot.CurrencyID), tr)
	}
	it.amount = padLeft(it.amount, retAmountW)
	it.due = models.ReturnDeadline(r)
	it.now, it.dueCol = now, dueCell(tr, it.due, now, false)
	var tail []string
	if r.FastReturn {
		tail = append(tail, tr.Get("returns.fast_tag"))
	}
	if len(r.Items) > 0 {
		tail = append(tail, safe.Line(r.Items[0].ShopSku))
	}
	if len(r.Items) > 1 {
		tail = append(tail, tr.Get("returns.more_items", len(r.Items)-1))
	}
	it.tail = strings.Join(tail, " ")
	return it
}

// retRow draws one row; name is the first item's product name when its
// order is already loaded, shown instead of the SKU, and mark the state
// column (actions.marker). On a narrow list the date goes first (the age tells
// the time), then the status is cut, the kind, the status and the ID go;
// the amount stays whole.
func retRow(it retItem, name, mark string, width int, selected bool, st theme.Styles) string {
	tail := it.tail
	if name != "" {
		tail = strings.Replace(tail, safe.Line(it.r.Items[0].ShopSku), safe.Line(name), 1)
	}
	base := rowBase(it.waiting, st)
	cols := []rowCol{{text: mark}, {text: it.date, drop: 1}, {text: it.id, drop: 5}, {text: it.kind, drop: 3},
		{text: it.dueCol, style: dueStyle(it.due, it.now, base, st)}, {text: it.status, shrink: 2, minW: 6, drop: 4}, {text: it.amount}}
	return drawRow(width, cols, tail, base, selected, st)
}

// retOrderView is what the detail knows about the return's order.
type retOrderView struct {
	order   *models.YMOrder
	loading bool
	err     error
}

// retExtras is what the detail shows beyond the return itself.
type retExtras struct {
	state     string // the outbox line of the return's decision, wrapped
	mediaHint string // "p preview · …", "" when previews are off
	canDecide bool   // answering is on: say which key decides
	// mine is the comment of the decision this app delivered, to tell it
	// from the buyer's: Yandex Market answers both in one field.
	mine string
}

// retDetail renders a return for the right-hand view.
func retDetail(it retItem, ov retOrderView, x retExtras, width int, st theme.Styles, tr i18n.T) string {
	r := it.r
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(tr.Get("returns.title", r.ID), width)) + "\n")
	b.WriteString(x.state)
	if it.waiting {
		b.WriteString(st.Warning.Render(safe.Wrap(tr.Get("returns.awaits"), width)) + "\n")
		if x.canDecide {
			b.WriteString(st.Info.Render(safe.Wrap(tr.Get("returns.decide_hint"), width)) + "\n")
		}
	}
	b.WriteString(field(st, tr.Get("returns.order"), strconv.FormatInt(r.OrderID, 10), width))
	b.WriteString(field(st, tr.Get("returns.type"), tr.Label("ym.rtype", string(r.ReturnType)), width))
	if r.RefundStatus != "" {
		b.WriteString(field(st, tr.Get("returns.refund_status"), tr.Label("ym.refund", string(r.RefundStatus)), width))
	}
	if r.ShipmentStatus != "" {
		b.WriteString(field(st, tr.Get("returns.shipment_status"), tr.Label("ym.shipment", string(r.ShipmentStatus)), width))
	}
	if tot, ok := r.Total(); ok {
		b.WriteString(field(st, tr.Get("returns.amount"), money(tot.Value, string(tot.CurrencyID), tr), width))
	}
	b.WriteString(field(st, tr.Get("returns.created"), fullTime(r.CreationDate, tr), width))
	b.WriteString(dueDetail(it.due, it.now, width, st, tr))
	b.WriteString(field(st, tr.Get("returns.updated"), fullTime(r.UpdateDate, tr), width))
	if !r.PickupTillDate.IsZero() {
		b.WriteString(field(st, tr.Get("returns.pickup_till"), fullTime(r.PickupTillDate, tr), width))
	}
	if r.FastReturn {
		b.WriteString(field(st, tr.Get("returns.fast"), tr.Get("returns.fast_yes"), width))
	}
	if p := r.LogisticPickupPoint; p != nil {
		b.WriteString(field(st, tr.Get("returns.pickup_point"), retPoint(p, tr), width))
	}
	if r.ShipmentRecipientType != "" {
		b.WriteString(field(st, tr.Get("returns.recipient"), tr.Label("ym.recipient", string(r.ShipmentRecipientType)), width))
	}
	b.WriteString(field(st, tr.Get("returns.media"), retMediaSummary(r, x.mediaHint, tr), width))

	b.WriteString(section(st, tr.Get("returns.items")))
	for i, item := range r.Items {
		head := tr.Get("returns.item_head", i+1, safe.Line(item.ShopSku), item.MarketSku, item.Count)
		b.WriteString(st.Bold.Render(safe.Wrap(head, width)) + "\n")
		if ov.order != nil {
			if oi, ok := ov.order.Item(item.ShopSku); ok && oi.Name != "" {
				b.WriteString("   " + safe.Wrap(oi.Name, max(width-3, 10)) + "\n")
			}
		}
		for _, d := range item.Decisions {
			b.WriteString(retDecision(d, x.mine, width, st, tr))
		}
	}

	b.WriteString(section(st, tr.Get("returns.order_section", r.OrderID)))
	switch {
	case ov.order != nil:
		b.WriteString(retOrder(*ov.order, width, st, tr))
	case ov.loading:
		b.WriteString(st.Muted.Render(tr.Get("returns.order_loading")) + "\n")
	case ov.err != nil:
		b.WriteString(st.ErrorBox.Render(safe.Wrap(tr.Get("returns.order_error", safe.Line(ov.err.Error())), width)) + "\n")
	default:
		b.WriteString(st.Muted.Render(safe.Wrap(tr.Get("returns.order_hint"), width)) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// retMediaSummary counts the photos and the application, then the keys.
func retMediaSummary(r models.YMReturn, hint string, tr i18n.T) string {
	var parts []string
	if n := len(r.Photos()); n > 0 {
		parts = append(parts, tr.Get("returns.media_photos", n))
	}
	if retHasApplication(r) {
		parts = append(parts, tr.Get("returns.media_application"))
	}
	if len(parts) == 0 {
		return tr.Get("returns.media_none")
	}
	s := strings.Join(parts, ", ")
	if hint != "" {
		s += " — " + hint
	}
	return s
}

// retIndent is the margin of an item's fields under its heading.
const retIndent = "   "

func retField(st theme.Styles, label, value string, width int) string {
	s := field(st, label, value, width-len(retIndent))
	if s == "" {
		return ""
	}
	return retIndent + s
}

// retCommentLabel names whose words an item's comment are: the buyer's
// until a decision is made; the seller's when it is the comment this app
// sent; after a decision made elsewhere the field may hold either.
func retCommentLabel(d models.YMReturnDecision, mine string, tr i18n.T) string {
	switch {
	case mine != "" && strings.TrimSpace(d.Comment) == strings.TrimSpace(mine):
		return tr.Get("returns.your_comment")
	case !d.Decided():
		return tr.Get("returns.buyer_comment")
	}
	return tr.Get("returns.comment")
}

func retDecision(d models.YMReturnDecision, mine string, width int, st theme.Styles, tr i18n.T) string {
	var b strings.Builder
	if d.ReasonType != "" {
		b.WriteString(retField(st, tr.Get("returns.reason"), tr.Label("ym.reason", string(d.ReasonType)), width))
	}
	if d.SubreasonType != "" {
		b.WriteString(retField(st, tr.Get("returns.subreason"), tr.Label("ym.subreason", string(d.SubreasonType)), width))
	}
	if s := longField(st, tr, retCommentLabel(d, mine, tr), d.Comment, width-len(retIndent)); s != "" {
		b.WriteString(retIndent + s)
	}
	decision := tr.Get("returns.no_decision")
	if d.Decided() {
		decision = tr.Label("ym.decision", string(d.DecisionType))
	}
	b.WriteString(retField(st, tr.Get("returns.decision"), decision, width))
	switch {
	case d.Amount != nil:
		b.WriteString(retField(st, tr.Get("returns.refund"), money(d.Amount.Value, string(d.Amount.CurrencyID), tr), width))
	case d.RefundAmount != 0:
		b.WriteString(retField(st, tr.Get("returns.refund"), money(float64(d.RefundAmount)/100, "", tr), width))
	}
	if c := d.PartnerCompensationAmount; c != nil && c.Value != 0 {
		b.WriteString(retField(st, tr.Get("returns.compensation"), money(c.Value, string(c.CurrencyID), tr), width))
	}
	if n := len(d.Images); n > 0 {
		b.WriteString(retField(st, tr.Get("returns.photos"), strconv.Itoa(n), width))
	}
	return b.String()
}

// retPoint is "ПВЗ Маркета, Москва, Стрелецкая улица, 9к2 (Pickup point)".
func retPoint(p *models.YMPickupPoint, tr i18n.T) string {
	var parts []string
	if p.Name != "" {
		parts = append(parts, p.Name)
	}
	if a := p.Address; a != nil {
		for _, s := range []string{a.City, a.Street, a.House} {
			if s != "" {
				parts = append(parts, s)
			}
		}
	}
	s := strings.Join(parts, ", ")
	if p.Type != "" {
		s += " (" + tr.Label("ym.point", string(p.Type)) + ")"
	}
	return s
}

func retOrder(o models.YMOrder, width int, st theme.Styles, tr i18n.T) string {
	var b strings.Builder
	if o.Status != "" {
		b.WriteString(field(st, tr.Get("returns.order_status"), tr.Label("ym.order_status", string(o.Status)), width))
	}
	b.WriteString(field(st, tr.Get("returns.order_created"), fullTime(o.CreatedAt, tr), width))
	if o.BuyerType != "" {
		b.WriteString(field(st, tr.Get("returns.buyer_type"), tr.Label("ym.buyer", string(o.BuyerType)), width))
	}
	b.WriteString(field(st, tr.Get("returns.buyer_name"), o.BuyerName, width))
	d := o.Delivery
	delivery := []string{}
	if d.Type != "" {
		delivery = append(delivery, tr.Label("ym.delivery", string(d.Type)))
	}
	if d.ServiceName != "" {
		delivery = append(delivery, d.ServiceName)
	}
	b.WriteString(field(st, tr.Get("returns.delivery"), strings.Join(delivery, " · "), width))
	b.WriteString(field(st, tr.Get("returns.delivery_region"), d.Region, width))
	b.WriteString(field(st, tr.Get("returns.delivery_addr"), d.Address, width))
	if from, to := moscowDay(d.From), moscowDay(d.To); from != "" {
		if to != "" && to != from {
			from += "–" + to
		}
		b.WriteString(field(st, tr.Get("returns.delivery_dates"), from, width))
	}
	b.WriteString(field(st, tr.Get("returns.delivered"), moscowDay(d.Delivered), width))
	for _, it := range o.Items {
		total := ""
		if it.Total != nil {
			total = money(it.Total.Value, string(it.Total.CurrencyID), tr)
		}
		line := tr.Get("returns.order_item", safe.Line(it.OfferID), safe.Line(it.Name), it.Count, total)
		b.WriteString("• " + safe.Wrap(strings.TrimSuffix(line, " · "), max(width-2, 10)) + "\n")
	}
	if o.Total != nil {
		b.WriteString(field(st, tr.Get("returns.order_total"), money(o.Total.Value, string(o.Total.CurrencyID), tr), width))
	}
	return b.String()
}
