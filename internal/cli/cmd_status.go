package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/alecthomas/kong"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
)

func (c *statusCmd) run(ctx context.Context, env Env, _ *kong.Kong) int {
	if err := status(ctx, env, c.Profile, time.Now()); err != nil {
		fmt.Fprintf(env.Stderr, "sellerinbox status: %s\n", inertText(err.Error()))
		return 1
	}
	return 0
}

func status(ctx context.Context, env Env, profileFlag string, now time.Time) error {
	cfg, cfgPath, err := loadConfig(env)
	if err != nil {
		return err
	}
	store, reason, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	w := env.Stdout
	fmt.Fprintf(w, "Config:        %s\n", cfgPath)
	fmt.Fprintf(w, "Token storage: %s\n", reason)

	names := []string{}
	if profileFlag != "" {
		if err := keys.CheckProfile(profileFlag); err != nil {
			return err
		}
		names = append(names, profileFlag)
	} else {
		for _, p := range cfg.Profiles {
			names = append(names, p.Name)
		}
		if def := cfg.ActiveProfile(""); !slices.Contains(names, def) {
			names = append([]string{def}, names...)
		}
	}
	for _, name := range names {
		p, ok := cfg.Profile(name)
		if !ok {
			p = &config.Profile{Name: name}
		}
		title := fmt.Sprintf("\nProfile %q", name)
		if name == cfg.ActiveProfile("") {
			title += " (default)"
		}
		fmt.Fprintln(w, title)
		statusWB(w, store, p, now)
		statusYM(w, store, p)
		statusLimits(w, env.getenv, name)
	}
	return nil
}

// tokenLine says whether a token exists and where, showing only its masked
// tail; a store that cannot be opened (locked file) is reported, not fatal.
func tokenLine(store keys.Store, profile string, m api.Marketplace) (api.Secret, string) {
	tok, err := store.Get(profile, m)
	switch {
	case errors.Is(err, keys.ErrNotFound):
		return api.Secret{}, "not logged in"
	case err != nil:
		return api.Secret{}, "cannot be read: " + err.Error()
	}
	from, err := keys.Where(store, profile, m)
	if err != nil {
		from = store.Name()
	}
	label := storeLabel(store, from)
	if from == keys.NameEnv {
		label = keys.Var(m) + " in the environment"
	}
	return tok, tok.Mask() + " in " + label
}

func statusYM(w io.Writer, store keys.Store, p *config.Profile) {
	tok, line := tokenLine(store, p.Name, api.YandexMarket)
	fmt.Fprintf(w, "  Yandex Market: %s\n", line)
	if tok.Empty() && p.YMCheck == nil && len(p.YMCampaigns) == 0 {
		return
	}
	byID := map[int64]config.Campaign{}
	if p.YMCheck != nil {
		for _, c := range p.YMCheck.Campaigns {
			byID[c.ID] = c
		}
	}
	if len(p.YMCampaigns) == 0 {
		fmt.Fprintln(w, "    campaigns:   none chosen (run `sellerinbox login ym`)")
	}
	for i, id := range p.YMCampaigns {
		c, ok := byID[id]
		if !ok {
			c = config.Campaign{ID: id}
		}
		label := "    campaigns:   "
		if i > 0 {
			label = "                 "
		}
		def := ""
		if id == p.DefaultCampaign {
			def = " [default]"
		}
		fmt.Fprintf(w, "%s%s%s\n", label, campaignLabel(c), def)
	}
	if p.YMCheck != nil {
		fmt.Fprintf(w, "    last check:  %s\n", p.YMCheck.CheckedAt.Local().Format("2006-01-02 15:04"))
	}
}

func expiryText(info keys.WBTokenInfo, now time.Time) string {
	if info.Expires.IsZero() {
		return "unknown"
	}
	date := info.Expires.Local().Format("2006-01-02")
	switch {
	case info.Expired(now):
		return date + " — EXPIRED: issue a new token and run `sellerinbox login wb`"
	case info.Expires.Sub(now) < expiryWarning:
		return fmt.Sprintf("%s — WARNING: expires in %d days; issue a new token soon", date, int(info.Expires.Sub(now).Hours()/24))
	}
	return fmt.Sprintf("%s (in %d days)", date, int(info.Expires.Sub(now).Hours()/24))
}

func categoryNames(info keys.WBTokenInfo) []string {
	var out []string
	for _, c := range info.Categories() {
		out = append(out, c.String())
	}
	return out
}

func joinOr(items []string, none string) string {
	if len(items) == 0 {
		return none
	}
	return strings.Join(items, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes (answers cannot be sent)"
	}
	return "no"
}
