package panes

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/ym"
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
	from, to  time.Time             // update date bounds, zero for open
	orderID   int64
}

// storeQuery is the filter over the stored returns; the default view
// shows those awaiting a decision first, the rest by date.
func (f retFilter) storeQuery() store.PaneQuery {
	q := store.PaneQuery{Kind: store.KindReturn, Sort: store.SortActionFirst, Filter: store.Filter{
		From: f.from, To: f.to, ReturnType: string(f.rtype), OrderID: f.orderID}}
	if f.needsOnly {
		q.Filter.Status = store.StatusNeedsAction
	}
	if f.status != "" {
		q.Filter.States = []string{string(f.status)}
	}
	return q
}

// narrowed reports whether the list may leave out returns awaiting a
// decision, so the badge must be counted separately.
func (f retFilter) narrowed() bool {
	return f.status != "" || f.rtype != "" || !f.from.IsZero() || !f.to.IsZero() || f.orderID != 0
}

func (f retFilter) isDefault() bool { return !f.needsOnly && !f.narrowed() }

// base is the query of every request the filter makes, before statuses
// and paging.
func (f retFilter) base() ym.ReturnsQuery {
	q := ym.ReturnsQuery{Type: f.rtype, FromDate: f.from, ToDate: f.to, Limit: ym.MaxReturnsLimit}
	if f.orderID != 0 {
		q.OrderIDs = []int64{f.orderID}
	}
	return q
}

// waitingStatuses are the statuses of the first, pinned block: every
// waiting status, or the chosen one when it is a waiting one.
func (f retFilter) waitingStatuses() []models.YMRefundStatus {
	switch {
	case f.status == "":
		return models.YMWaitingStatuses
	case f.status.AwaitsDecision():
		return []models.YMRefundStatus{f.status}
	}
	return nil
}

// restStatuses filters the paged remainder; nil is any.
func (f retFilter) restStatuses() []models.YMRefundStatus {
	if f.status == "" {
		return nil
	}
	return []models.YMRefundStatus{f.status}
}

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
			from = f.from.Format(rcDateLayout)
		}
		if !f.to.IsZero() {
			to = f.to.Format(rcDateLayout)
		}
		parts = append(parts, from+"–"+to)
	}
	if f.orderID != 0 {
		parts = append(parts, tr.Get("returns.filter.order")+" "+strconv.FormatInt(f.orderID, 10))
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
		if _, err := rcParseDate(s); err != nil {
			return badDate
		}
		return nil
	}
	from := &ui.Field{ID: "from", Label: tr.Get("returns.filter.from"), Kind: ui.FieldText,
		Placeholder: tr.Get("returns.filter.date_hint"), Validate: dateOK}
	to := &ui.Field{ID: "to", Label: tr.Get("returns.filter.to"), Kind: ui.FieldText,
		Placeholder: tr.Get("returns.filter.date_hint")}
	order := &ui.Field{ID: "order", Label: tr.Get("returns.filter.order"), Kind: ui.FieldText,
		Validate: rcDigits(tr.Get("returns.filter.bad_id"))}
	form := ui.NewForm(env, tr.Get("returns.filter.title"), show, status, rtype, from, to, order)
	// the end date is checked against the start date as typed, so the
	// form needs to exist before this validator does
	to.Validate = func(s string) error {
		t, err := rcParseDate(s)
		if err != nil {
			return badDate
		}
		if start, err := rcParseDate(form.Value("from")); err == nil && !t.IsZero() && !start.IsZero() && t.Before(start) {
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
		form.SetValue("from", f.from.Format(rcDateLayout))
	}
	if !f.to.IsZero() {
		form.SetValue("to", f.to.Format(rcDateLayout))
	}
	if f.orderID != 0 {
		form.SetValue("order", strconv.FormatInt(f.orderID, 10))
	}
	return form
}

// retFilterFrom reads an applied form; the form validated every field.
func retFilterFrom(form *ui.Form) retFilter {
	f := retFilter{
		needsOnly: form.Value("show") == "needs",
		status:    models.YMRefundStatus(form.Value("status")),
		rtype:     models.YMReturnType(form.Value("type")),
	}
	f.from, _ = rcParseDate(form.Value("from"))
	f.to, _ = rcParseDate(form.Value("to"))
	f.orderID, _ = rcParseID(form.Value("order"))
	return f
}

// retPagePrefix marks a cursor of the paged remainder; the first page
// (cursor "") also carries the whole pinned block.
const retPagePrefix = "p:"

// retLoader builds the Split's loader from copies: it runs in a command
// and must not touch the pane. The first page is every return awaiting a
// decision (all pages of them, newest update first) followed by the first
// page of the rest; later pages are the rest, in the service's order, with
// waiting returns left out because the first page already has them.
func retLoader(c *ym.Client, st *store.Store, f retFilter, tr i18n.T, now time.Time) func(ctx context.Context, cursor string) ([]retItem, string, error) {
	return func(ctx context.Context, cursor string) ([]retItem, string, error) {
		var out []retItem
		token := strings.TrimPrefix(cursor, retPagePrefix)
		if cursor == "" {
			if ws := f.waitingStatuses(); len(ws) > 0 {
				q := f.base()
				q.Statuses = ws
				waiting, err := c.AllReturns(ctx, q)
				if err != nil {
					return nil, "", err
				}
				keep(st, func(st *store.Store) error { _, err := st.PutReturns(ctx, waiting); return err })
				slices.SortStableFunc(waiting, func(a, b models.YMReturn) int { return b.UpdateDate.Compare(a.UpdateDate.Time) })
				for _, r := range waiting {
					out = append(out, newRetItem(r, tr, now))
				}
			}
			if f.needsOnly || (f.status != "" && f.status.AwaitsDecision()) {
				return out, "", nil // the pinned block is everything
			}
		}
		q := f.base()
		q.Statuses = f.restStatuses()
		q.PageToken = token
		page, err := c.GetReturns(ctx, q)
		if err != nil {
			return nil, "", err
		}
		keep(st, func(st *store.Store) error { _, err := st.PutReturns(ctx, page.Returns); return err })
		for _, r := range page.Returns {
			if !r.AwaitsDecision() {
				out = append(out, newRetItem(r, tr, now))
			}
		}
		next := ""
		if page.NextPageToken != "" {
			next = retPagePrefix + page.NextPageToken
		}
		return out, next, nil
	}
}

// retCountMsg is the number of returns awaiting a decision, counted apart
// from the list while filters narrow it.
type retCountMsg struct {
	Seq uint64
	N   int
	Err error
}

func (retCountMsg) TargetPane() ui.PaneID { return ui.PaneReturns }

// retCount counts every waiting return of the campaign.
func retCount(ctx context.Context, c *ym.Client, seq uint64) tea.Cmd {
	return func() tea.Msg {
		rs, err := c.AllReturns(ctx, ym.ReturnsQuery{Statuses: models.YMWaitingStatuses, Limit: ym.MaxReturnsLimit})
		return retCountMsg{Seq: seq, N: len(rs), Err: err}
	}
}
