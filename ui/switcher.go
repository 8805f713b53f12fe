package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Switchable is what the P switcher offers, read anew each time it opens:
// a profile logged in while the app runs is listed, and the campaigns are
// the marketplace's current list.
type Switchable struct {
	Profiles []string
	// Campaigns are the Yandex Market campaigns of the current profile
	// the app can switch to; with fewer than two there is nothing to pick.
	Campaigns []CampaignChoice
	// Err says why the campaigns could not be listed live (Campaigns then
	// come from what login saved).
	Err error
}

// CampaignChoice is one Yandex Market campaign (shop) in the switcher.
type CampaignChoice struct {
	ID   int64
	Name string // from the marketplace: shown through safe.Line
}

// switchableMsg carries what AppOptions.Switchable read.
type switchableMsg Switchable

// switcherReadTimeout bounds the config read and getCampaigns behind P.
const switcherReadTimeout = 15 * time.Second

// campaignLabelWidth keeps a shop's name inside the switcher's box.
const campaignLabelWidth = 40

// requestSwitcher reads the profiles and campaigns in a command (a file
// and a network call never run in Update); the switcher opens when they
// arrive. Without AppOptions.Switchable, the profiles given at start.
func (a *App) requestSwitcher() tea.Cmd {
	read := a.opt.Switchable
	if read == nil {
		return a.openSwitcher(Switchable{Profiles: a.opt.Profiles})
	}
	ctx := a.env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, switcherReadTimeout)
		defer cancel()
		return switchableMsg(read(ctx))
	}
}

// switcherUpdate handles the switcher's data; ok is false for other
// messages.
func (a *App) switcherUpdate(msg tea.Msg) (tea.Cmd, bool) {
	m, ok := msg.(switchableMsg)
	if !ok {
		return nil, false
	}
	if p := a.Focused(); a.switcher != nil || a.search != nil || a.templates != nil || (p != nil && p.Mode() != ModeNormal) {
		return nil, true // the user went on to something else meanwhile
	}
	return a.openSwitcher(Switchable(m)), true
}

// openSwitcher lists the profiles, the current one selected, and the
// current profile's campaigns when there are several. With nothing to
// switch to it says so, and how to add a profile.
func (a *App) openSwitcher(s Switchable) tea.Cmd {
	tr := a.env.Tr
	if len(s.Profiles) > 0 {
		a.opt.Profiles = s.Profiles
	}
	if s.Err != nil {
		a.bar.notice = NoticeMsg{Err: errors.New(tr.Get("profiles.campaigns_failed", ErrorText(s.Err, tr)))}
	}
	var fields []*Field
	if len(a.opt.Profiles) > 1 {
		choices := make([]Choice, 0, len(a.opt.Profiles))
		for _, p := range a.opt.Profiles {
			choices = append(choices, Choice{Label: p, Value: p})
		}
		fields = append(fields, &Field{ID: "profile", Label: tr.Get("profiles.profile"), Choices: choices})
	}
	if len(s.Campaigns) > 1 {
		choices := make([]Choice, 0, len(s.Campaigns))
		for _, c := range s.Campaigns {
			label := strconv.FormatInt(c.ID, 10)
			if name := safe.Line(c.Name); name != "" {
				label += " · " + name
			}
			choices = append(choices, Choice{Label: safe.Truncate(label, campaignLabelWidth), Value: strconv.FormatInt(c.ID, 10)})
		}
		fields = append(fields, &Field{ID: "campaign", Label: tr.Get("profiles.campaign"), Choices: choices})
	}
	if len(fields) == 0 {
		if s.Err == nil {
			a.bar.notice = NoticeMsg{Text: tr.Get("profiles.only_one")}
		}
		return nil
	}
	title := tr.Get("profiles.title")
	if len(s.Campaigns) > 1 {
		title = tr.Get("profiles.title_campaign")
	}
	a.switcher = NewForm(a.env, title, fields...)
	a.switcher.SetValue("profile", a.opt.Profile)
	if a.opt.Campaign != 0 {
		a.switcher.SetValue("campaign", strconv.FormatInt(a.opt.Campaign, 10))
	}
	return nil
}

// applySwitcher ends the program for a restart in another profile or, in
// this one, another campaign; the caller reopens everything for it.
func (a *App) applySwitcher() tea.Cmd {
	f := a.switcher
	a.switcher = nil
	if p := f.Value("profile"); p != "" && p != a.opt.Profile {
		a.SwitchTo = p
		return tea.Quit
	}
	if c, err := strconv.ParseInt(f.Value("campaign"), 10, 64); err == nil && c != 0 && c != a.opt.Campaign {
		a.SwitchCampaign = c
		return tea.Quit
	}
	return nil
}
