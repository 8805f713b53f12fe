package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// session is what every command that talks to the marketplaces needs:
// settings, the active profile, one transport and the two typed clients.
// It is built and validated before any TUI starts.
type session struct {
	cfg       config.Config
	cfgPath   string
	profile   string
	transport *api.Transport
	ym        *ym.Client // nil without a Yandex Market token or campaign
	wb        *wb.Client // nil without a Wildberries token
	// wbRoute says which token each WB service uses (one per category);
	// the panes and the expiry warning read it.
	wbRoute keys.WBRoute
	// storeNote says where tokens came from (keyring, file, env, demo).
	storeNote string
	demo      *sandbox.Running
	// st is the profile's database: the cache, drafts and the outbox.
	st *store.Store
	// saveLimits keeps the limits the services announced for the next run.
	saveLimits func()
	// others are the other profiles' databases the inbox reads.
	others []ui.ProfileStore
	// log is the --debug log (discarding without --debug).
	log *slog.Logger
}

type sessionOptions struct {
	Profile string
	// Demo starts the sandbox in-process and uses its credentials.
	Demo        bool
	SandboxOpts sandbox.Options
	Logger      *slog.Logger
	OnBudget    func(api.Budget)
	// SkipStore leaves the token store alone (the onboarding screen decides
	// later); env tokens still count.
	SkipStore bool
}

// Close stops the demo sandbox, if any, and closes the database.
func (s *session) Close() {
	if s.saveLimits != nil {
		s.saveLimits()
	}
	if s.demo != nil {
		_ = s.demo.Close()
	}
	if s.st != nil {
		_ = s.st.Close()
	}
	for _, o := range s.others {
		_ = o.Store.Close()
	}
	s.others = nil
}

// hasTokens reports whether any marketplace can be reached.
func (s *session) hasTokens() bool { return s.ym != nil || s.wb != nil }

func openSession(ctx context.Context, env Env, o sessionOptions) (*session, error) {
	cfgPath, err := config.Path(env.getenv)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return nil, err
	}
	s := &session{cfg: cfg, cfgPath: cfgPath, profile: cfg.ActiveProfile(o.Profile)}
	if err := keys.CheckProfile(s.profile); err != nil {
		return nil, err
	}
	e, err := api.ReadEnv(env.getenv)
	if err != nil {
		return nil, err
	}
	c := api.Config{BaseURLs: e.BaseURLs, Logger: o.Logger, OnBudget: o.OnBudget, UserAgent: "sellerinbox/" + version}
	var ymTok api.Secret
	var wbToks []api.Secret
	campaign := e.YMCampaign
	switch {
	case o.Demo:
		run, err := sandbox.New(o.SandboxOpts).Start("127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("start the demo sandbox: %w", err)
		}
		s.demo = run
		rc := run.Config()
		c.BaseURLs = rc.BaseURLs
		ymTok, wbToks = api.NewSecret(sandbox.YMToken), []api.Secret{api.NewSecret(sandbox.WBToken)}
		campaign = sandbox.CampaignID
		s.storeNote = "demo sandbox at " + run.URL
		// Demo drafts and outbox entries must never mix with a real profile's.
		s.profile = "demo"
	default:
		ymTok, wbToks = e.YMToken, e.WBTokens
		s.storeNote = "environment"
		if !o.SkipStore && (ymTok.Empty() || len(wbToks) == 0) {
			store, reason, err := openStore(ctx, env)
			if err != nil {
				return nil, err
			}
			s.storeNote = reason
			if ymTok.Empty() {
				if ymTok, err = store.Get(s.profile, api.YandexMarket); err != nil && !errors.Is(err, keys.ErrNotFound) {
					return nil, err
				}
			}
			if len(wbToks) == 0 {
				if wbToks, err = store.GetWB(s.profile); err != nil && !errors.Is(err, keys.ErrNotFound) {
					return nil, err
				}
			}
		}
		if campaign == 0 {
			if p, ok := cfg.Profile(s.profile); ok {
				campaign = p.DefaultCampaign
				if campaign == 0 && len(p.YMCampaigns) > 0 {
					campaign = p.YMCampaigns[0]
				}
			}
		}
		if !ymTok.Empty() && campaign == 0 {
			return nil, fmt.Errorf("a Yandex Market token is set but no campaign: run `sellerinbox login ym` or set %s", api.EnvYMCampaign)
		}
	}
	s.log = o.Logger
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.st, err = openProfileStore(ctx, s.profile, o.Demo, s.log); err != nil {
		s.Close()
		return nil, err
	}
	// Each WB service gets the token that carries its category; one that no
	// token carries gets none, and its pane explains.
	s.wbRoute = keys.RouteWB(wbToks, time.Now())
	c.Tokens = s.wbRoute.Transport()
	c.Tokens[api.ServiceYM] = ymTok
	t, err := api.NewTransport(c)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.transport = t
	s.saveLimits = limitsKeeper(env.getenv, s.profile, t)
	if !ymTok.Empty() {
		s.ym = ym.New(t, campaign)
	}
	if len(wbToks) > 0 {
		s.wb = wb.New(t)
	}
	return s, nil
}

// openProfileStore opens the profile's database. The demo's sandbox starts
// from its seed every run, so its cached items go; its drafts and outbox
// stay, since the seed's IDs are stable.
func openProfileStore(ctx context.Context, profile string, demo bool, log *slog.Logger) (*store.Store, error) {
	path, err := store.DefaultPath(profile)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, path, store.Options{Logger: log})
	if err != nil {
		return nil, fmt.Errorf("cannot open the database of profile %s: %w", profile, err)
	}
	if demo {
		if err := st.ClearCache(ctx); err != nil {
			_ = st.Close()
			return nil, fmt.Errorf("cannot reset the demo's database: %w", err)
		}
	}
	return st, nil
}
