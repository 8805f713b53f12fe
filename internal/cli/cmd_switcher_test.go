package cli

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// switcherApp is the shipped app of a session, driven by hand: messages go
// in, commands run when the test says so (no live sync).
type switcherApp struct {
	t     *testing.T
	inbox *app.Inbox
}

func openApp(t *testing.T, ctx context.Context, h *cmdHarness, o app.Options) (*app.Session, *switcherApp) {
	t.Helper()
	sess, err := openSession(ctx, h.env(""), o)
	if err != nil {
		t.Fatal(err)
	}
	inbox, err := sess.NewInbox(ui.NewEnv(ctx, i18n.EN), nil)
	if err != nil {
		sess.Close()
		t.Fatal(err)
	}
	a := &switcherApp{t: t, inbox: inbox}
	a.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return sess, a
}

func (a *switcherApp) send(msg tea.Msg) tea.Cmd {
	_, cmd := a.inbox.Model.Update(msg)
	return cmd
}

func (a *switcherApp) key(k tea.Key) tea.Cmd { return a.send(tea.KeyPressMsg(k)) }

func (a *switcherApp) screen() string { return ansi.Strip(a.inbox.Model.View().Content) }

// openSwitcher presses P and delivers what its command read (the config
// and getCampaigns, against the sandbox).
func (a *switcherApp) openSwitcher() {
	a.t.Helper()
	cmd := a.key(tea.Key{Code: 'P', Text: "P"})
	if cmd == nil {
		a.t.Fatalf("P did nothing:\n%s", a.screen())
	}
	a.send(cmd())
}

func (a *switcherApp) close(sess *app.Session) {
	a.inbox.Stop()
	sess.Close()
}

// A profile logged in with `sellerinbox login --profile NAME` while the
// app runs is offered by P without a restart; the campaigns P offers are
// the profile's with API access, listed by getCampaigns.
func TestSwitcherOffersAProfileLoggedInMeanwhile(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "all", "--profile", "shop1")
	sess, a := openApp(t, ctx, h, app.Options{Profile: "shop1"})
	defer a.close(sess)

	a.openSwitcher()
	s := a.screen()
	if !strings.Contains(s, "Switch profile or campaign") || !strings.Contains(s, "1000 · Уютный дом — FBS") || strings.Contains(s, "Profile") {
		t.Fatalf("want the campaign switcher of one profile:\n%s", s)
	}
	var offered []string
	for range 4 {
		a.key(tea.Key{Code: tea.KeyRight})
		for _, id := range []string{"1000", "1001", "1002", "1003"} {
			if strings.Contains(a.screen(), id+" · ") && !slices.Contains(offered, id) {
				offered = append(offered, id)
			}
		}
	}
	if slices.Sort(offered); !slices.Equal(offered, []string{"1000", "1003"}) {
		t.Fatalf("campaigns offered %v, want the two with API access", offered)
	}
	a.key(tea.Key{Code: tea.KeyEscape})

	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "1000", "--profile", "shop2")
	a.openSwitcher()
	a.key(tea.Key{Code: tea.KeyRight})
	if s := a.screen(); !strings.Contains(s, "Profile") || !strings.Contains(s, "shop2") {
		t.Fatalf("the profile logged in meanwhile is not offered:\n%s", s)
	}
}

