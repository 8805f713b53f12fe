package app

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// The background sync covers exactly the panes the tokens reach, at the
// configured interval, and notifies as configured.
func TestSessionLive(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tr, err := api.NewTransport(api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	exp := time.Now().Add(90 * 24 * time.Hour)
	all := []ui.PaneID{ui.PaneReturns, ui.PaneQuestions, ui.PaneFeedbacks, ui.PaneChats, ui.PaneClaims}
	cases := []struct {
		name    string
		token   string // WB token; "" for no WB client
		ym      bool
		edit    func(*config.Config)
		panes   []ui.PaneID
		every   time.Duration
		desktop string
		bell    bool
	}{
		{"defaults, opaque token", "sandbox-wb-token", true, nil, all, time.Minute, "", false},
		{"chat-only JWT", wbJWT(t, exp, 9), false, nil, []ui.PaneID{ui.PaneChats}, time.Minute, "", false},
		{"feedbacks and claims JWT, YM", wbJWT(t, exp, 7, 11), true, nil,
			[]ui.PaneID{ui.PaneReturns, ui.PaneQuestions, ui.PaneFeedbacks, ui.PaneClaims}, time.Minute, "", false},
		{"notifications on", "sandbox-wb-token", false, func(c *config.Config) {
			c.PollInterval = "30s"
			c.Notifications.Bell, c.Notifications.Desktop, c.Notifications.DesktopEscape = true, true, "osc777"
		}, all[1:], 30 * time.Second, ui.DesktopOSC777, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := config.Default()
			if c.edit != nil {
				c.edit(&cfg)
			}
			s := &Session{cfg: cfg, st: st, wbRoute: wbRouteOf(time.Now(), c.token)}
			if c.token != "" {
				s.wb = wb.New(tr)
			}
			if c.ym {
				s.ym = ym.New(tr, 1000)
			}
			l := s.live()
			if !slices.Equal(l.Panes, c.panes) {
				t.Errorf("panes %v, want %v", l.Panes, c.panes)
			}
			sv := s.servicesConfig(&replyParts{})
			if sv.Every != c.every || l.Notify.Desktop != c.desktop || l.Notify.Bell != c.bell {
				t.Errorf("every %v desktop %q bell %v", sv.Every, l.Notify.Desktop, l.Notify.Bell)
			}
			if !l.Notify.Panes[ui.PaneChats] || sv.Syncer == nil || l.Store != st || !slices.Equal(sv.Panes, c.panes) {
				t.Errorf("live %+v, services sync %v", l, sv.Panes)
			}
		})
	}
}

// The inbox reads the other profiles' databases that exist, never the
// current one's twice, and the demo reads none.
func TestSessionOtherStores(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ctx := context.Background()
	for _, name := range []string{"main", "second"} {
		path, err := store.DefaultPath(name)
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	cfg := config.Default()
	cfg.Profiles = []config.Profile{{Name: "main"}, {Name: "second"}, {Name: "never-synced"}}
	s := &Session{cfg: cfg, profile: "main"}
	log := slog.New(slog.DiscardHandler)
	others := s.otherStores(ctx, log)
	if len(others) != 1 || others[0].Name != "second" || others[0].Store == nil {
		t.Fatalf("others: %+v", others)
	}
	if again := s.otherStores(ctx, log); len(again) != 1 || again[0].Store != others[0].Store {
		t.Errorf("a second call reopened the databases")
	}
	s.Close()
	if s.others != nil {
		t.Errorf("Close kept the other stores")
	}
}
