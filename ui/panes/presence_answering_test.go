package panes

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestAnsweringIsTheEditorsItem: a pane says which item its editor writes
// to (the team's presence holds it), and the filter menu, in the same
// edit mode, writes to none.
func TestAnsweringIsTheEditorsItem(t *testing.T) {
	app, p := questionsApp(t)
	answering := p.(ui.Answering)
	rcDriveApp(app, wbKey("f"))
	if id, ok := answering.Answering(); ok || p.Mode() != ui.ModeEdit {
		t.Fatalf("the filter menu writes to %q (mode %v)", id, p.Mode())
	}
	rcDriveApp(app, wbKey("esc"), wbKey("n")) // a question that awaits an answer
	rcDriveApp(app, wbKey("a"))
	id, ok := answering.Answering()
	sel := p.(ui.Selector).SelectedKey()
	if !ok || id != sel || p.Mode() != ui.ModeEdit {
		t.Fatalf("the editor writes to %q, %v; the selected item is %q (mode %v)", id, ok, sel, p.Mode())
	}
}

// TestLateNextLeavesTheEditorsItem: n's answer (the next item that needs
// the seller) arriving after a already opened the editor does not move
// the list under the editor: the editor and the selection stay on the
// item being written to.
func TestLateNextLeavesTheEditorsItem(t *testing.T) {
	app, p := questionsApp(t)
	sel := p.(ui.Selector)
	before := sel.SelectedKey()
	_, nCmd := app.Update(wbKey("n")) // the store's answer is still on its way
	late := rcRun(nCmd)
	moved := false
	for _, m := range late {
		if next, ok := m.(interface{ TargetPane() ui.PaneID }); ok && next.TargetPane() == ui.PaneQuestions {
			moved = true
		}
	}
	if !moved {
		t.Fatal("n read nothing: the test would prove nothing")
	}
	rcDriveApp(app, wbKey("a"))
	if id, ok := p.(ui.Answering).Answering(); !ok || id != before {
		t.Fatalf("the editor writes to %q, want %q", id, before)
	}
	rcDriveApp(app, late...)
	if got := sel.SelectedKey(); got != before {
		t.Errorf("the late n moved the list under the editor from %q to %q", before, got)
	}
	if id, _ := p.(ui.Answering).Answering(); id != before {
		t.Errorf("the editor now writes to %q, want %q", id, before)
	}
}

// questionsApp is the app with a Questions pane over the sandbox's
// questions, stored, at 120x30.
func questionsApp(t *testing.T) (*ui.App, ui.Pane) {
	t.Helper()
	run := wbSandboxRun(t, sandbox.Options{})
	st := inboxTempStore(t)
	syncInto(t, st, wbClient(t, run), nil, store.PaneQuestions)
	env := wbTestEnv(i18n.EN)
	env.Replies = wbwReplies(t, wbClient(t, run), newWBWStores(t))
	p := newQuestionsPane(env, Deps{WB: wbClient(t, run), Store: st})
	app := ui.New(env, ui.AppOptions{FixedTheme: true, Start: ui.PaneQuestions}, p)
	rcDriveApp(app, tea.WindowSizeMsg{Width: 120, Height: 30})
	rcDriveApp(app, rcRun(p.Init())...)
	return app, p
}
