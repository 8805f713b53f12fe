package panes

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Every pane's `f` menu is drawn over its list, which stays visible
// around the form (the returns and claims menus used to blank the
// screen), and the footer names the form's keys.
func TestFilterMenuOverlaysTheList(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	tests := []struct {
		name  string
		pane  ui.Pane
		title string
	}{
		{"returns", rcReturns(t, d, i18n.EN, 120, 30), "returns.filter.title"},
		{"claims", rcClaims(t, d, i18n.EN, 120, 30), "claims.filter.title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := tc.pane.(interface{ Env() ui.Env }).Env()
			top := strings.Split(ansi.Strip(tc.pane.View()), "\n")[0]
			rcDrive(tc.pane, rcKey("f"))
			view := ansi.Strip(tc.pane.View())
			if tc.pane.Mode() != ui.ModeEdit || !strings.Contains(view, env.Tr.Get(tc.title)) {
				t.Fatalf("no menu (mode %v):\n%s", tc.pane.Mode(), view)
			}
			if strings.TrimSpace(top) == "" || strings.Split(view, "\n")[0] != top {
				t.Errorf("the list is not around the menu (first line was %q):\n%s", top, view)
			}
			if h := tc.pane.ShortHelp(); len(h) == 0 || h[0].Help() != env.Keys.Form.Apply.Help() {
				t.Errorf("footer %v, want the form's keys", h)
			}
			rcDrive(tc.pane, rcKey("esc"))
			if tc.pane.Mode() != ui.ModeNormal {
				t.Errorf("esc left mode %v", tc.pane.Mode())
			}
		})
	}
}
