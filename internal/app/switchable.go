package app

import (
	"context"
	"slices"

	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui"
)

// startPane is the tab the inbox opens on: the one the user was on before
// a switch of profile or campaign, else the configured default.
func (s *Session) startPane() ui.PaneID {
	if s.opts.Start != "" {
		return s.opts.Start
	}
	return ui.PaneID(s.cfg.DefaultPane)
}

// campaign is the Yandex Market campaign in use, 0 without one.
func (s *Session) campaign() int64 {
	if s.ym == nil {
		return 0
	}
	return s.ym.CampaignID()
}

// switchable is what the app's P switcher offers; the app calls it in a
// command each time P is pressed. The config is read again, so a profile
// added with `sellerinbox login --profile NAME` while the app runs is
// there. The campaigns are the ones getCampaigns lists with API access,
// narrowed to those the profile chose at login (--campaign all: every
// one); when the call fails, the ones login saved, with the error.
func (s *Session) switchable(ctx context.Context) ui.Switchable {
	var out ui.Switchable
	cfg := s.cfg
	if s.demo == nil {
		if fresh, err := config.Load(s.cfgPath); err == nil {
			cfg = fresh
		} else {
			s.log.Warn("switcher: config not re-read", "err", err)
		}
	}
	out.Profiles = s.profilesIn(cfg)
	if s.ym == nil {
		return out
	}
	var chosen []int64
	var saved []config.Campaign
	if p, ok := cfg.Profile(s.profile); ok && s.demo == nil {
		chosen = p.YMCampaigns
		if p.YMCheck != nil {
			saved = p.YMCheck.Campaigns
		}
	}
	wanted := func(id int64) bool {
		return id == s.campaign() || len(chosen) == 0 || slices.Contains(chosen, id)
	}
	live, err := s.ym.Campaigns(ctx)
	if err != nil {
		s.log.Warn("switcher: campaigns not listed", "err", err)
		out.Err = err
		for _, id := range chosen {
			c := ui.CampaignChoice{ID: id}
			if i := slices.IndexFunc(saved, func(c config.Campaign) bool { return c.ID == id }); i >= 0 {
				c.Name = saved[i].Name
			}
			out.Campaigns = append(out.Campaigns, c)
		}
		return out
	}
	for _, c := range live {
		if wanted(c.ID) && (c.APIUsable() || c.ID == s.campaign()) {
			out.Campaigns = append(out.Campaigns, campaignChoice(c))
		}
	}
	return out
}

func campaignChoice(c models.YMCampaign) ui.CampaignChoice {
	return ui.CampaignChoice{ID: c.ID, Name: c.Domain}
}
