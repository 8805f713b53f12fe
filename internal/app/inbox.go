package app

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/internal/app/services"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/panes"
)

// Inbox is the app of one session as it ships: the panes over the
// session's clients and store, the drafts and outbox in the store with the
// marketplaces' senders, and the live sync. The command runs Model in a
// tea.Program; the chaos suite drives the same Model directly.
type Inbox struct {
	Model   *ui.App
	Replies *ui.Replies
	// Ctx ends with Stop: every sync and fetch the inbox started.
	Ctx    context.Context
	cancel context.CancelFunc

	// sv are a local inbox's services (the store's sync and the outbox's
	// attempts), which Start starts; a team inbox shares the team's.
	sv *services.Services
	// layout is the split's width, saved in st at Stop.
	layout *ui.SplitLayout
	st     *store.Store
}

// NewInbox assembles the inbox in uienv (language, styles, keys and
// photos chosen by the caller). jump, when set, is selected as it starts.
func (s *Session) NewInbox(uienv ui.Env, jump *ui.JumpMsg) (*Inbox, error) {
	return s.newInbox(uienv, jump, nil)
}

// newInbox assembles an inbox; team, when set, is the server whose one
// syncer and outbox loop the inbox shares with the other sessions.
func (s *Session) newInbox(uienv ui.Env, jump *ui.JumpMsg, team *Team) (*Inbox, error) {
	replies, err := s.openReplies()
	if err != nil {
		return nil, err
	}
	uienv.Replies = replies
	uienv.Store = s.st
	// the split's width as the profile last left it (< and >)
	uienv.Layout = ui.LoadSplitLayout(uienv.Ctx, s.st)
	var tpl *reply.Templates
	if replies != nil {
		tpl = replies.Templates
	}
	if uienv.Sections, err = s.sections(tpl); err != nil {
		return nil, err
	}
	// Everything the app started (syncs, fetches) ends with it, before the
	// session's database closes or another profile opens.
	ctx, cancel := context.WithCancel(uienv.Ctx)
	uienv.Ctx = ctx
	others, profiles, live, switchable := s.otherStores(ctx, s.log), s.profiles(), s.live(), s.switchable
	in := &Inbox{Replies: replies, Ctx: ctx, cancel: cancel, layout: uienv.Layout, st: s.st}
	// The services report to this inbox alone, or to every agent's.
	var sv *services.Services
	if team != nil {
		// a team serves one profile: no switcher, no other profile's rows
		others, profiles, switchable, sv = nil, nil, nil, team.sv
	} else {
		parts, err := s.openReplyParts()
		if err != nil {
			cancel()
			return nil, err
		}
		// Asks made before Start wait in the services' request channels.
		sv = s.newServices(parts)
		in.sv = sv
	}
	if live != nil {
		live.SyncNow, live.CaughtUp = sv.SyncNow, sv.CaughtUp
	}
	model := ui.New(uienv, ui.AppOptions{
		Profile:    s.profile,
		Profiles:   profiles,
		Switchable: switchable,
		Campaign:   s.campaign(),
		Account:    s.account(),
		Start:      s.startPane(),
		Warning:    s.Warning(uienv.Tr, time.Now()),
		FixedTheme: s.cfg.Theme == "dark" || s.cfg.Theme == "light",
		Jump:       jump,
		Live:       live,
		Undo:       s.cfg.Undo(),
	}, panes.New(uienv, panes.Deps{YM: s.ym, WB: s.wb, Profile: s.profile, WBCovers: s.wbCovers(), Others: others,
		// details (a return's order, an answer read back, a chat's sign)
		// go through the services' syncer: in serve the team's one
		Syncer: sv.Syncer()})...)
	in.Model = model
	return in, nil
}

// budgets are the transport's rate-limit budgets, which the status bar
// reads when it draws; nil without a transport.
func (s *Session) budgets() func() []api.Budget {
	if s.transport == nil {
		return nil
	}
	return s.transport.Budgets
}

// Start starts a local inbox's services, the store's sync and the
// outbox's attempts, reporting through send (tea.Program.Send): once,
// before or as the program runs. A team inbox's are the team's.
func (in *Inbox) Start(send func(tea.Msg)) {
	if in.sv != nil {
		in.sv.Start(in.Ctx, send)
	}
}

// Stop ends the inbox's background work and waits for it. A sync writing
// a large page would otherwise hold the database's one writer while the
// user waits to quit (its page and cursor roll back together, so it
// loses nothing).
func (in *Inbox) Stop() {
	in.cancel()
	// The width as the user left it: the write < or > started may not
	// have run before the program ended.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	_ = ui.SaveSplitLayout(ctx, in.st, in.layout) // a failure is in the store's log
	cancel()
	if in.sv != nil {
		in.sv.Stop()
	}
}

// openReplies is an inbox's own reply layer (the in-memory drafts and the
// debouncer of what it types) over the session's one draft store, outbox
// and templates.
func (s *Session) openReplies() (*ui.Replies, error) {
	p, err := s.openReplyParts()
	if err != nil {
		return nil, err
	}
	r, err := ui.NewReplies(s.profile, p.outbox, p.drafts, p.templates)
	if err != nil {
		return nil, err
	}
	r.Campaign = s.campaign()
	return r, nil
}

// replyParts are the parts of the reply layer a session has once, however
// many inboxes it runs: two outboxes over one database would both send.
type replyParts struct {
	drafts    *reply.DraftStore
	outbox    *reply.Outbox
	templates *reply.Templates
	// changed has a value after any outbox change (Enqueue, Undo,
	// attempts): the team's outbox loop wakes on it.
	changed chan struct{}
}