// Choosing the other campaign reopens the inbox on it: its client, its
// returns in the store (the first shop's forgotten), the status bar.
func TestSwitcherSwitchesCampaign(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	h.run(runLogin, sandbox.YMToken+"\n", 0, "ym", "--token-stdin", "--campaign", "all")
	sess, a := openApp(t, ctx, h, app.Options{})
	if sess.YM().CampaignID() != sandbox.CampaignID {
		t.Fatalf("opened campaign %d", sess.YM().CampaignID())
	}
	first := syncReturns(t, ctx, sess)
	if len(first) == 0 {
		t.Fatal("nothing synced from the first campaign")
	}
	a.openSwitcher()
	for !strings.Contains(a.screen(), "1003 · ") {
		a.key(tea.Key{Code: tea.KeyRight})
	}
	if cmd := a.key(tea.Key{Code: tea.KeyEnter}); cmd == nil {
		t.Fatal("enter did not end the program for the switch")
	}
	next := a.inbox.Model.SwitchCampaign
	a.close(sess)
	if next != sandbox.SecondCampaignID {
		t.Fatalf("SwitchCampaign %d", next)
	}

	// What runTUI does with it: the same profile, that campaign.
	sess, a = openApp(t, ctx, h, app.Options{Profile: sess.Profile(), Campaign: next, Start: ui.PaneReturns})
	defer a.close(sess)
	if sess.YM().CampaignID() != sandbox.SecondCampaignID || !strings.Contains(a.screen(), "campaign 1003") {
		t.Fatalf("reopened on campaign %d:\n%s", sess.YM().CampaignID(), a.screen())
	}
	if p := a.inbox.Model.Focused(); p == nil || p.ID() != ui.PaneReturns {
		t.Fatal("the reopened inbox is not on the tab the user switched from")
	}
	if n := storedReturns(t, ctx, sess.Store()); n != 0 {
		t.Fatalf("%d returns of the first shop still stored after the switch", n)
	}
	second := syncReturns(t, ctx, sess)
	want, err := ym.New(sess.Transport(), sandbox.SecondCampaignID).AllReturns(ctx, ym.ReturnsQuery{Limit: ym.MaxReturnsLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(second) != len(want) {
		t.Fatalf("stored %d returns, the second shop has %d", len(second), len(want))
	}
	for _, r := range want {
		if !second[r.ID] || first[r.ID] {
			t.Fatalf("return %d: stored %v, of the first shop %v", r.ID, second[r.ID], first[r.ID])
		}
	}
}

// syncReturns runs the returns sync to the end and lists what is stored.
func syncReturns(t *testing.T, ctx context.Context, sess *app.Session) map[int64]bool {
	t.Helper()
	sy := syncer.NewSyncer(sess.Store(), nil, sess.YM(), syncer.SyncOptions{})
	for range 100 {
		res, err := sy.Sync(ctx, store.PaneReturns, syncer.Foreground)
		if err != nil {
			t.Fatal(err)
		}
		if !res.More {
			break
		}
	}
	rows, _, err := sess.Store().List(ctx, store.ListQuery{Kind: store.KindReturn, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]bool{}
	for _, r := range rows {
		id, _ := strconv.ParseInt(r.ID, 10, 64)
		ids[id] = true
	}
	return ids
}

func storedReturns(t *testing.T, ctx context.Context, st *store.Store) int {
	t.Helper()
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c[store.KindReturn].Total
}

// P in the demo offers a second demo profile: the same sandbox from
// another seed, whose data differ.
func TestDemoOffersASecondProfile(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sess, a := openApp(t, ctx, h, app.Options{Demo: true})
	first := syncReturns(t, ctx, sess)
	a.openSwitcher()
	if s := a.screen(); !strings.Contains(s, "Profile") || !strings.Contains(s, "demo") {
		t.Fatalf("P in the demo shows no profiles:\n%s", s)
	}
	a.key(tea.Key{Code: tea.KeyRight})
	if s := a.screen(); !strings.Contains(s, "‹ demo-2 ›") {
		t.Fatalf("no second demo profile:\n%s", s)
	}
	a.key(tea.Key{Code: tea.KeyEnter})
	next := a.inbox.Model.SwitchTo
	a.close(sess)
	if next != "demo-2" {
		t.Fatalf("SwitchTo %q", next)
	}
	sess, a = openApp(t, ctx, h, app.Options{Demo: true, Profile: next})
	defer a.close(sess)
	if !sess.IsDemo() || sess.Profile() != "demo-2" {
		t.Fatalf("reopened demo %v as %q", sess.IsDemo(), sess.Profile())
	}
	second := syncReturns(t, ctx, sess)
	same := 0
	for id := range second {
		if first[id] {
			same++
		}
	}
	if len(second) == 0 || same == len(second) {
		t.Fatalf("the second demo profile has the first one's data (%d of %d returns alike)", same, len(second))
	}
}
