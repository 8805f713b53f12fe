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
	*ui.Split[claimItem]
	frame  rcFrame
	client *wb.Client
	filter claimFilter

	// acts is the `a` flow; preview shows the selected claim's media.
	acts    *actions
	preview *preview
}

func newClaimsPane(env ui.Env, d Deps) ui.Pane {
	env = withStore(env, d)
	p := &claimsPane{client: d.WB, acts: newActions(env, ui.PaneClaims), preview: newPreview(env, ui.PaneClaims)}
	p.acts.once = true
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
		Help:     p.acts.help([]key.Binding{env.Keys.Reply.Answer}, true),
		Query:    func() store.PaneQuery { return p.filter.storeQuery() },
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

func (p *claimsPane) Mode() ui.Mode {
	if m, ok := p.acts.mode(); ok {
		return m
	}
	return p.frame.mode(p.Split.Mode())
}

func (p *claimsPane) SetSize(w, h int) {
	p.frame.w, p.frame.h = w, h
	p.Split.SetSize(w, p.frame.bodyHeight())
}

func (p *claimsPane) View() string { return p.frame.view(p.Env().Styles, p.Split.View) }

// busy is what tests wait on: a store read in flight.
func (p *claimsPane) busy() bool { return p.Reading() }

func (p *claimsPane) ShortHelp() []key.Binding {
	if h, ok := p.acts.shortHelp(); ok {
		return h
	}
	if p.frame.form != nil || p.List().Typing() {
		return p.Split.ShortHelp()
	}
	return append(p.Split.ShortHelp(), p.Env().Keys.List.FilterMenu)
}

// Update runs the pane, then shows in the detail column what is open: the
// answer flow, else the photo preview, else the claim.
func (p *claimsPane) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	// every message: preview results and the terminal's colour profile
	cmds := []tea.Cmd{p.preview.photos.Update(msg), p.preview.photos.Resize(p.DetailSize())}
	cmds = append(cmds, p.update(msg), p.syncPhotos(), p.preview.after(p.acts, p.SetAside, p.DetailSize))
	return p, tea.Batch(cmds...)
}

func (p *claimsPane) update(msg tea.Msg) tea.Cmd {
	if p.acts.open != nil {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			return p.acts.key(msg)
		}
	}
	if p.frame.form != nil {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			applied, cmd := p.frame.formKey(msg)
			if applied {
				f := claimFilterFrom(p.frame.form)
				p.frame.form = nil
				return p.apply(f) // cmd only blinks the closed form's cursor
			}
			return cmd
		}
	}
	cmds := []tea.Cmd{p.acts.forward(msg)}
	switch msg := msg.(type) {
	case ui.OutboxMsg:
		return tea.Batch(append(cmds, p.answerOutbox(msg))...)
	case ui.RefreshMsg, ui.StoreChangedMsg:
		p.preview.item = "" // the claim's media may have changed
	case tea.KeyPressMsg:
		keys := p.Env().Keys
		if !p.List().Typing() {
			switch {
			case key.Matches(msg, keys.List.FilterMenu):
				p.frame.form = claimForm(p.Env(), p.filter)
				return nil
			case key.Matches(msg, keys.Reply.Answer):
				if it, ok := p.Selected(); ok {
					return p.startAnswer(it)
				}
				return nil
			}
			if cmd, ok := p.preview.key(msg, p.DetailSize); ok {
				return cmd
			}
		}
	}
	_, cmd := p.Split.Update(msg)
	return tea.Batch(append(cmds, cmd)...)
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
	p.frame.summary = f.summary(p.Env().Tr)
	p.SetSize(p.frame.w, p.frame.h)
	return p.ReloadWindow()
}
