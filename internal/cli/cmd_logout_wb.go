package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
)

// wbCategoryFlags are logout's --category values.
var wbCategoryFlags = map[string]api.Service{
	"feedbacks": api.ServiceWBFeedbacks,
	"chat":      api.ServiceWBChat,
	"returns":   api.ServiceWBReturns,
}

// logoutWBCategory removes the one stored token that serves svc; the other
// tokens, and their recorded facts, stay.
func logoutWBCategory(ctx context.Context, env Env, profileFlag string, svc api.Service) error {
	cfg, cfgPath, profile, store, err := openProfileTokens(ctx, env, profileFlag)
	if err != nil {
		return err
	}
	base := storedBase(store)
	stored, err := base.GetWB(profile)
	if err != nil && !errors.Is(err, keys.ErrNotFound) {
		return err
	}
	now := time.Now()
	rest, removed, ok := keys.RemoveWB(stored, svc, now)
	if !ok {
		fmt.Fprintf(env.Stdout, "No stored Wildberries token of profile %q serves %q.\n", profile, svc.Category())
		return nil
	}
	served := keys.RouteWB(stored, now)
	var lost []api.Service
	for i, t := range stored {
		if t.Reveal() == removed.Reveal() {
			lost = served.Serves(i)
		}
	}
	if len(rest) == 0 {
		err = base.Delete(profile, api.Wildberries)
	} else {
		err = base.SetWB(profile, rest)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Removed Wildberries token %s (it served %s) of profile %q from %s.\n",
		removed.Mask(), panesOf(lost), profile, storeLabel(store, base.Name()))
	if len(rest) > 0 {
		writeWBPanes(env.Stdout, "  ", keys.RouteWB(rest, now), now)
	}
	if p, ok := cfg.Profile(profile); ok {
		var checks []config.WBCheck
		if old := p.WBChecks(); len(old) == len(stored) {
			for i, t := range stored {
				if t.Reveal() != removed.Reveal() {
					checks = append(checks, old[i])
				}
			}
		}
		p.WB, p.WBCheck, p.WBTokens = len(rest) > 0, nil, checks
		if err := config.Save(cfgPath, cfg); err != nil {
			return fmt.Errorf("the token is removed, but the settings could not be saved: %w", err)
		}
	}
	if ly, ok := store.(*keys.Layered); ok && ly.Overridden(api.Wildberries) {
		fmt.Fprintf(env.Stdout, "Note: %s is still set in the environment, so its tokens are used until it is unset.\n", keys.Var(api.Wildberries))
	}
	return nil
}
