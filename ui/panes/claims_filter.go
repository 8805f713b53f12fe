package panes

import (
	"strings"

	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// claimFilter is what the `f` menu selects; the zero value is the
// default view, active claims of every product.
type claimFilter struct {
	archive bool
	// article is a WB article (digits) or a vendor code as typed: claims
	// carry only the article, and the store takes the vendor codes of
	// their products from the questions and feedbacks it holds.
	article string
}

// storeQuery is the filter over the stored claims.
func (f claimFilter) storeQuery() store.PaneQuery {
	q := store.PaneQuery{Kind: store.KindClaim, Filter: store.Filter{Archive: store.ArchiveActive}}
	if f.archive {
		q.Filter.Archive = store.ArchiveOnly
	}
	q.Filter.Article = f.article
	return q
}

func (f claimFilter) summary(tr i18n.T) string {
	var parts []string
	if f.archive {
		parts = append(parts, tr.Get("claims.filter.arch"))
	}
	if f.article != "" {
		parts = append(parts, tr.Get("claims.filter.nm")+" "+f.article)
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
			Placeholder: tr.Get("claims.filter.nm_hint")},
	)
	if f.archive {
		form.SetValue("show", "archive")
	}
	form.SetValue("nm", f.article)
	return form
}

// claimFilterFrom reads an applied form; the form validated every field.
func claimFilterFrom(form *ui.Form) claimFilter {
	return claimFilter{archive: form.Value("show") == "archive", article: strings.TrimSpace(form.Value("nm"))}
}
