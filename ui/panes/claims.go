package panes

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// claimsPane is Wildberries buyer claims: a Split of the last 14 days'
// claims, active by default, with the `f` menu switching to the archive
// or one product.
type claimsPane struct {
	paneShell[claimItem]
	client *wb.Client
	filter claimFilter
}

func newClaimsPane(env ui.Env, d Deps) ui.Pane {
	env = withStore(env, d)
	p := &claimsPane{paneShell: newPaneShell[claimItem](env, ui.PaneClaims), client: d.WB}
	p.self, p.handle, p.media = p, p.update, p.syncPhotos
	p.actOnce(p.startAnswer)
	p.openFilter = func() *ui.Form { return claimForm(p.Env(), p.filter) }
	p.applyFilter = func(form *ui.Form) tea.Cmd { return p.apply(claimFilterFrom(form)) }
	hint := p.preview.browseHint()
	p.Split = ui.NewSplit(env, ui.SplitConfig[claimItem]{
		ID: ui.PaneClaims,
		Row: func(it claimItem, width int, selected bool, st theme.Styles) string {
			return claimRow(it, p.acts.marker(it.c.ID, claimNeeds(it)), width, selected, st)
		},
		Detail: func(it claimItem, width int, st theme.Styles, tr i18n.T) string {
			x := claimExtras{state: p.acts.stateLine(it.c.ID, width), mediaHint: hint, canAnswer: env.Replies != nil}
			return claimDetail(it, x, width, st, tr)
		},
		FullText: func(it claimItem) string { return fullText(it.c.UserComment, it.c.WBComment) },
		Key:      func(it claimItem) string { return it.c.ID },
		// f last, after the reply keys, as it is in every other view
		Help:  append(p.acts.help([]key.Binding{env.Keys.Reply.Answer}, true), env.Keys.List.FilterMenu),
		Query: func() store.PaneQuery { return p.filter.storeQuery() },
		Decode: func(r store.PaneRow, now time.Time) (claimItem, error) {
			c, archived, err := store.DecodeClaim(r.Row)
			return newClaimItem(c, !archived, env.Tr, now), err
		},
		// The badge is every active claim, as Wildberries counts it.
		BadgeQuery: func() store.PaneQuery {
			return store.PaneQuery{Kind: store.KindClaim, Filter: store.Filter{Archive: store.ArchiveActive}}
		},
	})
	p.preview.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

// claimNeeds: an active claim offering actions awaits the seller.
func claimNeeds(it claimItem) bool { return it.active && it.c.Answerable() }

// busy is what tests wait on: a store read in flight.
func (p *claimsPane) busy() bool { return p.Reading() }

// update is the claim's own handling: the outbox's word and the list's
// keys.
func (p *claimsPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ui.OutboxMsg:
		return p.answerOutbox(msg)
	case ui.RefreshMsg, ui.StoreChangedMsg:
		p.preview.item = "" // the claim's media may have changed
	}
	_, cmd := p.Split.Update(msg)
	return cmd
}

// reloadAll is R: the list and the count start over.
func (p *claimsPane) reloadAll() tea.Cmd { return p.update(ui.RefreshMsg{}) }

// apply switches to new filters with a fresh first page. The badge stays:
// it counts active claims whatever the list shows.
func (p *claimsPane) apply(f claimFilter) tea.Cmd {
	if f == p.filter {
		return nil
	}
	p.filter = f
	return p.filtered(f.summary(p.Env().Tr))
}
