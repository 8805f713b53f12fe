package panes

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// noAccessPane stands in for a pane whose token category is missing: the
// WB token says locally (JWT) that it cannot reach the service, so the pane
// explains what to do instead of failing on every load.
type noAccessPane struct {
	env  ui.Env
	id   ui.PaneID
	svc  api.Service
	w, h int
}

func newNoAccessPane(env ui.Env, id ui.PaneID, svc api.Service) ui.Pane {
	return &noAccessPane{env: env, id: id, svc: svc}
}

func (p *noAccessPane) Init() tea.Cmd                     { return nil }
func (p *noAccessPane) Update(tea.Msg) (ui.Pane, tea.Cmd) { return p, nil }
func (p *noAccessPane) SetSize(w, h int)                  { p.w, p.h = w, h }
func (p *noAccessPane) ShortHelp() []key.Binding          { return nil }
func (p *noAccessPane) FullHelp() [][]key.Binding         { return nil }
func (p *noAccessPane) Title() string                     { return p.env.Tr.Get(ui.TitleID(p.id)) }
func (p *noAccessPane) Badge() int                        { return 0 }
func (p *noAccessPane) ID() ui.PaneID                     { return p.id }
func (p *noAccessPane) Mode() ui.Mode                     { return ui.ModeNormal }

func (p *noAccessPane) View() string {
	msg := p.env.Tr.Get("noaccess.category", p.env.Tr.Get("category."+string(p.svc)))
	body := p.env.Styles.StatusWarn.Render(safe.Wrap(msg, max(min(p.w-4, 70), 20)))
	return lipgloss.Place(p.w, p.h, lipgloss.Center, lipgloss.Center, body)
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"noaccess.category":     "No Wildberries token of this profile carries the %s category, so this tab is off. Issue a token with it in the seller portal and run `sellerinbox login wb` to add it (the other tokens stay).",
		"category.wb-feedbacks": "Questions and feedbacks",
		"category.wb-chat":      "Buyer chat",
		"category.wb-returns":   "Buyer returns",
	})
	i18n.Register(i18n.RU, map[string]string{
		"noaccess.category":     "Ни у одного токена Wildberries этого профиля нет доступа к категории «%s», поэтому вкладка отключена. Выпустите токен с этой категорией в личном кабинете и выполните `sellerinbox login wb`, чтобы добавить его (остальные токены останутся).",
		"category.wb-feedbacks": "Вопросы и отзывы",
		"category.wb-chat":      "Чат с покупателями",
		"category.wb-returns":   "Возвраты покупателями",
	})
}
