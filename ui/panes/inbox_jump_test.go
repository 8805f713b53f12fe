package panes

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// End to end over every pane: jumps from the inbox and from search land on
// the item in its own tab, looked up when the tab has not loaded it.

// selectedID is the ID under a pane's cursor, as its SplitConfig.Key.
func selectedID(p ui.Pane) string {
	switch p := p.(type) {
	case *questionsPane:
		if r, ok := p.Selected(); ok {
			return r.q.ID
		}
	case *feedbacksPane:
		if r, ok := p.Selected(); ok {
			return r.f.ID
		}
	case *chatsPane:
		if r, ok := p.Selected(); ok {
			return r.c.ChatID
		}
	case *claimsPane:
		if it, ok := p.Selected(); ok {
			return it.c.ID
		}
	case *returnsPane:
		if it, ok := p.Selected(); ok {
			return it.id
		}
	}
	return ""
}

var ctrlF = tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}

// TestInboxAnswerKeyOpensTheEditorThere: `a` on an inbox row opens the
// answer editor of the item's own tab, on that item: a question a sync
// brought after the tabs opened is in its tab at once (the tab reads the
// store), and the jump finds it there.
func TestInboxAnswerKeyOpensTheEditorThere(t *testing.T) {
	w := newInboxWorld(t, sandbox.Options{})
	d := Deps{WB: w.wb, YM: w.ym, Profile: "default", Store: w.st}
	env := rcNewWorld(t, d).env(i18n.EN)
	all := New(env, d)
	inbox, questions := all[0].(*inboxPane), all[2].(*questionsPane)
	app := inboxApp(t, env, ui.AppOptions{Profile: "default"}, 120, 40, all...)
	if app.Focused() != all[0] {
		t.Fatalf("the inbox is not the first tab: %s", app.Focused().ID())
	}
	want := w.srv.AddQuestion("Подойдёт ли этот чай для холодного заваривания?")
	w.sync(t)
	inboxDrive(t, app, ui.StoreChangedMsg{Panes: []ui.PaneID{ui.PaneQuestions}})
	if !slices.ContainsFunc(questions.Items(), func(r *questionRow) bool { return r.q.ID == want }) {
		t.Fatal("the questions tab does not show the question the sync stored")
	}
	// Questions have no deadline: they follow every dated item, oldest
	// first, so the new one is the last row, one G away.
	inboxDrive(t, app, wbKey("G"))
	if r, ok := inbox.Selected(); !ok || r.u.ID != want {
		t.Fatalf("G lands on %v, not on the new question", r)
	}
	inboxDrive(t, app, wbKey("a"))
	q := app.Focused()
	if q.ID() != ui.PaneQuestions || selectedID(q) != want {
		t.Fatalf("focus %s on %q, want questions on %q", q.ID(), selectedID(q), want)
	}
	if q.Mode() != ui.ModeEdit {
		t.Errorf("the answer editor did not open: mode %v", q.Mode())
	}
	if screen := ansi.Strip(app.View().Content); !strings.Contains(screen, "ctrl+s") || !strings.Contains(screen, "Answer to the question") {
		t.Errorf("no editor on the question on screen:\n%s", screen)
	}
}

// TestSearchJumpsToTheItem: ctrl+f, a query, a pause, enter: the item's tab
// is focused with the item selected, for hits in several panes.
func TestSearchJumpsToTheItem(t *testing.T) {
	w := newInboxWorld(t, sandbox.Options{})
	d := Deps{WB: w.wb, YM: w.ym, Profile: "default", Store: w.st}
	env := wbTestEnv(i18n.RU)
	env.Store = w.st
	all := New(env, d)
	app := inboxApp(t, env, ui.AppOptions{Profile: "default"}, 120, 40, all...)
	ctx := context.Background()
	returns, _, err := w.st.ListReturns(ctx, store.ListQuery{Limit: 1})
	if err != nil || len(returns) == 0 {
		t.Fatalf("no stored return: %v", err)
	}
	panes := map[store.Pane]bool{}
	for _, query := range []string{"наушники", "размер", "царапину", returns[0].Items[0].ShopSku, "жестяной банке"} {
		if query == "жестяной банке" {
			// A question asked after the first loads: in the store (a sync
			// brought it), not in the questions tab.
			w.srv.AddQuestion("Есть ли этот чай в жестяной банке?")
			w.sync(t)
		}
		hits, err := w.st.Search(ctx, query, 200)
		if err != nil || len(hits) == 0 {
			t.Fatalf("%q: %d hits, %v", query, len(hits), err)
		}
		if query == "жестяной банке" && (hits[0].Pane != store.PaneQuestions ||
			slices.ContainsFunc(all[2].(*questionsPane).Items(), func(r *questionRow) bool { return r.q.ID == hits[0].ID })) {
			t.Fatalf("the new question %s is not a lookup: it is loaded, or not the first hit", hits[0].ID)
		}
		inboxDrive(t, app, ctrlF)
		msgs := []tea.Msg{}
		for _, r := range query {
			msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		inboxDrive(t, app, msgs...)
		if screen := ansi.Strip(app.View().Content); !strings.Contains(screen, "Поиск: "+query) {
			t.Fatalf("%q: the overlay is not open:\n%s", query, screen)
		}
		inboxDrive(t, app, wbKey("enter"))
		p := app.Focused()
		if p.ID() != hits[0].Pane || selectedID(p) != hits[0].ID {
			t.Errorf("%q: focus %s on %q, want %s on %q", query, p.ID(), selectedID(p), hits[0].Pane, hits[0].ID)
		}
		panes[hits[0].Pane] = true
	}
	if len(panes) < 3 {
		t.Errorf("the queries reached only %v: too few panes to prove the jumps", panes)
	}
}
