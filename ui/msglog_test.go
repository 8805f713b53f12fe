package ui

import (
	"bytes"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestMessageLogWritesIdentityNotContent: each message is one numbered
// line with its type, pane, sequence number and time in Update, and none
// of the texts the messages carry (buyer text in items, an error's
// wording, a paste, a notice) reaches the log.
func TestMessageLogWritesIdentityNotContent(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	env := testEnv(i18n.EN)
	s, _ := newTestSplit(env, PaneReturns, 10)
	rec := &recPane{id: PaneQuestions}
	m := NewMessageLog(New(env, AppOptions{FixedTheme: true}, s, rec), log)

	const (
		buyer  = "Верните деньги, товар пришёл разбитым"
		server = "upstream said: token=abcdef123456 refused"
		paste  = "pasted-secret-0123456789"
	)
	msgs := []tea.Msg{
		tea.WindowSizeMsg{Width: 100, Height: 30},
		keyMsg("j"),
		tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl},
		tea.PasteMsg{Content: paste},
		windowMsg[testItem]{Pane: PaneReturns, Seq: 7, Items: []testItem{{ID: "r-1", Buyer: buyer, Text: buyer}}},
		windowMsg[testItem]{Pane: PaneQuestions, Seq: 3, Err: &api.Error{Kind: api.KindServer, Message: server}},
		NoticeMsg{Text: buyer, Err: errors.New(server)},
		JumpMsg{Pane: PaneQuestions, ID: "q-42\x1b[31m"},
		searchResultMsg{seq: 5, text: buyer},
	}
	for _, msg := range msgs {
		m.Update(msg)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{
		`n=1 type=tea.WindowSizeMsg size=100x30 took=`,
		`n=2 type=tea.KeyPressMsg key=j took=`,
		`n=3 type=tea.KeyPressMsg key=ctrl\+s took=`,
		`n=4 type=tea.PasteMsg len=24 took=`,
		`n=5 type=ui.windowMsg\[ui.testItem\] pane=returns seq=7 items=1 took=`,
		`n=6 type=ui.windowMsg\[ui.testItem\] pane=questions seq=3 items=0 err=\*api.Error took=`,
		`n=7 type=ui.NoticeMsg err=\*errors.errorString took=`,
		`n=8 type=ui.JumpMsg pane=questions id=q-42\S* took=`,
		`n=9 type=ui.searchResultMsg seq=5 took=`,
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d messages:\n%s", len(lines), len(want), out.String())
	}
	for i, w := range want {
		if !regexp.MustCompile(`level=DEBUG msg=msg ` + w + `\d`).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %s", i+1, lines[i], w)
		}
	}
	for _, secret := range []string{buyer, "разбитым", server, "abcdef123456", paste, "\x1b"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("the log carries %q:\n%s", secret, out.String())
		}
	}
	if got := rec.got; len(got) == 0 {
		t.Error("the wrapped app received nothing")
	}
}

// nilTarget is a Routed message whose TargetPane panics on a nil pointer.
type nilTarget struct{ pane PaneID }

func (m *nilTarget) TargetPane() PaneID { return m.pane }

// TestMessageLogSurvivesABadMessage: a message that panics when asked for
// its pane is logged by its type, and the log goes on.
func TestMessageLogSurvivesABadMessage(t *testing.T) {
	var bad *nilTarget
	if got := describeMsg(bad); len(got) != 2 || got[1] != "*ui.nilTarget" {
		t.Errorf("describeMsg(nil *nilTarget) = %v", got)
	}
}