// openReplyParts opens, the first time, the drafts and the outbox kept in
// the profile's database (sends left from a previous run resume; the
// first time, drafts and outbox files of earlier versions move in) and
// the templates.
func (s *Session) openReplyParts() (*replyParts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replies != nil {
		return s.replies, nil
	}
	obOpts := s.opts.Outbox
	if obOpts.Hold == 0 {
		obOpts.Hold = s.cfg.Undo() // the undo window of irreversible replies
	}
	changed := make(chan struct{}, 1)
	onChange := obOpts.OnChange
	obOpts.OnChange = func(e reply.Entry) {
		if onChange != nil {
			onChange(e)
		}
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	drafts, ob, err := s.st.OpenReplies(context.Background(), store.ReplyOptions{
		Profile: s.profile, LegacyDir: s.opts.LegacyDir, Outbox: obOpts})
	if err != nil {
		return nil, fmt.Errorf("drafts and outbox: %w", err)
	}
	ob.SetSenders(s.profile, reply.NewSenders(s.wb, s.ym))
	var tpl *reply.Templates
	if s.st.OnPostgres() {
		// a team on several machines: one set of templates for all
		tpl, err = reply.LoadSharedTemplates(s.st.TemplateStore(), s.cfg.Templates)
	} else {
		tpl, err = reply.LoadTemplates(s.cfg.Templates)
	}
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	s.replies = &replyParts{drafts: drafts, outbox: ob, templates: tpl, changed: changed}
	return s.replies, nil
}

// OpenPhotos builds the preview tools, the cache in dir ("" is the
// default). A cache that cannot be opened only costs re-downloads, so it
// is logged, not fatal.
func OpenPhotos(renderer, dir string, getenv func(string) string, log *slog.Logger) ui.Photos {
	disk, err := photo.OpenDiskCache(photo.DiskOptions{Dir: dir})
	if err != nil {
		log.Warn("photo cache disabled", "err", err)
		disk = nil
	}
	return ui.Photos{
		Previewer: photo.NewPreviewer(photo.Config{Disk: disk, Getenv: getenv}),
		Opener:    &photo.Opener{Getenv: getenv},
		Renderer:  photo.ParseRenderer(renderer),
	}
}

// Config is the loaded settings; ConfigPath is where they were read.
func (s *Session) Config() config.Config { return s.cfg }
func (s *Session) ConfigPath() string    { return s.cfgPath }

// Profile is the session's profile ("demo" for the demo).
func (s *Session) Profile() string { return s.profile }

// StoreNote says where the tokens came from.
func (s *Session) StoreNote() string { return s.storeNote }

// TokenPlacement is the token store the session opened and why it was
// picked (the first-run screen words it in the user's language).
func (s *Session) TokenPlacement() keys.Placement { return s.placement }

// IsDemo reports a session against the in-process sandbox.
func (s *Session) IsDemo() bool { return s.demo != nil }

// Store is the profile's database (the demo's own for a demo run).
func (s *Session) Store() *store.Store { return s.st }

// YM and WB are the clients; nil where no token reaches the marketplace.
func (s *Session) YM() *ym.Client { return s.ym }
func (s *Session) WB() *wb.Client { return s.wb }

// WBRoute says which token each WB service uses.
func (s *Session) WBRoute() keys.WBRoute { return s.wbRoute }

// Transport is the one transport of the session's clients.
func (s *Session) Transport() *api.Transport { return s.transport }

// profiles are the configured profile names, the current one included;
// the demo's are its own.
func (s *Session) profiles() []string { return s.profilesIn(s.cfg) }

func (s *Session) profilesIn(cfg config.Config) []string {
	if s.demo != nil {
		return slices.Clone(DemoProfiles)
	}
	names := []string{}
	seen := map[string]bool{}
	for _, p := range cfg.Profiles {
		if !seen[p.Name] {
			names = append(names, p.Name)
			seen[p.Name] = true
		}
	}
	if !seen[s.profile] {
		names = append(names, s.profile)
	}
	return names
}

// account labels the status bar: the campaign, or the demo.
func (s *Session) account() string {
	switch {
	case s.demo != nil && s.ym != nil && s.ym.CampaignID() != sandbox.CampaignID:
		return fmt.Sprintf("demo, campaign %d", s.ym.CampaignID())
	case s.demo != nil:
		return "demo"
	case s.ym != nil:
		return fmt.Sprintf("campaign %d", s.ym.CampaignID())
	}
	return ""
}

// Warning is the status-bar warning of the session's WB tokens.
func (s *Session) Warning(tr i18n.T, now time.Time) string { return Warning(s.wbRoute, tr, now) }

// Warning is the status-bar warning two weeks before a WB token in use
// expires; with several tokens, the one expiring first speaks.
func Warning(route keys.WBRoute, tr i18n.T, now time.Time) string {
	var first time.Time
	for i, info := range route.Infos {
		if len(route.Serves(i)) == 0 || info.Opaque || info.Expires.IsZero() {
			continue
		}
		if first.IsZero() || info.Expires.Before(first) {
			first = info.Expires
		}
	}
	if first.IsZero() {
		return ""
	}
	left := first.Sub(now)
	switch {
	case left <= 0:
		return tr.Get("warn.wb_expired")
	case left < 14*24*time.Hour:
		return tr.Get("warn.wb_expires", first.In(time.Local).Format("02.01.2006"))
	}
	return ""
}

// wbCovers tells whether some token carries the category a WB service
// needs (decoded locally; an opaque token is assumed to, and tried).
func (s *Session) wbCovers() func(api.Service) bool {
	return s.wbRoute.Covers
}
