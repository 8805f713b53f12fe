package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func recApp(mode Mode) (*App, *recPane, *recPane) {
	a := &recPane{id: PaneReturns, mode: mode}
	b := &recPane{id: PaneQuestions}
	app := New(testEnv(i18n.EN), AppOptions{FixedTheme: true}, a, b)
	app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return app, a, b
}

// TestKeyPriority: in normal mode global keys act and never reach the
// pane; in filter, edit and confirm modes the same keys are the pane's.
func TestKeyPriority(t *testing.T) {
	type want struct {
		quit, help bool
		focus      PaneID
		paneKeys   []string
		paneMsg    tea.Msg
	}
	tests := []struct {
		mode Mode
		key  string
		want want
	}{
		{ModeNormal, "q", want{quit: true, focus: PaneReturns}},
		// a Russian letter is text, never a command (no text answers in this pane)
		{ModeNormal, "й", want{focus: PaneReturns}},
		{ModeNormal, "2", want{focus: PaneQuestions}},
		{ModeNormal, "3", want{focus: PaneReturns}}, // no feedbacks pane: ignored
		{ModeNormal, "tab", want{focus: PaneQuestions}},
		{ModeNormal, "shift+tab", want{focus: PaneQuestions}},
		{ModeNormal, "?", want{help: true, focus: PaneReturns}},
		{ModeNormal, "r", want{focus: PaneReturns, paneMsg: RetryMsg{}}},
		{ModeNormal, "R", want{focus: PaneReturns, paneMsg: RefreshMsg{}}},
		{ModeNormal, "j", want{focus: PaneReturns, paneKeys: []string{"j"}}},
		{ModeNormal, "a", want{focus: PaneReturns, paneKeys: []string{"a"}}},
		{ModeNormal, "ctrl+c", want{quit: true, focus: PaneReturns}},
	}
	for _, m := range []Mode{ModeFilter, ModeEdit, ModeConfirm} {
		for _, k := range []string{"q", "2", "tab", "?", "r", "R", "0", "ctrl+l"} {
			tests = append(tests, struct {
				mode Mode
				key  string
				want want
			}{m, k, want{focus: PaneReturns, paneKeys: []string{keyMsg(k).String()}}})
		}
		tests = append(tests, struct {
			mode Mode
			key  string
			want want
		}{m, "ctrl+c", want{quit: true, focus: PaneReturns}})
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("mode%d/%s", tc.mode, tc.key), func(t *testing.T) {
			app, a, _ := recApp(tc.mode)
			if tc.key == "ctrl+c" {
				// the first press only warns; the second in a row quits
				if _, cmd := app.Update(keyMsg(tc.key)); cmd != nil {
					t.Fatalf("the first ctrl+c did something: %v", run(cmd))
				}
			}
			_, cmd := app.Update(keyMsg(tc.key))
			msgs := run(cmd)
			quit := slices.ContainsFunc(msgs, func(m tea.Msg) bool { _, ok := m.(tea.QuitMsg); return ok })
			if quit != tc.want.quit {
				t.Errorf("quit = %v", quit)
			}
			if app.showFullHelp != tc.want.help {
				t.Errorf("help = %v", app.showFullHelp)
			}
			if got := app.Focused().ID(); got != tc.want.focus {
				t.Errorf("focus = %s", got)
			}
			if got := a.keys(); !slices.Equal(got, tc.want.paneKeys) {
				t.Errorf("pane keys = %v, want %v", got, tc.want.paneKeys)
			}
			if tc.want.paneMsg != nil && !slices.ContainsFunc(a.got, func(m tea.Msg) bool {
				return reflect.TypeOf(m) == reflect.TypeOf(tc.want.paneMsg)
			}) {
				t.Errorf("pane did not get %T: %v", tc.want.paneMsg, a.got)
			}
		})
	}
}

func TestRedrawReturnsClearScreen(t *testing.T) {
	app, _, _ := recApp(ModeNormal)
	_, cmd := app.Update(keyMsg("ctrl+l"))
	if cmd == nil || reflect.TypeOf(cmd()) != reflect.TypeOf(tea.ClearScreen()) {
		t.Fatal("ctrl+l does not clear the screen")
	}
}

func TestFullHelpCapturesKeys(t *testing.T) {
	app, a, _ := recApp(ModeNormal)
	drive(app, keyMsg("?"))
	if !strings.Contains(ansi.Strip(app.View().Content), "refresh") {
		t.Errorf("full help lacks bindings:\n%s", ansi.Strip(app.View().Content))
	}
	drive(app, keyMsg("j"), keyMsg("2"))
	if len(a.got) != 0 || app.Focused().ID() != PaneReturns {
		t.Error("keys leaked through the help screen")
	}
	drive(app, keyMsg("esc"))
	if app.showFullHelp {
		t.Error("esc did not close help")
	}
}

