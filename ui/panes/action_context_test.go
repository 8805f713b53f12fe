package panes

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Writing an answer keeps the item in sight: the question is drawn above
// the editor (a rule between them), as a mail client shows the message
// under reply. Goldens at 80×24 and 120×40 in both languages.
func TestEditorContextGolden(t *testing.T) {
	typed := []string{"a", "Д", "а", ",", " ", "е", "с", "т", "ь"}
	// no viewed mark: when it reaches the outbox would race the status bar
	quiet := func(env ui.Env, d Deps) ui.Pane {
		p := newQuestionsPane(env, d).(*questionsPane)
		p.markViewed = false
		return p
	}
	wbGoldenEnv(t, quiet, []wbScene{
		{"editor", [2]int{80, 24}, typed},
		{"editor", [2]int{120, 40}, typed},
	}, true)
}

// The editor shows the item it answers above it, and sending moves the
// cursor on to the next item that needs the seller (as n does).
func TestEditorShowsTheItemAndSendMovesOn(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredQuestions(t, c, newWBWStores(t))
	q := wbwSelect(t, p, func(r *questionRow) bool { return !r.q.Answered() }).q
	wbDrive(t, p, wbKey("a"))
	view := stripSGR(p.View())
	title := p.env.Tr.Get("wbq.title.answer", wbLine(q.ProductDetails.ProductName))
	text := strings.Fields(wbLine(q.Text))[0]
	at, top := strings.Index(view, title), strings.Index(view, text)
	if at < 0 || top < 0 || top > at || !strings.Contains(view[top:at], "───") {
		t.Fatalf("the question (%q) is not above the editor (%q) with a rule between:\n%s", text, title, view)
	}

	wbDrive(t, p, wbwPaste("Здравствуйте! Да, есть все размеры"), wbwCtrl('s'))
	if got := wbwQueued(p.env.Replies, reply.KindQuestionAnswer); len(got) != 1 || got[0].ItemID != q.ID {
		t.Fatalf("queued %+v", got)
	}
	next, ok := p.Selected()
	if !ok || next.q.ID == q.ID || next.q.Answered() {
		t.Fatalf("the cursor did not move on to an unanswered question: %+v", next.q.ID)
	}
}

// The kinds of entry that settle their item move the cursor on; an edit
// of an answer and a return request do not.
func TestSettlingKinds(t *testing.T) {
	for _, tc := range []struct {
		kind reply.Kind
		want bool
	}{
		{reply.KindQuestionAnswer, true}, {reply.KindQuestionReject, true}, {reply.KindFeedbackAnswer, true},
		{reply.KindChatMessage, true}, {reply.KindClaimAnswer, true}, {reply.KindReturnDecision, true},
		{reply.KindQuestionEdit, false}, {reply.KindFeedbackEdit, false}, {reply.KindFeedbackReturn, false},
		{reply.KindQuestionViewed, false},
	} {
		if got := settles(tc.kind); got != tc.want {
			t.Errorf("settles(%s) = %v, want %v", tc.kind, got, tc.want)
		}
	}
}

// While a return's decisions load, the sentence names the key that
// cancels as it is bound (it used to spell esc whatever the config said).
func TestDecisionsLoadingNamesTheCancelKey(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		env := w.env(lang)
		env.Keys.Form.Cancel = key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "cancel"))
		p := newReturnsPane(env, d).(*returnsPane)
		rcSized(p, 120, 30)
		it, ok := p.Selected()
		if !ok {
			t.Fatal("no return")
		}
		for i, x := range p.Items() {
			if x.waiting {
				rcSelect(p, i)
				it = x
				break
			}
		}
		p.startDecide(it) // the decisions' read is not run: they stay loading
		p.Update(nil)
		view := ansi.Strip(p.View())
		if !strings.Contains(view, "ctrl+g") || strings.Contains(view, "esc") {
			t.Errorf("%s: the loading line does not name ctrl+g:\n%s", lang, view)
		}
		rcDrive(p, tea.KeyPressMsg{Code: 'g', Mod: tea.ModCtrl})
		if p.acts.open != nil {
			t.Errorf("%s: ctrl+g did not cancel", lang)
		}
	}
}
