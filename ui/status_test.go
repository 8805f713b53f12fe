package ui

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func init() {
	// Tests step the status clock themselves (tick); a real one-second
	// timer would stall the synchronous driver.
	clockTick = func() tea.Cmd { return nil }
}

// clock is a fake time source for the app (Env.Now).
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// statusApp is the app over the test pane with n items at 140×30 (list
// and detail side by side), on a fake clock and a debug log in a buffer.
func statusApp(t *testing.T, lang i18n.Lang, p *pager) (*App, *Split[testItem], *clock, *bytes.Buffer) {
	t.Helper()
	env := testEnv(lang)
	clk := &clock{t: fixedNow}
	env.Now = clk.now
	var log bytes.Buffer
	env.Log = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if p == nil {
		p = &pager{items: items(5), size: 50}
	}
	s := NewSplit(env, testConfig(PaneReturns, p, env))
	app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s)
	drive(app, tea.WindowSizeMsg{Width: 140, Height: 30})
	drive(app, run(app.Init())...)
	return app, s, clk, &log
}

func statusText(a *App) string { return ansi.Strip(a.bar.view(a.width)) }

// tick delivers the status clock's second as the runtime would.
func tick(a *App) { drive(a, clockTickMsg{}) }

func TestNoticeExpires(t *testing.T) {
	tests := []struct {
		name      string
		msg       NoticeMsg
		want      string
		shownFor  time.Duration
		goneAfter time.Duration
	}{
		{"text", NoticeMsg{Text: "Return request queued"}, "Return request queued", 4 * time.Second, 6 * time.Second},
		{"error", NoticeMsg{Err: errors.New("Wildberries offers no return for this feedback's order")},
			"Wildberries offers no return", 9 * time.Second, 11 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, _, clk, _ := statusApp(t, i18n.EN, nil)
			drive(app, tt.msg)
			if !app.bar.clockOn {
				t.Fatal("a note started no clock: it would never expire on screen")
			}
			if !strings.Contains(statusText(app), tt.want) {
				t.Fatalf("note not shown: %q", statusText(app))
			}
			clk.advance(tt.shownFor)
			tick(app)
			if !strings.Contains(statusText(app), tt.want) {
				t.Errorf("gone after %s: %q", tt.shownFor, statusText(app))
			}
			clk.advance(tt.goneAfter - tt.shownFor)
			tick(app)
			if strings.Contains(statusText(app), tt.want) {
				t.Errorf("still shown after %s: %q", tt.goneAfter, statusText(app))
			}
			if app.bar.hasNotice() || app.bar.clockOn && !app.bar.needsClock(clk.now()) {
				t.Errorf("the expired note is kept (%v) or the clock runs for nothing", app.bar.hasNotice())
			}
		})
	}
}

func TestNoticeClearedWhenItemChanges(t *testing.T) {
	tests := []struct {
		keys []string
		kept bool
	}{
		{[]string{"j"}, false},      // the next item
		{[]string{"G"}, false},      // the last item
		{[]string{"enter"}, true},   // the detail of the same item
		{[]string{"?"}, true},       // help over the same item
		{[]string{"j", "k"}, false}, // away and back: the note was about before
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			app, _, _, _ := statusApp(t, i18n.EN, nil)
			drive(app, NoticeMsg{Text: "Saved the answer"})
			drive(app, keyMsgs(tt.keys...)...)
			if kept := strings.Contains(statusText(app), "Saved the answer"); kept != tt.kept {
				t.Errorf("note kept %v, want %v: %q", kept, tt.kept, statusText(app))
			}
		})
	}
}

func TestFailedLoadIsNeverSynced(t *testing.T) {
	tests := []struct {
		name     string
		itemsNow int // items the pane holds when the refresh fails
	}{
		{"empty pane", 0},
		{"pane with items", 5},
	}
	for _, tt := range tests {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
			t.Run(fmt.Sprint(tt.name, "/", lang), func(t *testing.T) {
				p := &pager{items: items(tt.itemsNow), size: 50}
				app, _, _, _ := statusApp(t, lang, p)
				synced := map[i18n.Lang]string{i18n.EN: "synced", i18n.RU: "обновлено"}[lang]
				if !strings.Contains(statusText(app), synced) {
					t.Fatalf("first load: %q", statusText(app))
				}
				p.failNext = &api.Error{Kind: api.KindServer, Marketplace: api.YandexMarket, Status: 503}
				drive(app, RefreshMsg{})
				line := statusText(app)
				if strings.Contains(line, synced) {
					t.Errorf("status says %q while the load failed: %q", synced, line)
				}
				screen := ansi.Strip(app.View().Content)
				why := map[i18n.Lang]string{i18n.EN: "Could not load: Yandex Market server error 503", i18n.RU: "Не удалось загрузить: Яндекс Маркет: ошибка сервера 503"}[lang]
				retry := map[i18n.Lang]string{i18n.EN: "press r to retry", i18n.RU: "нажмите r, чтобы повторить"}[lang]
				if !strings.Contains(screen, why) || !strings.Contains(screen, retry) {
					t.Errorf("the pane does not say why and how to retry:\n%s", screen)
				}
				// another pane's failure takes the error slot: the state word remains
				drive(app, StatusMsg{Pane: PaneQuestions, Err: errors.New("x")})
				failed := map[i18n.Lang]string{i18n.EN: "update failed", i18n.RU: "обновить не удалось"}[lang]
				if line := statusText(app); !strings.Contains(line, failed) || strings.Contains(line, synced) {
					t.Errorf("after another pane's error: %q", line)
				}
			})
		}
	}
}