// TestRouting: results go to their pane whatever has focus; sizes go to
// all panes; other messages are broadcast.
func TestRouting(t *testing.T) {
	app, a, b := recApp(ModeNormal)
	if a.w != 80 || a.h != 24-chrome || b.w != 80 || b.h != 24-chrome {
		t.Errorf("sizes %dx%d %dx%d", a.w, a.h, b.w, b.h)
	}
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if a.w != 120 || b.h != 40-chrome {
		t.Errorf("resize not delivered to all: %dx%d %dx%d", a.w, a.h, b.w, b.h)
	}
	a.got, b.got = nil, nil
	msg := Loaded[testItem]{Pane: PaneQuestions, Seq: 1}
	app.Update(msg)
	if len(a.got) != 0 || len(b.got) != 1 {
		t.Errorf("routed: a %v b %v", a.got, b.got)
	}
	app.Update(Loaded[testItem]{Pane: PaneClaims, Seq: 1}) // no such pane
	if len(a.got) != 0 || len(b.got) != 1 {
		t.Error("message for a missing pane was delivered")
	}
	type tick struct{}
	app.Update(tick{})
	if len(a.got) != 1 || len(b.got) != 2 {
		t.Error("unknown message not broadcast")
	}
	app.Update(keyMsg("j"))
	if len(b.got) != 2 {
		t.Error("key reached an unfocused pane")
	}
}

func newTestSplit(env Env, id PaneID, n, page int) (*Split[testItem], *pager) {
	p := &pager{items: items(n), size: page}
	return NewSplit(env, testConfig(id, p, env)), p
}

// TestStaleResultsDropped: a slow first load that returns after a refresh
// must not overwrite the refresh's result.
func TestStaleResultsDropped(t *testing.T) {
	env := testEnv(i18n.EN)
	s, _ := newTestSplit(env, PaneReturns, 10, 10)
	app := New(env, AppOptions{FixedTheme: true}, s)
	app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	s.Init() // seq 1, result not delivered yet
	first := s.seq.n
	app.Update(keyMsg("R")) // seq 2
	fresh := []testItem{{ID: "new", Buyer: "Новый"}}
	tests := []struct {
		name  string
		msg   Loaded[testItem]
		wantN int
	}{
		{"current result applies", Loaded[testItem]{Pane: PaneReturns, Seq: first + 1, Items: fresh}, 1},
		{"stale result dropped", Loaded[testItem]{Pane: PaneReturns, Seq: first, Items: items(5)}, 1},
		{"stale error dropped", Loaded[testItem]{Pane: PaneReturns, Seq: first, Err: errBoom}, 1},
	}
	for _, tc := range tests {
		drive(app, tc.msg)
		if len(s.Items()) != tc.wantN || s.Err() != nil {
			t.Errorf("%s: %d items, err %v", tc.name, len(s.Items()), s.Err())
		}
	}
	if app.bar.lastErr != nil {
		t.Error("a stale error reached the status bar")
	}
}

func TestSplitLoadsPagesNearEnd(t *testing.T) {
	env := testEnv(i18n.EN)
	s, p := newTestSplit(env, PaneReturns, 95, 40)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 80, Height: 24})
	drive(app, run(app.Init())...)
	if len(s.Items()) != 40 || s.Badge() != 14 {
		t.Fatalf("first page: %d items, badge %d", len(s.Items()), s.Badge())
	}
	drive(app, keyMsg("G"))
	if len(s.Items()) != 80 {
		t.Fatalf("after G: %d items (calls %v)", len(s.Items()), p.calls)
	}
	if c, _ := s.List().Selected(); c != 39 {
		t.Errorf("cursor moved on append: %d", c)
	}
	drive(app, keyMsg("G"))
	drive(app, keyMsg("G"))
	if len(s.Items()) != 95 || !slices.Equal(p.calls, []string{"", "40", "80"}) {
		t.Errorf("%d items, calls %v", len(s.Items()), p.calls)
	}
	if s.Badge() != 32 {
		t.Errorf("badge %d", s.Badge())
	}
}

func TestSplitErrorAndRetry(t *testing.T) {
	env := testEnv(i18n.EN)
	s, p := newTestSplit(env, PaneReturns, 10, 10)
	app := New(env, AppOptions{FixedTheme: true, Profile: "default"}, s)
	drive(app, tea.WindowSizeMsg{Width: 80, Height: 24})
	p.failNext = &api.Error{Marketplace: api.YandexMarket, Kind: api.KindNetwork, Err: errBoom}
	drive(app, run(app.Init())...)
	screen := ansi.Strip(app.View().Content)
	for _, want := range []string{"Could not load: cannot reach Yandex Market", "press r to retry", "Returns: error: cannot reach Yandex Market"} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	drive(app, keyMsg("r"))
	if len(s.Items()) != 10 || s.Err() != nil || app.bar.lastErr != nil {
		t.Errorf("retry: %d items, err %v, status err %v", len(s.Items()), s.Err(), app.bar.lastErr)
	}
	if !strings.Contains(ansi.Strip(app.View().Content), "synced 09:41") {
		t.Error("status bar does not show the sync time")
	}
	// A failing refresh keeps the items and shows a one-line banner.
	p.failNext = errBoom
	drive(app, keyMsg("R"))
	screen = ansi.Strip(app.View().Content)
	if len(s.Items()) != 10 || !strings.Contains(screen, "connection reset by peer — press r to retry") {
		t.Errorf("refresh failure:\n%s", screen)
	}
}

