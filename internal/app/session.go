package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// Session is what every command that talks to the marketplaces needs:
// settings, the active profile, one transport, the two typed clients and
// the profile's database. It is built and validated before any TUI starts.
type Session struct {
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
	// placement is where the token store is, when tokens come from one.
	placement keys.Placement
	demo      *sandbox.Running
	// demoShared: demo belongs to Options.Demos, which stops it.
	demoShared bool
	// demoDir holds the demo's throwaway database; Close removes it.
	demoDir string
	// opts are what the session was opened with (the app reuses them).
	opts Options
	// st is the profile's database: the cache, drafts and the outbox.
	st *store.Store
	// saveLimits keeps the limits the services announced for the next run.
	saveLimits func()
	// others are the other profiles' databases the inbox reads.
	others []ui.ProfileStore
	// log is the --debug log (discarding without --debug).
	log *slog.Logger

	// mu guards what the inboxes of a team (one per SSH session, built
	// concurrently) open once and share: replies and others.
	mu      sync.Mutex
	replies *replyParts
}

// Options say how to open a session. The zero value opens the active
// profile of the process's own environment.
type Options struct {
	Profile string
	// Campaign, when set, is the Yandex Market campaign to open instead of
	// the one the environment or the profile names (a switch in the app).
	Campaign int64
	// Start, when set, is the tab the inbox opens on instead of the
	// configured default (the tab the user switched from).
	Start ui.PaneID
	// Demo starts the sandbox in-process and uses its credentials.
	Demo        bool
	SandboxOpts sandbox.Options
	Logger      *slog.Logger
	OnBudget    func(api.Budget)
	// Demos, when set, keeps the demo's sandbox running after the session
	// closes, for the next session of the same demo profile; nil starts a
	// sandbox of the session's own.
	Demos *DemoSandboxes
	// SkipStore leaves the token store alone (the onboarding screen decides
	// later); env tokens still count.
	SkipStore bool
	// Getenv reads the environment (config and data paths, env tokens and
	// URLs); nil is os.Getenv.
	Getenv func(string) string
	// OpenTokens opens the token store (keyring or encrypted file) when
	// the environment lacks a token; nil opens it without a passphrase
	// prompt.
	OpenTokens func(context.Context) (keys.Store, keys.Placement, error)
	// DataDir holds the profiles' databases; "" is store.DefaultPath's
	// directory. Tests point it at a temporary directory.
	DataDir string
	// LegacyDir holds the drafts and outbox files of versions before the
	// database; "" is reply.StateDir().
	LegacyDir string
	// Transport adjusts the transport's settings before it is built
	// (tests: their own HTTP client, retries, limits and sleeps).
	Transport func(*api.Config)
	// Outbox tunes the outbox (backoff, attempts); zero is its defaults.
	Outbox reply.OutboxOptions
}

func (o Options) getenv(k string) string {
	if o.Getenv == nil {
		return os.Getenv(k)
	}
	return o.Getenv(k)
}

// Close stops the demo sandbox, if any, and closes the database (the
// demo's is removed).
func (s *Session) Close() {
	if s.saveLimits != nil {
		s.saveLimits()
	}
	if s.demo != nil && !s.demoShared {
		_ = s.demo.Close()
	}
	if s.st != nil {
		_ = s.st.Close()
		s.st = nil
	}
	if s.demoDir != "" {
		_ = os.RemoveAll(s.demoDir)
		s.demoDir = ""
	}
	for _, o := range s.others {
		_ = o.Store.Close()
	}
	s.others = nil
	s.replies = nil
}

// HasTokens reports whether any marketplace can be reached.
func (s *Session) HasTokens() bool { return s.ym != nil || s.wb != nil }

