package panes

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestClaimDialogCannotFlip reproduces "two enters approved the wrong
// decision": the agent chose an action and typed a comment into the
// dialog; its spaces moved the choice and two enters confirmed it. Now
// only ←/→ (h/l) change the choice, words go into the comment field of
// the dialog, and the confirmation's default (enter) is no.
func TestClaimDialogCannotFlip(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	const comment = "Брак не подтвердился по фото"
	tests := []struct {
		name   string
		action models.ClaimAction
		keys   []string
		inText string // what the comment field holds afterwards; "" none
	}{
		{"comment typed on the reject action, two enters", models.ClaimRejectCustom,
			[]string{comment, "enter", "enter"}, comment},
		{"words on an approval, two enters", models.ClaimApprove1,
			[]string{"ок да", "enter", "enter"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := rcNewWorld(t, d)
			p := rcClaimsWorld(t, w, i18n.EN)
			rcSelect(p, rcClaimWith(t, p, tt.action))
			rcDrive(p, rcKey("a"))
			rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, claimFieldAction, string(tt.action))
			rcDrive(p, rcKeys(tt.keys...)...)
			if n := len(w.outbox.List()); n != 0 {
				t.Fatalf("%d entries queued: %+v", n, w.outbox.List())
			}
			a := p.acts.open
			if a == nil {
				t.Fatal("the dialog closed")
			}
			if got := a.form.Value(claimFieldAction); got != string(tt.action) {
				t.Errorf("the choice moved from %s to %s", tt.action, got)
			}
			if tt.inText != "" && (a.editor == nil || !strings.Contains(a.editor.Value(), tt.inText)) {
				t.Errorf("the comment field does not hold %q:\n%s", tt.inText, rcLines(p.View()))
			}
		})
	}
	t.Run("the confirmation names the action, enter is no, y queues", func(t *testing.T) {
		w := rcNewWorld(t, d) // no draft from the cases above
		p := rcClaimsWorld(t, w, i18n.EN)
		// a narrower list leaves the question's action on one line
		rcDrive(p, rcKey("<"), rcKey("<"))
		rcSelect(p, rcClaimWith(t, p, models.ClaimRejectCustom))
		rcDrive(p, rcKey("a"))
		rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, claimFieldAction, string(models.ClaimRejectCustom))
		rcDrive(p, rcKeys(comment)...)
		rcDrive(p, rcCtrl('s'))
		label := p.Env().Tr.Label("wb.claim_action", string(models.ClaimRejectCustom))
		if p.Mode() != ui.ModeConfirm || !strings.Contains(ansi.Strip(p.View()), label) {
			t.Fatalf("the confirmation does not name %q:\n%s", label, rcLines(p.View()))
		}
		rcDrive(p, rcKey("enter"))
		if p.Mode() == ui.ModeConfirm || len(w.outbox.List()) != 0 {
			t.Fatal("enter confirmed")
		}
		rcDrive(p, rcCtrl('s'), rcKey("y"))
		if l := w.outbox.List(); len(l) != 1 || l[0].Action != string(models.ClaimRejectCustom) || l[0].Text != comment {
			t.Fatalf("queued %d: %q %q", len(l), l[0].Action, l[0].Text)
		}
	})
}

// TestMarketDialogCannotFlip: words typed on the decision go into the
// comment (spaces used to cycle the decision), two enters confirm
// nothing, the comment wraps inside the 64-column dialog instead of
// scrolling past 24 characters, and a comment Market expects is asked for
// before the confirmation.
func TestMarketDialogCannotFlip(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	var w *rcWorld
	probe := rcReturns(t, d, i18n.EN, 160, 48)
	idx, avail := rcDecidable(t, d, probe)
	const comment = "Вернём стоимость обратной пересылки 300 рублей после проверки"
	open := func(t *testing.T, decision models.YMDecisionType) *returnsPane {
		t.Helper()
		w = rcNewWorld(t, d) // no draft from another case
		for n := range idx {
			if _, ok := avail[n].Find(decision); !ok {
				continue
			}
			p := newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
			rcSized(p, 160, 48)
			rcSelect(p, idx[n])
			rcDrive(p, rcKey("a"))
			if p.acts.open == nil || p.acts.open.form == nil {
				t.Fatalf("no decision form:\n%s", rcLines(p.View()))
			}
			rcChoose(t, p, func() *ui.Form { return p.acts.open.form }, retFieldDecision, string(decision))
			return p
		}
		t.Fatalf("no return offers %s", decision)
		return nil
	}
	t.Run("words on the decision, two enters", func(t *testing.T) {
		p := open(t, models.YMDecisionRefundMoney)
		rcDrive(p, rcKeys(comment, "enter", "enter")...)
		if n := len(w.outbox.List()); n != 0 {
			t.Fatalf("%d entries queued", n)
		}
		if p.acts.open == nil || p.acts.open.form.Value(retFieldDecision) != string(models.YMDecisionRefundMoney) {
			t.Fatalf("the decision moved or the dialog closed:\n%s", rcLines(p.View()))
		}
		if got := p.acts.open.form.Value(retFieldComment); got != comment {
			t.Errorf("comment %q", got)
		}
	})
	t.Run("the comment wraps in the dialog", func(t *testing.T) {
		p := open(t, models.YMDecisionRefundMoney)
		rcDrive(p, rcKeys(comment)...)
		view := ansi.Strip(p.View())
		for _, word := range strings.Fields(comment) {
			if !strings.Contains(view, word) {
				t.Errorf("%q of the comment is not on screen (scrolled away?):\n%s", word, rcLines(view))
			}
		}
	})
	t.Run("a comment Market expects is asked for", func(t *testing.T) {
		p := open(t, models.YMDecisionDeclineRefund)
		rcDrive(p, rcKey("enter"))
		if p.Mode() == ui.ModeConfirm {
			t.Fatalf("declined without the reason's comment:\n%s", rcLines(p.View()))
		}
		if v := ansi.Strip(p.View()); !strings.Contains(v, "expects a comment") {
			t.Errorf("no sentence asks for the comment:\n%s", rcLines(v))
		}
	})
	t.Run("labels: your comment and the buyer's", func(t *testing.T) {
		p := open(t, models.YMDecisionRefundMoney)
		v := ansi.Strip(p.View())
		if !strings.Contains(v, "Your comment to Yandex Market") {
			t.Errorf("the dialog's field is not labelled as yours:\n%s", rcLines(v))
		}
		rcDrive(p, rcKey("esc"))
		if v := ansi.Strip(p.View()); !strings.Contains(v, "Buyer's comment:") {
			t.Errorf("the buyer's comment is not labelled as the buyer's:\n%s", rcLines(v))
		}
	})
}