func TestSplitNarrowDetail(t *testing.T) {
	env := testEnv(i18n.EN)
	s, _ := newTestSplit(env, PaneReturns, 5, 10)
	app := New(env, AppOptions{FixedTheme: true}, s)
	drive(app, tea.WindowSizeMsg{Width: 80, Height: 24})
	drive(app, run(app.Init())...)
	drive(app, keyMsg("j"), keyMsg("enter"))
	screen := ansi.Strip(app.View().Content)
	if !strings.Contains(screen, "Мария · ") {
		t.Fatalf("enter did not open the detail:\n%s", screen)
	}
	drive(app, keyMsg("esc"))
	if strings.Contains(ansi.Strip(app.View().Content), "Мария · ") {
		t.Error("esc did not go back to the list")
	}
	// esc in the list does not quit or leave anything.
	drive(app, keyMsg("esc"))
	if c, _ := s.List().Selected(); c != 1 {
		t.Errorf("cursor %d", c)
	}
}

func TestSplitFilterMode(t *testing.T) {
	env := testEnv(i18n.RU)
	s, _ := newTestSplit(env, PaneReturns, 50, 50)
	q := &recPane{id: PaneQuestions}
	app := New(env, AppOptions{FixedTheme: true}, s, q)
	drive(app, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(app, run(app.Init())...)
	drive(app, keyMsg("/"))
	if s.Mode() != ModeFilter {
		t.Fatal("not in filter mode")
	}
	quit := drive(app, keyMsgs("2", "q", "?", "к", "а", "б")...)
	if quit || app.Focused() != Pane(s) || app.showFullHelp {
		t.Fatal("global key fired while filtering")
	}
	if s.List().Query() != "2q?каб" {
		t.Errorf("query %q", s.List().Query())
	}
	drive(app, keyMsgs("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "к", "а", "б", "enter")...)
	if s.Mode() != ModeNormal || s.List().Len() == 0 || s.List().Len() == 50 {
		t.Errorf("after enter: mode %v, %d matches", s.Mode(), s.List().Len())
	}
	if !strings.Contains(ansi.Strip(app.View().Content), "Кабель USB-C") {
		t.Error("filtered view lacks matches")
	}
	drive(app, keyMsg("2"))
	if app.Focused() != Pane(q) {
		t.Error("normal mode: 2 did not switch")
	}
}

func TestStatusBarRateLimitWait(t *testing.T) {
	app, _, _ := recApp(ModeNormal)
	app.Update(BudgetMsg{Group: api.GroupWBFeedbacks, WaitUntil: fixedNow.Add(12 * time.Second)})
	app.Update(BudgetMsg{Group: api.GroupYMReturns, WaitUntil: fixedNow.Add(-time.Second)})
	screen := ansi.Strip(app.View().Content)
	// the marketplace, not the bucket's internal name
	if !strings.Contains(screen, "Wildberries: rate limit, waiting 12s") || strings.Contains(screen, "Yandex Market") {
		t.Errorf("status bar:\n%s", screen)
	}
}

func TestViewFitsEverySize(t *testing.T) {
	env := testEnv(i18n.RU)
	s, _ := newTestSplit(env, PaneReturns, 30, 30)
	app := New(env, AppOptions{FixedTheme: true, Profile: "магазин", Account: "Магазин №1"}, s,
		&recPane{id: PaneQuestions, badge: 7}, &recPane{id: PaneFeedbacks}, &recPane{id: PaneChats}, &recPane{id: PaneClaims, badge: 120})
	drive(app, run(app.Init())...)
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {160, 48}, {60, 12}, {40, 10}, {200, 60}} {
		drive(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, k := range []string{"", "?", "?", "enter"} {
			if k != "" {
				drive(app, keyMsg(k))
			}
			v := app.View()
			if !v.AltScreen {
				t.Fatal("not in alt screen")
			}
			lines := strings.Split(v.Content, "\n")
			if len(lines) > sz[1] {
				t.Errorf("%v after %q: %d lines", sz, k, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Errorf("%v after %q: line %d is %d wide: %q", sz, k, i, w, ansi.Strip(l))
				}
			}
		}
		drive(app, keyMsg("esc"))
	}
}
