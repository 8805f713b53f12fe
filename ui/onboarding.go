package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// OnboardingChoice is how the first-run screen was left.
type OnboardingChoice int

const (
	OnboardingQuit OnboardingChoice = iota
	OnboardingDemo                  // the user pressed d
)

// Onboarding is the first-run screen shown when no token is configured:
// how to log in to each marketplace, and d to explore the demo sandbox.
type Onboarding struct {
	env           Env
	store         keys.Placement // where tokens will be kept, and why
	width, height int
	Choice        OnboardingChoice
}

// NewOnboarding builds the screen; store is where login will keep the
// tokens (keyring, encrypted file...), said in the screen's language.
func NewOnboarding(env Env, store keys.Placement) *Onboarding {
	return &Onboarding{env: env, store: store}
}

// storeNote words where tokens will be kept. The keyring's own failure
// (Why) is the system's text and stays as it came, made inert.
func (o *Onboarding) storeNote() string {
	tr, p := o.env.Tr, o.store
	var s string
	switch p.Kind {
	case keys.InKeyring:
		s = tr.Get("onboarding.store.keyring")
	case keys.InFileKeyringOff:
		s = tr.Get("onboarding.store.off", p.Path)
	case keys.InFileNoBus:
		s = tr.Get("onboarding.store.nobus", p.Path)
	default:
		s = tr.Get("onboarding.store.broken", p.Why, p.Path)
	}
	if len(p.Override) > 0 {
		s = tr.Get("onboarding.store.override", strings.Join(p.Override, ", ")) + " " + s
	}
	return s
}

func (o *Onboarding) Init() tea.Cmd { return nil }

func (o *Onboarding) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		o.width, o.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		g := o.env.Keys.Global
		switch s := msg.String(); {
		case s == "d", s == "в": // в: the same key on a Russian layout
			o.Choice = OnboardingDemo
			return o, tea.Quit
		// й is q on a Russian layout; the screen takes no text, so it and
		// esc quit too, whatever quit is bound to
		case key.Matches(msg, g.Quit), key.Matches(msg, g.ForceQuit), s == "й", s == "esc":
			o.Choice = OnboardingQuit
			return o, tea.Quit
		case key.Matches(msg, g.Redraw):
			return o, tea.ClearScreen
		}
	}
	return o, nil
}

func (o *Onboarding) View() tea.View {
	st := o.env.Styles
	tr := o.env.Tr
	w := max(min(o.width-4, 76), 30)
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(tr.Get("onboarding.title")) + "\n\n")
	b.WriteString(safe.Wrap(tr.Get("onboarding.intro"), w) + "\n\n")
	b.WriteString(st.Accent.Render("Wildberries") + "\n")
	b.WriteString(safe.Wrap(tr.Get("onboarding.wb"), w) + "\n")
	b.WriteString(st.HelpKey.Render("  sellerinbox login wb") + "\n\n")
	b.WriteString(st.Accent.Render("Yandex Market") + "\n")
	b.WriteString(safe.Wrap(tr.Get("onboarding.ym"), w) + "\n")
	b.WriteString(st.HelpKey.Render("  sellerinbox login ym") + "\n\n")
	b.WriteString(safe.Wrap(tr.Get("onboarding.headless"), w) + "\n")
	b.WriteString(st.Muted.Render(safe.Wrap(o.storeNote(), w)) + "\n")
	b.WriteString("\n" + st.HelpKey.Render("d") + " " + st.HelpDesc.Render(tr.Get("onboarding.demo")) +
		"   " + st.HelpKey.Render(o.env.Keys.Global.Quit.Help().Key) + " " + st.HelpDesc.Render(tr.Get("onboarding.quit")))
	body := lipgloss.NewStyle().Padding(1, 2).Render(b.String())
	if o.width > 0 && o.height > 0 {
		body = lipgloss.Place(o.width, o.height, lipgloss.Center, lipgloss.Center, body)
	}
	v := tea.NewView(body)
	v.AltScreen = true
	return v
}
