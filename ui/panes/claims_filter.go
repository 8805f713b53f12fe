package panes

import (
	"strconv"
	"strings"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// claimFilter is what the `f` menu selects; the zero value is the
// default view, active claims of every product.
type claimFilter struct {
	archive bool
	nmID    int64
}

// storeQuery is the filter over the stored claims.
func (f claimFilter) storeQuery() store.PaneQuery {
	q := store.PaneQuery{Kind: store.KindClaim, Filter: store.Filter{Archive: store.ArchiveActive}}
	if f.archive {
		q.Filter.Archive = store.ArchiveOnly
	}
	if f.nmID != 0 {
		q.Filter.Article = strconv.FormatInt(f.nmID, 10)
	}
	return q
}

func (f claimFilter) summary(tr i18n.T) string {
	var parts []string
	if f.archive {
		parts = append(parts, tr.Get("claims.filter.arch"))
	}
	if f.nmID != 0 {
		parts = append(parts, tr.Get("claims.filter.nm")+" "+strconv.FormatInt(f.nmID, 10))
	}
	if len(parts) == 0 {
		return ""
	}
	return tr.Get("claims.filter.summary", strings.Join(parts, " · "))
}

func claimForm(env ui.Env, f claimFilter) *ui.Form {
	tr := env.Tr
	form := ui.NewForm(env, tr.Get("claims.filter.title"),
		&ui.Field{ID: "show", Label: tr.Get("claims.filter.show"), Choices: []ui.Choice{
			{Label: tr.Get("claims.filter.active"), Value: "active"},
			{Label: tr.Get("claims.filter.archive"), Value: "archive"},
		}},
		&ui.Field{ID: "nm", Label: tr.Get("claims.filter.nm"), Kind: ui.FieldText,
			Placeholder: tr.Get("claims.filter.nm_hint"), Validate: digitsOnly(tr.Get("claims.filter.bad_nm"))},
	)
	if f.archive {
		form.SetValue("show", "archive")
	}
	if f.nmID != 0 {
		form.SetValue("nm", strconv.FormatInt(f.nmID, 10))
	}
	return form
}

// claimFilterFrom reads an applied form; the form validated every field.
func claimFilterFrom(form *ui.Form) claimFilter {
	f := claimFilter{archive: form.Value("show") == "archive"}
	f.nmID, _ = parseID(form.Value("nm"))
	return f
}
