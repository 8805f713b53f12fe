package panes

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/ui"
)

// claimsPane is Wildberries buyer claims: a Split of the last 14 days'
// claims, active by default, with the `f` menu switching to the archive
// or one product.
type claimsPane struct {
	*ui.Split[claimItem]
	frame  rcFrame
	client *wb.Client
	filter claimFilter

	// The badge is every active claim, read from the service's total so it
	// is right before the last page is loaded.
	countSeq   ui.Seq
	count      int
	countKnown bool
	counting   bool
}

func newClaimsPane(env ui.Env, d Deps) ui.Pane {
	p := &claimsPane{client: d.WB}
	p.Split = ui.NewSplit(env, ui.SplitConfig[claimItem]{
		ID:          ui.PaneClaims,
		Row:         claimRow,
		FilterText:  func(it claimItem) string { return it.filter },
		Detail:      claimDetail,
		NeedsAction: func(it claimItem) bool { return it.active && it.c.Answerable() },
		Key:         func(it claimItem) string { return it.c.ID },
		Load:        claimsLoader(d.WB, claimFilter{}, env.Tr, rcNow(env)),
	})
	return p
}

// Init loads the first page and the active count side by side.
func (p *claimsPane) Init() tea.Cmd { return tea.Batch(p.Split.Init(), p.recount()) }

// Badge is the active total; until it is known (or when the count
// failed), the loaded claims awaiting an answer.
func (p *claimsPane) Badge() int {
	if p.countKnown {
		return p.count
	}
	return p.Split.Badge()
}

func (p *claimsPane) Mode() ui.Mode { return p.frame.mode(p.Split.Mode()) }

func (p *claimsPane) SetSize(w, h int) {
	p.frame.w, p.frame.h = w, h
	p.Split.SetSize(w, p.frame.bodyHeight())
}

func (p *claimsPane) View() string { return p.frame.view(p.Env().Styles, p.Split.View) }

func (p *claimsPane) Syncing() bool { return p.Split.Syncing() || p.counting }

// busy is what tests wait on.
func (p *claimsPane) busy() bool { return p.Syncing() }

func (p *claimsPane) ShortHelp() []key.Binding {
	if p.frame.form != nil || p.List().Typing() {
		return p.Split.ShortHelp()
	}
	return append(p.Split.ShortHelp(), p.Env().Keys.List.FilterMenu)
}

func (p *claimsPane) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	if p.frame.form != nil {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			applied, cmd := p.frame.formKey(msg)
			if applied {
				f := claimFilterFrom(p.frame.form)
				p.frame.form = nil
				return p, p.apply(f) // cmd only blinks the closed form's cursor
			}
			return p, cmd
		}
	}
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case claimCountMsg:
		if p.countSeq.Current(msg.Seq) {
			p.counting = false
			p.count, p.countKnown = msg.N, msg.Err == nil
		}
		return p, nil
	case ui.RefreshMsg:
		cmds = append(cmds, p.recount())
	case tea.KeyPressMsg:
		if !p.List().Typing() && key.Matches(msg, p.Env().Keys.List.FilterMenu) {
			p.frame.form = claimForm(p.Env(), p.filter)
			return p, nil
		}
	}
	_, cmd := p.Split.Update(msg)
	return p, tea.Batch(append(cmds, cmd)...)
}

// apply switches to new filters with a fresh first page. The badge stays:
// it counts active claims whatever the list shows.
func (p *claimsPane) apply(f claimFilter) tea.Cmd {
	if f == p.filter {
		return nil
	}
	p.filter = f
	p.frame.summary = f.summary(p.Env().Tr)
	p.SetSize(p.frame.w, p.frame.h)
	return p.Reload(claimsLoader(p.client, f, p.Env().Tr, rcNow(p.Env())))
}

func (p *claimsPane) recount() tea.Cmd {
	p.counting = true
	return claimCount(p.Env().Ctx, p.client, p.countSeq.Next())
}

var _ ui.Syncer = (*claimsPane)(nil)
