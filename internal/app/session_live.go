package app

import (
	"context"
	"log/slog"
	"os"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/internal/app/services"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
)

// live is the app's side of the background sync of the session's store:
// every pane the tokens reach (a WB category the token lacks is left
// out, its pane only explains), notifying as configured. The sync itself
// is the session's services (startServices), polling at the configured
// interval.
func (s *Session) live() *ui.Live {
	if s.st == nil {
		return nil
	}
	var panes []ui.PaneID
	if s.ym != nil {
		panes = append(panes, ui.PaneReturns)
	}
	if s.wb != nil {
		covers := s.wbCovers()
		for _, p := range []struct {
			id  ui.PaneID
			svc api.Service
		}{
			{ui.PaneQuestions, api.ServiceWBFeedbacks}, {ui.PaneFeedbacks, api.ServiceWBFeedbacks},
			{ui.PaneChats, api.ServiceWBChat}, {ui.PaneClaims, api.ServiceWBReturns},
		} {
			if covers == nil || covers(p.svc) {
				panes = append(panes, p.id)
			}
		}
	}
	n := s.cfg.Notifications
	notify := ui.Notify{Bell: n.Bell, Panes: map[ui.PaneID]bool{
		ui.PaneReturns: n.Returns, ui.PaneQuestions: n.Questions, ui.PaneFeedbacks: n.Feedbacks,
		ui.PaneChats: n.Chats, ui.PaneClaims: n.Claims,
	}}
	if n.Desktop {
		notify.Desktop = n.DesktopEscape
		if notify.Desktop == "" {
			notify.Desktop = ui.DesktopOSC9
		}
	}
	return &ui.Live{Store: s.st, Panes: panes, Notify: notify}
}

// otherStores opens the databases of the other configured profiles that
// have one, for the inbox to show their waiting items too. A database
// that cannot be opened (another version, a broken file) is left out
// with a note in the debug log: it only costs those rows. The demo never
// mixes with real profiles.
func (s *Session) otherStores(ctx context.Context, log *slog.Logger) []ui.ProfileStore {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.demo != nil || s.others != nil {
		return s.others
	}
	s.others = []ui.ProfileStore{}
	for _, name := range s.profiles() {
		if name == s.profile {
			continue
		}
		st, err := s.openOtherStore(ctx, name)
		if st == nil && err == nil {
			continue // never synced
		}
		if err != nil {
			log.Warn("inbox: another profile's database left out", "profile", name, "err", err)
			continue
		}
		s.others = append(s.others, ui.ProfileStore{Name: name, Store: st})
	}
	return s.others
}

// newServices are the services of the session's store and outbox; Start
// starts them.
func (s *Session) newServices(parts *replyParts) *services.Services {
	return services.New(s.servicesConfig(parts))
}

// servicesConfig: the sync of the panes live covers, at the configured
// interval, and the outbox's attempts.
func (s *Session) servicesConfig(parts *replyParts) services.Config {
	cfg := services.Config{Store: s.st, Outbox: parts.outbox, Changed: parts.changed, Log: s.log, Templates: parts.templates}
	if l := s.live(); l != nil {
		cfg.Syncer = syncer.NewSyncer(s.st, s.wb, s.ym, syncer.SyncOptions{Logger: s.log})
		cfg.Panes = l.Panes
		cfg.Every, _ = s.cfg.Poll() // validated when the config was loaded
	}
	return cfg
}

// openOtherStore opens the store of another profile the user has synced
// before; nil, nil when there is none (no file, no schema).
func (s *Session) openOtherStore(ctx context.Context, name string) (*store.Store, error) {
	if u := s.databaseURL(); u != "" {
		ok, err := store.PostgresHasProfile(ctx, u, name)
		if err != nil || !ok {
			return nil, err
		}
		return store.OpenPostgres(ctx, u, name, store.Options{})
	}
	path, err := s.dbPath(name)
	if err != nil {
		return nil, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, nil // never synced on this machine
	}
	return store.Open(ctx, path, store.Options{})
}