func TestInternalsStayInDebugLog(t *testing.T) {
	busy := fmt.Errorf("store: sync claims: %w", errors.New("database is locked (5) (SQLITE_BUSY)"))
	tests := []struct {
		name   string
		lang   i18n.Lang
		msg    tea.Msg
		want   string
		leaks  []string
		logged string
	}{
		{"busy database in a load", i18n.EN, StatusMsg{Pane: PaneReturns, Err: busy},
			"the local database is busy", []string{"SQLITE", "locked (5)", "store:"}, "SQLITE_BUSY"},
		{"busy database in a note", i18n.RU, NoticeMsg{Err: busy},
			"локальная база занята", []string{"SQLITE", "store:"}, "SQLITE_BUSY"},
		{"other store failure", i18n.EN, NoticeMsg{Err: errors.New("store: resolve: sql: no rows in result set")},
			"the local database failed (details in the --debug log)", []string{"sql:", "no rows"}, "no rows in result set"},
		{"rate-limit group", i18n.EN, BudgetMsg{Group: api.GroupYMBusinessOrders, WaitUntil: fixedNow.Add(8 * time.Second)},
			"Yandex Market: rate limit, waiting 8s", []string{"getBusinessOrders", "ym."}, ""},
		{"photo reason in Russian", i18n.RU, NoticeMsg{Err: &photo.Error{Reason: photo.ReasonTooMuchMemory}},
			"нужно больше 128 МБ памяти", []string{"too-much-memory", "more than"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, _, _, log := statusApp(t, tt.lang, nil)
			drive(app, tt.msg)
			line := statusText(app)
			if !strings.Contains(line, tt.want) {
				t.Errorf("status bar %q, want %q", line, tt.want)
			}
			for _, l := range tt.leaks {
				if strings.Contains(line, l) {
					t.Errorf("status bar leaks %q: %q", l, line)
				}
			}
			if tt.logged != "" && !strings.Contains(log.String(), tt.logged) {
				t.Errorf("debug log lacks %q: %q", tt.logged, log.String())
			}
		})
	}
}

func TestCountdownsCount(t *testing.T) {
	app, _, clk, _ := statusApp(t, i18n.EN, nil)
	drive(app, BudgetMsg{Group: api.GroupWBFeedbacks, WaitUntil: fixedNow.Add(8 * time.Second)})
	if !app.bar.clockOn {
		t.Fatal("a rate-limit wait started no clock")
	}
	for want := 8; want >= 1; want-- {
		if line := statusText(app); !strings.Contains(line, fmt.Sprintf("Wildberries: rate limit, waiting %ds", want)) {
			t.Fatalf("%d s left: %q", want, line)
		}
		clk.advance(time.Second)
		tick(app)
	}
	if line := statusText(app); strings.Contains(line, "rate limit") {
		t.Errorf("the wait is over but shown: %q", line)
	}
	if app.bar.clockOn {
		t.Error("the clock keeps ticking with nothing to count")
	}
}

