package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// hostileText carries what a buyer could type to take over a terminal: a
// retitle, a screen clear, a bell and a bidi override.
const hostileText = "Пакет \x1b]0;HACKED TITLE\x07порван \x1b[2J\u202eналибок\u202c — чай рассыпан"

// searchStoreFor is a store with a few items of several panes.
func searchStoreFor(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	at := models.Time{Time: fixedNow.Add(-2 * time.Hour)}
	chai := models.WBProductDetails{NmID: 191234500, ProductName: "Чай зелёный, 100 пакетиков", SupplierArticle: "CHAI-ZEL-100"}
	if _, err := st.PutQuestions(ctx, []models.Question{
		{ID: "q1", Text: "Сколько пакетиков в коробке?", CreatedDate: at, State: models.QuestionNew, ProductDetails: chai},
		{ID: "q2", Text: hostileText, CreatedDate: at, State: models.QuestionNew, ProductDetails: chai},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutFeedbacks(ctx, []models.Feedback{{ID: "f1", Text: "Ароматный чай, пакетики целые", ProductValuation: 5,
		CreatedDate: at, State: models.FeedbackNew, UserName: "Ольга", ProductDetails: chai}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutReturns(ctx, []models.YMReturn{{ID: 77, OrderID: 9001, CreationDate: at, UpdateDate: at,
		RefundStatus: "WAITING_FOR_DECISION", Items: []models.YMReturnItem{{ShopSku: "CHAI-ZEL-100", Count: 1}}}}); err != nil {
		t.Fatal(err)
	}
	return st
}

// searchApp is an app over two recording panes with st as its store.
func searchApp(t *testing.T, st *store.Store, lang i18n.Lang) (*App, *recPane, *recPane) {
	t.Helper()
	env := testEnv(lang)
	env.Store = st
	a := &recPane{id: PaneReturns}
	b := &recPane{id: PaneQuestions}
	app := New(env, AppOptions{FixedTheme: true}, a, b)
	app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return app, a, b
}

func typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

func TestSearchBinding(t *testing.T) {
	k := testEnv(i18n.EN).Keys
	if !key.Matches(keyMsg("ctrl+f"), k.Global.Search) {
		t.Fatalf("ctrl+f is not the search key: %v", k.Global.Search.Keys())
	}
}

// TestSearchOverlayOwnsKeys: while the overlay is open, global keys are
// text in the query; only force quit passes through.
func TestSearchOverlayOwnsKeys(t *testing.T) {
	tests := []struct {
		key      string
		wantText string
		quit     bool
	}{
		{"q", "q", false},
		{"й", "й", false},
		{"1", "1", false},
		{"2", "2", false},
		{"?", "?", false},
		{"R", "R", false},
		{"r", "r", false},
		{"P", "P", false},
		{"0", "0", false},
		{"ctrl+c", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			app, returns, _ := searchApp(t, searchStoreFor(t), i18n.EN)
			app.Update(keyMsg("ctrl+f"))
			if openSearch(app) == nil {
				t.Fatal("ctrl+f did not open the search")
			}
			if tc.key == "ctrl+c" {
				app.Update(keyMsg(tc.key)) // the first press warns, the second quits
			}
			_, cmd := app.Update(keyMsg(tc.key))
			quit := false
			if cmd != nil {
				_, quit = cmd().(tea.QuitMsg)
			}
			if quit != tc.quit {
				t.Errorf("quit = %v", quit)
			}
			if openSearch(app).input.Value() != tc.wantText {
				t.Errorf("query %q, want %q", openSearch(app).input.Value(), tc.wantText)
			}
			if app.Focused().ID() != PaneReturns || helpOpen(app) || len(returns.keys()) != 0 {
				t.Errorf("the key acted outside the overlay: focus %s, help %v, pane keys %v",
					app.Focused().ID(), helpOpen(app), returns.keys())
			}
		})
	}
}

// TestSearchOpensOnlyWhenFree: ctrl+f needs a store and a pane in normal
// mode; in a filter or editor it is the pane's key.
func TestSearchOpensOnlyWhenFree(t *testing.T) {
	noStore := New(testEnv(i18n.EN), AppOptions{FixedTheme: true}, &recPane{id: PaneReturns})
	noStore.Update(keyMsg("ctrl+f"))
	if openSearch(noStore) != nil {
		t.Error("search opened without a store")
	}
	app, returns, _ := searchApp(t, searchStoreFor(t), i18n.EN)
	returns.mode = ModeEdit
	app.Update(keyMsg("ctrl+f"))
	if openSearch(app) != nil || !slices.Equal(returns.keys(), []string{"ctrl+f"}) {
		t.Errorf("ctrl+f in an editor: search open %v, pane keys %v", openSearch(app) != nil, returns.keys())
	}
}

func TestSearchFlow(t *testing.T) {
	st := searchStoreFor(t)
	tests := []struct {
		name     string
		lang     i18n.Lang
		query    string
		want     []string // lines the overlay shows
		jumpPane PaneID
		jumpID   string
	}{
		{"empty query shows the hint", i18n.EN, "", []string{"Searches everything saved for this profile"}, "", ""},
		{"punctuation only shows the hint", i18n.EN, "?!", []string{"Searches everything"}, "", ""},
		{"nothing found", i18n.EN, "велосипед", []string{"Nothing found for “велосипед”"}, "", ""},
		{"prefixes match", i18n.RU, "короб", []string{"1 результат", "Вопрос", "Чай зелёный, 100 пакетиков"}, PaneQuestions, "q1"},
		{"ё is е", i18n.EN, "зеленый", []string{"results"}, "", ""},
		{"returns are titled in the UI language", i18n.RU, "CHAI-ZEL", []string{"Возврат  14.03.2026 Возврат 77, заказ 9001"}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app, _, q := searchApp(t, st, tc.lang)
			drive(app, keyMsg("ctrl+f"))
			drive(app, typed(tc.query)...) // each keystroke's debounce, then the query
			screen := ansi.Strip(app.render())
			for _, w := range tc.want {
				if !strings.Contains(screen, w) {
					t.Errorf("the overlay does not show %q:\n%s", w, screen)
				}
			}
			if tc.jumpID == "" {
				return
			}
			drive(app, keyMsg("enter"))
			if openSearch(app) != nil || app.Focused().ID() != tc.jumpPane {
				t.Fatalf("enter: overlay open %v, focus %s", openSearch(app) != nil, app.Focused().ID())
			}
			if !slices.Contains(q.got, tea.Msg(JumpMsg{Pane: tc.jumpPane, ID: tc.jumpID})) {
				t.Errorf("the pane got %v", q.got)
			}
		})
	}
}

// TestSearchDebounceDropsStale: only the last keystroke's query runs, and
// a result for an older query never replaces a newer one.
func TestSearchDebounceDropsStale(t *testing.T) {
	app, _, _ := searchApp(t, searchStoreFor(t), i18n.EN)
	app.Update(keyMsg("ctrl+f"))
	var ticks []tea.Msg
	for _, k := range typed("пакет") {
		_, cmd := app.Update(k)
		ticks = append(ticks, run(cmd)...)
	}
	var results []tea.Msg
	for _, tick := range ticks {
		_, cmd := app.Update(tick)
		results = append(results, run(cmd)...)
	}
	if len(results) != 1 {
		t.Fatalf("%d queries ran for one pause in typing", len(results))
	}
	res := results[0].(searchResultMsg)
	if res.text != "пакет" || len(res.hits) != 3 {
		t.Fatalf("the query ran for %q with %d hits", res.text, len(res.hits))
	}
	// A newer keystroke makes the finished query stale.
	app.Update(keyMsg("ы"))
	app.Update(res)
	if openSearch(app).asked != "" || len(openSearch(app).hits) != 0 {
		t.Errorf("a stale result was shown: %q, %d hits", openSearch(app).asked, len(openSearch(app).hits))
	}
}

func TestSearchClosesAndErrs(t *testing.T) {
	for _, closeKey := range []string{"esc", "ctrl+f"} {
		app, _, _ := searchApp(t, searchStoreFor(t), i18n.EN)
		drive(app, keyMsg("ctrl+f"))
		drive(app, keyMsg(closeKey))
		if openSearch(app) != nil {
			t.Errorf("%s did not close the search", closeKey)
		}
	}
	// A store that fails says so in a sentence.
	st := searchStoreFor(t)
	app, _, _ := searchApp(t, st, i18n.EN)
	st.Close()
	drive(app, keyMsg("ctrl+f"))
	drive(app, typed("чай")...)
	if screen := ansi.Strip(app.render()); !strings.Contains(screen, "Search failed:") {
		t.Errorf("no error shown:\n%s", screen)
	}
}

// TestSearchRerunsOnStoreChange: a sync that adds matching items shows
// them in the open results, with the live sync's counts read as well.
func TestSearchRerunsOnStoreChange(t *testing.T) {
	for _, live := range []bool{false, true} {
		t.Run(fmt.Sprintf("live=%v", live), func(t *testing.T) { searchRerun(t, live) })
	}
}

func searchRerun(t *testing.T, live bool) {
	st := searchStoreFor(t)
	app, returns, _ := searchApp(t, st, i18n.EN)
	if live {
		app = New(app.env, AppOptions{FixedTheme: true, Live: &Live{Store: st}}, returns, &recPane{id: PaneQuestions})
		app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	}
	drive(app, keyMsg("ctrl+f"))
	drive(app, typed("коробке")...)
	if n := len(openSearch(app).hits); n != 1 {
		t.Fatalf("%d hits before the sync", n)
	}
	at := models.Time{Time: fixedNow}
	if _, err := st.PutQuestions(context.Background(), []models.Question{{ID: "q3", Text: "А в жестяной коробке есть?", CreatedDate: at}}); err != nil {
		t.Fatal(err)
	}
	drive(app, StoreChangedMsg{Panes: []PaneID{PaneQuestions}})
	if n := len(openSearch(app).hits); n != 2 {
		t.Errorf("%d hits after the sync", n)
	}
	if !slices.ContainsFunc(returns.got, func(m tea.Msg) bool { _, ok := m.(StoreChangedMsg); return ok }) {
		t.Error("the panes did not hear of the change")
	}
}

// TestSearchHostileSnippetInert: buyer text in results reaches the screen
// with its escape sequences, bell and bidi controls removed, and every
// row stays within the width.
func TestSearchHostileSnippetInert(t *testing.T) {
	app, _, _ := searchApp(t, searchStoreFor(t), i18n.RU)
	drive(app, keyMsg("ctrl+f"))
	drive(app, typed("порван")...)
	if len(openSearch(app).hits) != 1 {
		t.Fatalf("%d hits", len(openSearch(app).hits))
	}
	for _, w := range []int{100, 61} {
		app.Update(tea.WindowSizeMsg{Width: w, Height: 30})
		out := app.render()
		plain := ansi.Strip(out)
		// Only the UI's own styling may start with ESC.
		rest := regexp.MustCompile("\x1b\\[[0-9;:]*m").ReplaceAllString(out, "")
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u202c", "HACKED"} {
			if strings.Contains(rest, bad) {
				t.Errorf("width %d: %q reached the screen", w, bad)
			}
		}
		for i, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line %d is %d cells", w, i, ansi.StringWidth(l))
			}
		}
		if !strings.Contains(plain, "порван") {
			t.Errorf("width %d: the match is not shown:\n%s", w, plain)
		}
	}
}
