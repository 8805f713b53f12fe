package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
)

// logoutDetail is the long help of `sellerinbox logout`.
const logoutDetail = `Removes the marketplace's token from the token store. For Wildberries it
removes every token of the profile; with --category only the token that
serves that category (feedbacks: questions and feedbacks, chat: buyer chat,
returns: buyer returns), and the other tokens stay.`

func (c *logoutCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	m, err := parseMarketplace(c.Marketplace)
	if err != nil {
		usageError(env.Stderr, "sellerinbox logout", "logout", err.Error())
		return 2
	}
	if c.Category != "" {
		svc, ok := wbCategoryFlags[c.Category]
		if m != api.Wildberries || !ok {
			usageError(env.Stderr, "sellerinbox logout", "logout", "--category is for wb and is one of feedbacks, chat, returns")
			return 2
		}
		if err := logoutWBCategory(ctx, env, c.Profile, svc); err != nil {
			fmt.Fprintf(env.Stderr, "sellerinbox logout: %v\n", err)
			return 1
		}
		return 0
	}
	if err := logout(ctx, env, c.Profile, m); err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox logout: %v\n", err)
		return 1
	}
	return 0
}

func logout(ctx context.Context, env Env, profileFlag string, m api.Marketplace) error {
	cfg, cfgPath, profile, store, err := openProfileTokens(ctx, env, profileFlag)
	if err != nil {
		return err
	}
	mp := marketplaceName(string(m))
	err = store.Delete(profile, m)
	switch {
	case errors.Is(err, keys.ErrNotFound):
		fmt.Fprintf(env.Stdout, "No %s token was stored for profile %q.\n", mp, profile)
	case err != nil:
		return err
	case m == api.Wildberries:
		fmt.Fprintf(env.Stdout, "Removed every %s token of profile %q from %s.\n", mp, profile, storeLabel(store, store.Name()))
	default:
		fmt.Fprintf(env.Stdout, "Removed the %s token of profile %q from %s.\n", mp, profile, storeLabel(store, store.Name()))
	}
	if p, ok := cfg.Profile(profile); ok {
		// The facts described the token that is gone; the campaign choice is
		// a preference and stays for the next login.
		if m == api.Wildberries {
			p.WB, p.WBCheck, p.WBTokens = false, nil, nil
		} else {
			p.YMCheck = nil
		}
		if err := config.Save(cfgPath, cfg); err != nil {
			return fmt.Errorf("the token is removed, but the settings could not be saved: %w", err)
		}
	}
	if ly, ok := store.(*keys.Layered); ok && ly.Overridden(m) {
		fmt.Fprintf(env.Stdout, "Note: %s is still set in the environment, so a token remains in use until it is unset.\n", keys.Var(m))
	}
	return nil
}

// openProfileTokens is what both kinds of logout start from: the config,
// the profile it names (checked) and the token store.
func openProfileTokens(ctx context.Context, env Env, profileFlag string) (cfg config.Config, cfgPath, profile string, store keys.Store, err error) {
	if cfg, cfgPath, err = loadConfig(env); err != nil {
		return
	}
	profile = cfg.ActiveProfile(profileFlag)
	if err = keys.CheckProfile(profile); err != nil {
		return
	}
	store, _, err = openStore(ctx, env)
	return
}
