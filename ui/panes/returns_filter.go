package panes

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// retFilter is what the `f` menu selects. The zero value is the default
// view: every return, those awaiting a decision first.
type retFilter struct {
	needsOnly bool
	status    models.YMRefundStatus // "" any
	rtype     models.YMReturnType   // "" any
	from, to  time.Time             // creation date bounds, zero for open
	orderID   int64
	// sku is part of a vendor code (shopSku) of the return's items, any
	// case.
	sku string
}

// storeQuery is the filter over the stored returns; the default view
// shows those awaiting a decision first, the rest by date.
func (f retFilter) storeQuery() store.PaneQuery {
	q := store.PaneQuery{Kind: store.KindReturn, Sort: store.SortActionFirst, Filter: store.Filter{
		From: f.from, To: f.to, ReturnType: string(f.rtype), OrderID: f.orderID, Article: f.sku}}
	if f.needsOnly {
		q.Filter.Status = store.StatusNeedsAction
	}
	if f.status != "" {
		q.Filter.States = []string{string(f.status)}
	}
	return q
}

// narrowed reports whether the list may leave out returns awaiting a
// decision.
func (f retFilter) narrowed() bool {
	return f.status != "" || f.rtype != "" || !f.from.IsZero() || !f.to.IsZero() || f.orderID != 0 || f.sku != ""
}

func (f retFilter) isDefault() bool { return !f.needsOnly && !f.narrowed() }

// summary names the filters in force for the line above the list.
func (f retFilter) summary(tr i18n.T) string {
	if f.isDefault() {
		return ""
	}
	var parts []string
	if f.needsOnly {
		parts = append(parts, tr.Get("returns.filter.needs"))
	}
	if f.status != "" {
		parts = append(parts, tr.Label("ym.refund", string(f.status)))
	}
	if f.rtype != "" {
		parts = append(parts, tr.Label("ym.rtype", string(f.rtype)))
	}
	if !f.from.IsZero() || !f.to.IsZero() {
		from, to := "…", "…"
		if !f.from.IsZero() {
			from = f.from.Format(dayLayout)
		}
		if !f.to.IsZero() {
			to = f.to.Format(dayLayout)
		}
		parts = append(parts, from+"–"+to)
	}
	if f.orderID != 0 {
		parts = append(parts, tr.Get("returns.filter.order")+" "+strconv.FormatInt(f.orderID, 10))
	}
	if f.sku != "" {
		parts = append(parts, f.sku)
	}
	return tr.Get("returns.filter.summary", strings.Join(parts, " · "))
}

// retForm builds the `f` menu pre-filled with f.
func retForm(env ui.Env, f retFilter) *ui.Form {
	tr := env.Tr
	show := &ui.Field{ID: "show", Label: tr.Get("returns.filter.show"), Choices: []ui.Choice{
		{Label: tr.Get("returns.filter.show_all"), Value: "all"},
		{Label: tr.Get("returns.filter.show_needs"), Value: "needs"},
	}}
	statuses := []ui.Choice{{Label: tr.Get("returns.filter.any"), Value: ""}}
	for _, s := range models.YMRefundStatuses {
		statuses = append(statuses, ui.Choice{Label: tr.Label("ym.refund", string(s)), Value: string(s)})
	}
	status := &ui.Field{ID: "status", Label: tr.Get("returns.filter.status"), Choices: statuses}
	rtype := &ui.Field{ID: "type", Label: tr.Get("returns.filter.type"), Choices: []ui.Choice{
		{Label: tr.Get("returns.filter.any"), Value: ""},
		{Label: tr.Label("ym.rtype", string(models.YMReturnTypeReturn)), Value: string(models.YMReturnTypeReturn)},
		{Label: tr.Label("ym.rtype", string(models.YMReturnTypeUnredeemed)), Value: string(models.YMReturnTypeUnredeemed)},
	}}
	badDate := errors.New(tr.Get("returns.filter.bad_date"))
	dateOK := func(s string) error {
		if _, err := parseDay(s); err != nil {
			return badDate
		}
		return nil
	}
	from := &ui.Field{ID: "from", Label: tr.Get("returns.filter.from"), Kind: ui.FieldText,
		Placeholder: tr.Get("returns.filter.date_hint"), Validate: dateOK}
	to := &ui.Field{ID: "to", Label: tr.Get("returns.filter.to"), Kind: ui.FieldText,
		Placeholder: tr.Get("returns.filter.date_hint")}
	order := &ui.Field{ID: "order", Label: tr.Get("returns.filter.order"), Kind: ui.FieldText,
		Validate: digitsOnly(tr.Get("returns.filter.bad_id"))}
	sku := &ui.Field{ID: "sku", Label: tr.Get("returns.filter.sku"), Kind: ui.FieldText,
		Placeholder: tr.Get("returns.filter.sku_hint")}
	form := ui.NewForm(env, tr.Get("returns.filter.title"), show, status, rtype, from, to, order, sku)
	// the end date is checked against the start date as typed, so the
	// form needs to exist before this validator does
	to.Validate = func(s string) error {
		t, err := parseDay(s)
		if err != nil {
			return badDate
		}
		if start, err := parseDay(form.Value("from")); err == nil && !t.IsZero() && !start.IsZero() && t.Before(start) {
			return errors.New(tr.Get("returns.filter.bad_range"))
		}
		return nil
	}
	if f.needsOnly {
		form.SetValue("show", "needs")
	}
	form.SetValue("status", string(f.status))
	form.SetValue("type", string(f.rtype))
	if !f.from.IsZero() {
		form.SetValue("from", f.from.Format(dayLayout))
	}
	if !f.to.IsZero() {
		form.SetValue("to", f.to.Format(dayLayout))
	}
	if f.orderID != 0 {
		form.SetValue("order", strconv.FormatInt(f.orderID, 10))
	}
	form.SetValue("sku", f.sku)
	return form
}

// retFilterFrom reads an applied form; the form validated every field.
func retFilterFrom(form *ui.Form) retFilter {
	f := retFilter{
		needsOnly: form.Value("show") == "needs",
		status:    models.YMRefundStatus(form.Value("status")),
		rtype:     models.YMReturnType(form.Value("type")),
	}
	f.from, _ = parseDay(form.Value("from"))
	f.to, _ = parseDay(form.Value("to"))
	f.orderID, _ = parseID(form.Value("order"))
	f.sku = strings.TrimSpace(form.Value("sku"))
	return f
}