// Open builds and validates a session: config, tokens, the transport and
// clients, and the profile's database (for the demo, a sandbox started
// in-process and a database of its own).
func Open(ctx context.Context, o Options) (*Session, error) {
	cfgPath, err := config.Path(o.getenv)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return nil, err
	}
	s := &Session{cfg: cfg, cfgPath: cfgPath, profile: cfg.ActiveProfile(o.Profile), opts: o}
	if err := keys.CheckProfile(s.profile); err != nil {
		return nil, err
	}
	e, err := api.ReadEnv(o.getenv)
	if err != nil {
		return nil, err
	}
	c := api.Config{BaseURLs: e.BaseURLs, Logger: o.Logger, OnBudget: o.OnBudget, UserAgent: "sellerinbox/" + version}
	if o.Transport != nil {
		o.Transport(&c)
	}
	var ymTok api.Secret
	var wbToks []api.Secret
	campaign := e.YMCampaign
	switch {
	case o.Demo:
		name := demoProfile(o.Profile)
		var run *sandbox.Running
		var err error
		if o.Demos != nil {
			run, err = o.Demos.get(name, demoSandboxOptions(o.SandboxOpts, name))
			s.demoShared = true
		} else {
			run, err = sandbox.New(demoSandboxOptions(o.SandboxOpts, name)).Start("127.0.0.1:0")
		}
		if err != nil {
			return nil, fmt.Errorf("start the demo sandbox: %w", err)
		}
		s.demo = run
		rc := run.Config()
		c.BaseURLs = rc.BaseURLs
		if o.Transport != nil {
			o.Transport(&c)
			c.BaseURLs = rc.BaseURLs
		}
		ymTok, wbToks = api.NewSecret(sandbox.YMToken), []api.Secret{api.NewSecret(sandbox.WBToken)}
		campaign = sandbox.CampaignID
		s.storeNote = "demo sandbox at " + run.URL
		// Demo drafts and outbox entries must never mix with a real profile's.
		s.profile = demoProfile(o.Profile)
	default:
		ymTok, wbToks = e.YMToken, e.WBTokens
		s.storeNote = "environment"
		if !o.SkipStore && (ymTok.Empty() || len(wbToks) == 0) {
			store, reason, err := o.openTokens(ctx)
			if err != nil {
				return nil, err
			}
			s.storeNote, s.placement = reason.String(), reason
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
	if o.Campaign != 0 {
		campaign = o.Campaign
	}
	s.log = o.Logger
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.st, err = s.openProfileStore(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if !ymTok.Empty() {
		// The store keeps one shop's returns: another campaign's would show
		// in this one's panes and could not be opened through it.
		if cleared, err := s.st.UseCampaign(ctx, campaign); err != nil {
			s.Close()
			return nil, err
		} else if cleared {
			s.log.Info("returns of the previous campaign forgotten", "campaign", campaign)
		}
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
	s.saveLimits = LimitsKeeper(o.getenv, s.profile, t)
	if !ymTok.Empty() {
		s.ym = ym.New(t, campaign)
	}
	if len(wbToks) > 0 {
		s.wb = wb.New(t)
	}
	return s, nil
}

func (o Options) openTokens(ctx context.Context) (keys.Store, keys.Placement, error) {
	if o.OpenTokens != nil {
		return o.OpenTokens(ctx)
	}
	return keys.Choose(keys.Options{Getenv: o.getenv})
}

// dbPath is where a profile's database lives.
func (s *Session) dbPath(profile string) (string, error) {
	if s.opts.DataDir == "" {
		return store.DefaultPath(profile)
	}
	if _, err := store.DefaultPath(profile); err != nil {
		return "", err // the same names are refused
	}
	return filepath.Join(s.opts.DataDir, profile+".db"), nil
}

// EnvDatabaseURL puts the stores on PostgreSQL, like the config's
// database_url, which it overrides.
const EnvDatabaseURL = "SELLERINBOX_DATABASE_URL"

// databaseURL is the PostgreSQL database the profiles' stores live in, ""
// for their SQLite files. The demo always runs on a SQLite file of its own.
func (s *Session) databaseURL() string {
	if s.demo != nil {
		return ""
	}
	if u := s.opts.getenv(EnvDatabaseURL); u != "" {
		return u
	}
	return s.cfg.DatabaseURL
}

// openProfileStore opens the profile's database; the demo gets a new one
// in a directory of its own (see demoStore).
func (s *Session) openProfileStore(ctx context.Context) (*store.Store, error) {
	if u := s.databaseURL(); u != "" {
		st, err := store.OpenPostgres(ctx, u, s.profile, store.Options{Logger: s.log})
		if err != nil {
			return nil, fmt.Errorf("cannot open the database of profile %s: %w", s.profile, err)
		}
		return st, nil
	}
	name := s.profile
	if s.demo != nil {
		// every demo profile's database lives in the run's own directory
		name = DemoProfiles[0]
	}
	path, err := s.dbPath(name)
	if err != nil {
		return nil, err
	}
	if s.demo != nil {
		if path, err = s.demoStore(path); err != nil {
			return nil, fmt.Errorf("cannot create the demo's database: %w", err)
		}
	}
	st, err := store.Open(ctx, path, store.Options{Logger: s.log})
	if err != nil {
		return nil, fmt.Errorf("cannot open the database of profile %s: %w", s.profile, err)
	}
	return st, nil
}