// TestOutboxCountdownInDetail: the detail's "will retry in 8s" counts
// down each second while a reply waits, instead of standing still until
// some other message redraws it.
func TestOutboxCountdownInDetail(t *testing.T) {
	drafts, err := reply.OpenDrafts(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: fixedNow}
	ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReplies("default", ob, drafts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ob.Enqueue(reply.Entry{Profile: "default", Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Здравствуйте! Да, подходит."}); err != nil {
		t.Fatal(err)
	}
	env := testEnv(i18n.EN)
	env.Now, env.Replies = clk.now, r
	retry := reply.Entry{Kind: reply.KindQuestionAnswer, State: reply.StateRetrying, NextAttempt: fixedNow.Add(8 * time.Second)}
	cfg := testConfig(PaneQuestions, &pager{items: items(3), size: 10}, env)
	cfg.Detail = func(it testItem, width int, st theme.Styles, tr i18n.T) string {
		return OutboxLine(env, retry, env.now())
	}
	s := NewSplit(env, cfg)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 140, Height: 30})
	for _, m := range run(app.Init()) {
		drive(app, m)
	}
	for _, want := range []string{"will retry in 8s", "will retry in 7s", "will retry in 6s"} {
		if screen := ansi.Strip(app.View().Content); !strings.Contains(screen, want) {
			t.Fatalf("want %q on screen:\n%s", want, screen)
		}
		clk.advance(time.Second)
		tick(app)
	}
}

func TestShortPath(t *testing.T) {
	home := "/home/anna"
	tests := []struct {
		path  string
		width int
		want  string
	}{
		{"/home/anna/Downloads/sellerinbox/return-41000007-photo-2.jpg", 80, "~/Downloads/sellerinbox/return-41000007-photo-2.jpg"},
		{"/home/anna/Downloads/sellerinbox/return-41000007-photo-2.jpg", 44, "~/…/sellerinbox/return-41000007-photo-2.jpg"},
		{"/home/anna/Downloads/sellerinbox/return-41000007-photo-2.jpg", 34, "~/…/return-41000007-photo-2.jpg"},
		{"/home/anna/Downloads/sellerinbox/return-41000007-photo-2.jpg", 20, "return-41000007-pho…"},
		{"/srv/data/a/b/c/file.pdf", 16, "/…/b/c/file.pdf"},
		{"/home/annabel/x.jpg", 40, "/home/annabel/x.jpg"}, // not the home directory
		{"/home/anna/a\x1b]0;x\x07b.jpg", 40, "~/ab.jpg"},
	}
	for _, tt := range tests {
		got := ShortPath(tt.path, tt.width, home)
		if got != tt.want {
			t.Errorf("ShortPath(%q, %d) = %q, want %q", tt.path, tt.width, got, tt.want)
		}
		if w := ansi.StringWidth(got); w > tt.width {
			t.Errorf("ShortPath(%q, %d) is %d wide", tt.path, tt.width, w)
		}
	}
}

// TestSavedPathKeepsFileName: in a narrow status bar the saved file's
// name is whole; the middle of the path gives way.
func TestSavedPathKeepsFileName(t *testing.T) {
	app, _, _, _ := statusApp(t, i18n.RU, nil)
	drive(app, tea.WindowSizeMsg{Width: 90, Height: 30})
	tr := app.env.Tr
	path := "/var/tmp/sellerinbox-downloads/profile-default/returns/2026-12/return-41000007-photo-2.jpg"
	drive(app, NoticeMsg{Text: tr.Get("photo.saved", "%s"), Path: path})
	line := statusText(app)
	if !strings.Contains(line, "/…/") || !strings.Contains(line, "/return-41000007-photo-2.jpg ") || strings.Contains(line, "%s") {
		t.Errorf("status bar %q: the file name is cut", line)
	}
	if w := ansi.StringWidth(app.bar.view(app.width)); w != 90 {
		t.Errorf("status bar is %d wide", w)
	}
}

// TestInboxStatus: the Inbox shows every pane's items, so its status bar
// says "synced" with the time of the pane synced longest ago, "never"
// while any pane has not synced, and offline while a pane's sync fails
// (it said "never" whatever the panes had done once the Inbox stopped
// loading pages itself).
func TestInboxStatus(t *testing.T) {
	early, late := fixedNow.Add(-time.Hour), fixedNow
	panes := []Pane{&recPane{id: PaneInbox}, &recPane{id: PaneQuestions}, &recPane{id: PaneChats}}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name   string
		status map[PaneID]StatusMsg
		want   StatusMsg
	}{
		{"nothing synced", map[PaneID]StatusMsg{}, StatusMsg{Pane: PaneInbox}},
		{"one pane synced", map[PaneID]StatusMsg{PaneQuestions: {Synced: late}}, StatusMsg{Pane: PaneInbox}},
		{"both synced: the older time", map[PaneID]StatusMsg{PaneQuestions: {Synced: late}, PaneChats: {Synced: early}},
			StatusMsg{Pane: PaneInbox, Synced: early}},
		{"a failing pane", map[PaneID]StatusMsg{PaneQuestions: {Synced: late}, PaneChats: {Synced: early, Err: boom, Cached: true}},
			StatusMsg{Pane: PaneInbox, Synced: early, Err: boom, Cached: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := inboxStatus(tc.status, panes); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
