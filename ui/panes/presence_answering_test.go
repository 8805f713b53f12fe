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
	run := wbSandboxRun(t, sandbox.Options{})
	st := inboxTempStore(t)
	syncInto(t, st, wbClient(t, run), nil, store.PaneQuestions)
	env := wbTestEnv(i18n.EN)
	env.Replies = wbwReplies(t, wbClient(t, run), newWBWStores(t))
	p := newQuestionsPane(env, Deps{WB: wbClient(t, run), Store: st})
	app := ui.New(env, ui.AppOptions{FixedTheme: true, Start: ui.PaneQuestions}, p)
	rcDriveApp(app, tea.WindowSizeMsg{Width: 120, Height: 30})
	rcDriveApp(app, rcRun(p.Init())...)
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
