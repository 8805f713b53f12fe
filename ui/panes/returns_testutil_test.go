package panes

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/api/ym"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Test helpers of the returns and claims panes (prefix rc: the package is
// shared with the other panes' tests).

var rcFixedNow = time.Date(2026, 3, 14, 9, 41, 0, 0, time.UTC)

func rcEnv(lang i18n.Lang) ui.Env {
	env := ui.NewEnv(context.Background(), lang)
	env.Styles = theme.NewWith(theme.Options{Dark: true, NoColor: true})
	env.Now = func() time.Time { return rcFixedNow }
	return env
}

// rcStart runs a contract-validated sandbox on the fixed clock, without
// rate limits on either side: these tests are about the panes.
func rcStart(t *testing.T, opts sandbox.Options) (Deps, *contract.Harness) {
	t.Helper()
	opts.Now = func() time.Time { return rcFixedNow }
	opts.NoLimits = true
	h := contract.Start(t, opts, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBReturns: {}}
	})
	return Deps{YM: ym.New(h.Transport, sandbox.CampaignID), WB: wb.New(h.Transport), Profile: "test"}, h
}

// rcDrive feeds msgs to m and then every message its commands produce,
// until none are left: a synchronous Bubble Tea runtime. Spinner frames
// are not followed (they tick forever); Quit ends the run and is reported.
func rcDrive(m interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
}, msgs ...tea.Msg) {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		pane, cmd := m.Update(msg)
		if _, key := msg.(tea.KeyPressMsg); key && pane.Mode() == ui.ModeEdit {
			continue // a form's cursor blink: a timer that would stall the run
		}
		queue = append(queue, rcRun(cmd)...)
	}
}

// rcDriveApp is rcDrive for the root model; it reports whether the app
// asked to quit.
func rcDriveApp(a *ui.App, msgs ...tea.Msg) (quit bool) {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			quit = true
			continue
		}
		_, cmd := a.Update(msg)
		if _, key := msg.(tea.KeyPressMsg); key && a.Focused().Mode() == ui.ModeEdit {
			continue // a form's cursor blink: a timer that would stall the run
		}
		queue = append(queue, rcRun(cmd)...)
	}
	return quit
}

// rcRun executes a command and flattens batches.
func rcRun(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, rcRun(c)...)
		}
		return out
	case spinner.TickMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

func rcKey(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// rcKeys turns key names into messages; a name longer than one rune that
// is not a special key is typed rune by rune.
func rcKeys(ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		switch k {
		case "enter", "esc", "down", "up", "right", "left", "tab", "backspace":
			out = append(out, rcKey(k))
			continue
		}
		for _, r := range k {
			out = append(out, rcKey(string(r)))
		}
	}
	return out
}

// rcSized sends the size and runs Init: a pane as the app starts it.
func rcSized(p ui.Pane, w, h int) {
	p.SetSize(w, h)
	rcDrive(p, rcRun(p.Init())...)
}

// rcLines is the view without trailing blanks, for error messages.
func rcLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
