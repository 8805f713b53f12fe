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

// readSwitchable reads the profiles and campaigns in a command (a file
// and a network call never run in Update); the switcher opens when they
// arrive.
func readSwitchable(ctx context.Context, read func(context.Context) Switchable) tea.Cmd {
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, switcherReadTimeout)
		defer cancel()
		return switchableMsg(read(ctx))
	}
}

// switcherForm lists the profiles, the current one selected, and the
// current profile's campaigns when there are several; nil, with a note
// saying so and how to add a profile, when there is nothing to switch
// to. opt.Profiles learns the profiles read.
func switcherForm(env *Env, opt *AppOptions, bar *statusLine, s Switchable) *Form {
	tr := env.Tr
	if len(s.Profiles) > 0 {
		opt.Profiles = s.Profiles
	}
	if s.Err != nil {
		bar.notice = NoticeMsg{Err: errors.New(tr.Get("profiles.campaigns_failed", ErrorText(s.Err, tr)))}
	}
	var fields []*Field
	if len(opt.Profiles) > 1 {
		choices := make([]Choice, 0, len(opt.Profiles))
		for _, p := range opt.Profiles {
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
			bar.notice = NoticeMsg{Text: tr.Get("profiles.only_one")}
		}
		return nil
	}
	title := tr.Get("profiles.title")
	if len(s.Campaigns) > 1 {
		title = tr.Get("profiles.title_campaign")
	}
	f := NewForm(*env, title, fields...)
	f.SetValue("profile", opt.Profile)
	if opt.Campaign != 0 {
		f.SetValue("campaign", strconv.FormatInt(opt.Campaign, 10))
	}
	return f
}

// applySwitcher ends the program for a restart in another profile or, in
// this one, another campaign; the caller reopens everything for it.
func (a *App) applySwitcher(f *Form) tea.Cmd {
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
