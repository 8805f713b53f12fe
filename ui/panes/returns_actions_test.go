package panes

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// rcDecidable lists the positions in the list of waiting returns Yandex
// Market offers decisions on, with what it offers.
func rcDecidable(t *testing.T, d Deps, p *returnsPane) (idx []int, avail []models.YMAvailableDecisions) {
	t.Helper()
	for i, it := range p.Items() {
		if !it.waiting {
			break
		}
		a, err := d.YM.GetReturnAvailableDecisions(context.Background(), it.r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) > 0 {
			idx, avail = append(idx, i), append(avail, a)
		}
	}
	if len(idx) < 4 {
		t.Fatalf("only %d returns to decide on", len(idx))
	}
	return idx, avail
}

// rcSelectID moves the cursor to the return id: a decision sent in an
// earlier subtest takes its return out of the waiting block, and the
// rows under it move up.
func rcSelectID(t *testing.T, p *returnsPane, id int64) {
	t.Helper()
	rcDrive(p, rcKey("g"))
	for range p.List().Len() {
		if it, ok := p.Selected(); ok && it.r.ID == id {
			return
		}
		rcDrive(p, rcKey("j"))
	}
	t.Fatalf("return %d is not listed", id)
}

// rcSelect moves the cursor to position i from the top.
func rcSelect(p ui.Pane, i int) {
	rcDrive(p, rcKey("g"))
	for range i {
		rcDrive(p, rcKey("j"))
	}
}

// rcChoose cycles the focused choice field until the form shows want.
func rcChoose(t *testing.T, p ui.Pane, form func() *ui.Form, id, want string) {
	t.Helper()
	for range 20 {
		if form().Value(id) == want {
			return
		}
		rcDrive(p, rcKey("right"))
	}
	t.Fatalf("%s %q is not among the choices", id, want)
}

func rcCtrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// Each kind of decision goes from `a` through the form and the
// confirmation into the outbox, and the sandbox shows it once delivered.
func TestReturnsDecideThroughTheSandbox(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	probe := rcReturns(t, d, i18n.EN, 160, 48)
	idx, avail := rcDecidable(t, d, probe)
	bounds := func(a models.YMAvailableDecisions) *models.YMCompensationBounds {
		x, _ := a.Find(models.YMDecisionPartialMoneyRefund)
		return x.PartialCompensationBounds
	}
	tests := []struct {
		name     string
		decision models.YMDecisionType
		keys     func(a models.YMAvailableDecisions) []string // after choosing the decision
		refused  string                                       // shown by the form before a valid try
		fix      func(a models.YMAvailableDecisions) []string
		question string
		check    func(t *testing.T, d models.YMReturnDecision)
	}{
		{name: "refund", decision: models.YMDecisionRefundMoney,
			keys:     func(models.YMAvailableDecisions) []string { return []string{"up", "Вернём q1"} },
			question: "Refund ",
			check: func(t *testing.T, d models.YMReturnDecision) {
				if d.DecisionType != models.YMDecisionRefundMoney {
					t.Errorf("decision %s", d.DecisionType)
				}
			}},
		{name: "decline with a reason", decision: models.YMDecisionDeclineRefund,
			keys: func(models.YMAvailableDecisions) []string {
				return []string{"down", "right", "down", "Следы использования"}
			},
			question: "Decline return",
			check: func(t *testing.T, d models.YMReturnDecision) {
				if d.DecisionType != models.YMDecisionDeclineRefund {
					t.Errorf("decision %s", d.DecisionType)
				}
			}},
		{name: "partial refund within the bounds", decision: models.YMDecisionPartialMoneyRefund,
			keys: func(a models.YMAvailableDecisions) []string {
				return []string{"down", strconv.FormatFloat(bounds(a).MaxAmount.Value+1, 'f', 2, 64)}
			},
			refused: "the sum must be from",
			fix: func(a models.YMAvailableDecisions) []string {
				return append(rcRepeat("backspace", 20), strings.Replace(strconv.FormatFloat(bounds(a).MinAmount.Value+0.5, 'f', 2, 64), ".", ",", 1))
			},
			question: "(partial refund)",
			check: func(t *testing.T, d models.YMReturnDecision) {
				if d.DecisionType != models.YMDecisionPartialMoneyRefund {
					t.Errorf("decision %s", d.DecisionType)
				}
			}},
	}
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
			rcSized(p, 160, 48)
			rcSelectID(t, p, probe.Items()[idx[n]].r.ID)
			it, _ := p.Selected()
			badge := p.Badge()
			rcDrive(p, rcKey("a"))
			if p.Mode() != ui.ModeEdit || p.acts.open == nil || p.acts.open.form == nil {
				t.Fatalf("no decision form: mode %v\n%s", p.Mode(), rcLines(p.View()))
			}
			if v := p.View(); !strings.Contains(v, "Decision on return "+it.id) {
				t.Fatalf("form not in the detail column:\n%s", rcLines(v))
			}
			form := func() *ui.Form { return p.acts.open.form }
			rcChoose(t, p, form, retFieldDecision, string(tt.decision))
			if b := bounds(avail[n]); tt.decision == models.YMDecisionPartialMoneyRefund {
				// the most Market allows shows before a sum is typed
				most := "Refund up to " + money(b.MaxAmount.Value, string(b.MaxAmount.CurrencyID), p.Env().Tr)
				if v := stripSGR(p.View()); !strings.Contains(v, most) {
					t.Errorf("the form does not say %q:\n%s", most, rcLines(v))
				}
			}
			rcDrive(p, rcKeys(tt.keys(avail[n])...)...)
			rcDrive(p, rcKey("enter"))
			if tt.refused != "" {
				if p.Mode() != ui.ModeEdit || !strings.Contains(p.View(), tt.refused) {
					t.Fatalf("bad input accepted: mode %v\n%s", p.Mode(), rcLines(p.View()))
				}
				rcDrive(p, rcKeys(tt.fix(avail[n])...)...)
				rcDrive(p, rcKey("enter"))
			}
			if p.Mode() != ui.ModeConfirm || !strings.Contains(p.View(), tt.question) || !strings.Contains(p.View(), it.id) {
				t.Fatalf("no confirmation %q: mode %v\n%s", tt.question, p.Mode(), rcLines(p.View()))
			}
			if len(w.outbox.List()) != n {
				t.Fatal("queued before the confirmation")
			}
			rcDrive(p, rcKey("y"))
			if p.Mode() != ui.ModeNormal {
				t.Fatalf("mode %v after yes", p.Mode())
			}
			e, ok := w.replies.Latest(ui.PaneReturns, it.id)
			if !ok || e.State != reply.StateQueued || len(e.Decisions) != len(it.r.Items) {
				t.Fatalf("entry %+v", e)
			}
			rcSelectID(t, p, it.r.ID) // the cursor went on to the next return to decide
			if v := p.View(); !strings.Contains(v, "⏳") || !strings.Contains(v, "queued for sending") {
				t.Errorf("no queued marker or line:\n%s", rcLines(v))
			}
			got := w.deliver(t, p)
			if len(got) != 1 || got[0].State != reply.StateSent {
				t.Fatalf("delivery %+v", got)
			}
			rcResync(t, d, p) // the live sync reads the decided return back
			back, err := d.YM.GetReturn(context.Background(), it.r.OrderID, it.r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if back.AwaitsDecision() {
				t.Errorf("return %d still awaits a decision: %s", back.ID, back.RefundStatus)
			}
			for _, item := range back.Items {
				for _, dc := range item.Decisions {
					tt.check(t, dc)
				}
			}
			if line := p.acts.stateLine(it.id, 200); !strings.Contains(line, "delivered") {
				t.Errorf("outbox line %q", line)
			}
			if p.Badge() != badge-1 {
				t.Errorf("badge %d after the decision, want %d (the list was not reloaded)", p.Badge(), badge-1)
			}
		})
	}
}

func rcRepeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// `a` on a return that awaits nothing says so and opens nothing; esc
// while the offered decisions load cancels the flow.
func TestReturnsDecideNothingToDecide(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
	rcSized(p, 160, 48)
	rcSelect(p, p.Badge()) // the first return past the pinned block
	if it, _ := p.Selected(); it.waiting {
		t.Fatal("selected a waiting return")
	}
	n, ok := rcNoticeOf(rcCmdMsgs(p, rcKey("a")))
	if !ok || !strings.Contains(n.Text, "does not await your decision") || p.acts.open != nil {
		t.Fatalf("notice %+v, flow %+v", n, p.acts.open)
	}

	rcSelect(p, 0)
	_, cmd := p.Update(rcKey("a"))
	if p.acts.open == nil || !p.acts.open.loading || !strings.Contains(p.View(), "Asking Yandex Market") {
		t.Fatalf("no loading state:\n%s", rcLines(p.View()))
	}
	rcDrive(p, rcKey("esc"))
	rcDrive(p, rcRun(cmd)...) // the fetch lands after the cancel
	if p.acts.open != nil || p.Mode() != ui.ModeNormal {
		t.Fatalf("cancelled flow reopened: %+v", p.acts.open)
	}
}

// The form is kept as a draft: esc and `a` bring it back, and so does the
// next run of the app; the row marks the draft meanwhile.
func TestReturnsDecisionDraftRestored(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := newReturnsPane(w.env(i18n.RU), d).(*returnsPane)
	rcSized(p, 160, 48)
	idx, _ := rcDecidable(t, d, p)
	rcSelect(p, idx[0])
	it, _ := p.Selected()
	rcDrive(p, rcKey("a"))
	form := func() *ui.Form { return p.acts.open.form }
	rcChoose(t, p, form, retFieldDecision, string(models.YMDecisionDeclineRefund))
	rcDrive(p, rcKeys("up", "Черновик 🙂 q1")...)
	rcDrive(p, rcKey("esc"))
	if p.acts.open != nil || p.Mode() != ui.ModeNormal {
		t.Fatal("esc did not close the form")
	}
	if !strings.Contains(p.View(), ui.DraftMarker) {
		t.Errorf("no draft marker:\n%s", rcLines(p.View()))
	}
	check := func(p *returnsPane) {
		t.Helper()
		rcDrive(p, rcKey("a"))
		if p.acts.open == nil || p.acts.open.form == nil {
			t.Fatal("form did not open")
		}
		f := p.acts.open.form
		if f.Value(retFieldDecision) != string(models.YMDecisionDeclineRefund) || f.Value(retFieldComment) != "Черновик 🙂 q1" {
			t.Errorf("restored %q / %q", f.Value(retFieldDecision), f.Value(retFieldComment))
		}
		rcDrive(p, rcKey("esc"))
	}
	check(p)

	if _, err := w.replies.Debounce.Flush(time.Now()); err != nil {
		t.Fatal(err)
	}
	w.open(t) // the next run
	p2 := newReturnsPane(w.env(i18n.RU), d).(*returnsPane)
	rcSized(p2, 160, 48)
	rcSelect(p2, idx[0])
	if got, _ := p2.Selected(); got.id != it.id {
		t.Fatalf("selected %s, want %s", got.id, it.id)
	}
	check(p2)
}

// A decision the outbox refuses reopens the form with the reason; one that
// failed in an earlier run is shown with why, marked, and `a` brings it
// back filled in.
func TestReturnsDecisionRefusedAndFailed(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	probe := rcReturns(t, d, i18n.EN, 160, 48)
	idx, _ := rcDecidable(t, d, probe)

	p := newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
	rcSized(p, 160, 48)
	rcSelect(p, idx[0])
	it, _ := p.Selected()
	rcDrive(p, rcKey("a")) // the offered decisions arrive before the next key
	rcDrive(p, rcKey("enter"))
	if p.Mode() != ui.ModeConfirm {
		t.Fatalf("mode %v\n%s", p.Mode(), rcLines(p.View()))
	}
	p.Update(rcKey("y")) // the enqueue command is dropped: the refusal below answers it
	refusal := ui.OutboxMsg{Entry: reply.Entry{Kind: reply.KindReturnDecision, ItemID: it.id},
		Err: &api.Error{Kind: api.KindValidation, Message: "the outbox is on a full disk"}}
	rcDrive(p, refusal)
	if p.acts.open == nil || p.Mode() != ui.ModeEdit || !strings.Contains(p.View(), "the outbox is on a full disk") {
		t.Fatalf("refusal not shown in the form:\n%s", rcLines(p.View()))
	}
	rcDrive(p, rcKey("esc"))

	// an entry that failed in an earlier run
	second := probe.Items()[idx[1]]
	failed := reply.Entry{ID: "failed-decision", Profile: d.Profile, Marketplace: api.YandexMarket, Kind: reply.KindReturnDecision,
		ItemID: second.id, OrderID: second.r.OrderID, ReturnID: second.r.ID,
		Decisions: []models.YMItemDecision{{ReturnItemID: second.r.Items[0].ItemID(), DecisionType: models.YMDecisionDeclineRefund,
			DecisionReasonType: models.YMDeclineNotConfirmed, Comment: "старый комментарий"}},
		State: reply.StateFailed, LastError: "Yandex Market refused the decision", Created: time.Now(), Updated: time.Now()}
	rcWriteEntry(t, w, failed)
	w.open(t)
	p = newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
	rcSized(p, 160, 48)
	rcSelect(p, idx[1])
	if v := p.View(); !strings.Contains(v, "✗") || !strings.Contains(v, "not sent: Yandex Market refused the decision") {
		t.Errorf("failed entry not shown:\n%s", rcLines(v))
	}
	rcDrive(p, rcKey("a"))
	if p.acts.open == nil || p.acts.open.form == nil {
		t.Fatal("no form")
	}
	f := p.acts.open.form
	if f.Value(retFieldDecision) != string(models.YMDecisionDeclineRefund) || f.Value(retFieldReason) != string(models.YMDeclineNotConfirmed) ||
		f.Value(retFieldComment) != "старый комментарий" || !strings.Contains(p.View(), "refused the decision") {
		t.Errorf("form not filled from the failed decision: %q %q %q\n%s", f.Value(retFieldDecision), f.Value(retFieldReason),
			f.Value(retFieldComment), rcLines(p.View()))
	}
}

// rcWriteEntry leaves an entry in the outbox directory, as an earlier run
// of the app would have.
func rcWriteEntry(t *testing.T, w *rcWorld, e reply.Entry) {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "outbox", e.ID+".json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// With the form open, q and digits are typed, through the real app.
func TestReturnsDecisionKeyPriorityThroughApp(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	env := w.env(i18n.EN)
	returns := newReturnsPane(env, d).(*returnsPane)
	app := rcApp(env, ui.AppOptions{FixedTheme: true}, returns, newClaimsPane(env, d))
	if rcDriveApp(app, rcKey("a")) || returns.Mode() != ui.ModeEdit {
		t.Fatalf("no form: mode %v", returns.Mode())
	}
	for _, k := range rcKeys("up", "q", "1", "5", "?") {
		if rcDriveApp(app, k) {
			t.Fatalf("%v quit the app", k)
		}
		if app.Focused().ID() != ui.PaneReturns || returns.Mode() != ui.ModeEdit {
			t.Fatalf("%v: focus %s mode %v", k, app.Focused().ID(), returns.Mode())
		}
	}
	if got := returns.acts.open.form.Value(retFieldComment); got != "q15?" {
		t.Errorf("comment %q", got)
	}
	rcDriveApp(app, rcKeys("enter", "n", "esc")...) // confirm, back to the form, close
	// the comment is an unsent draft: q asks first
	if returns.Mode() != ui.ModeNormal || rcDriveApp(app, rcKey("q")) || !rcDriveApp(app, rcKey("y")) {
		t.Error("q, y does not quit once the form is closed")
	}
}

// p previews the buyer's photos in the detail column, ] and [ cycle, o
// opens and s saves the current one; the application PDF is last.
func TestReturnsPhotos(t *testing.T) {
	d, _ := rcStart(t, sandbox.Options{})
	w := rcNewWorld(t, d)
	p := newReturnsPane(w.env(i18n.EN), d).(*returnsPane)
	rcSized(p, 160, 48)
	pos := -1
	for i, it := range p.Items() {
		if len(it.r.Photos()) >= 2 && retHasApplication(it.r) {
			pos = i
			break
		}
	}
	if pos < 0 {
		t.Fatal("no return with two photos in the sandbox")
	}
	rcSelect(p, pos)
	it, _ := p.Selected()
	n := len(it.r.Photos()) + 1
	if v := rcDetailOf(p); !strings.Contains(v, "photos: "+strconv.Itoa(n-1)) || !strings.Contains(v, "p preview") {
		t.Errorf("detail does not mention the media:\n%s", rcLines(v))
	}
	rcDrive(p, rcKey("p"))
	v := p.View()
	if !p.preview.photos.On() || !strings.Contains(v, "1/"+strconv.Itoa(n)) || !strings.Contains(v, "▀") && !strings.Contains(v, "▄") {
		t.Fatalf("no preview:\n%s", rcLines(v))
	}
	rcDrive(p, rcKey("]"))
	if !strings.Contains(p.View(), "2/"+strconv.Itoa(n)) {
		t.Errorf("] did not move on:\n%s", rcLines(p.View()))
	}
	msgs := rcCmdMsgs(p, rcKey("s"))
	if nt, ok := rcNoticeOf(msgs); !ok || nt.Err != nil || !strings.Contains(nt.Text, "Saved to") {
		t.Fatalf("save: %+v", nt)
	}
	saved, _ := filepath.Glob(filepath.Join(w.dir, "saved", "return-"+it.id+"-2*"))
	if len(saved) != 1 {
		t.Errorf("saved files %v", saved)
	}
	rcDrive(p, rcKey("["), rcKey("["))
	if !strings.Contains(p.View(), strconv.Itoa(n)+"/"+strconv.Itoa(n)) || !strings.Contains(p.View(), "application.pdf") {
		t.Fatalf("[ did not wrap to the application:\n%s", rcLines(p.View()))
	}
	if nt, ok := rcNoticeOf(rcCmdMsgs(p, rcKey("o"))); !ok || nt.Err != nil || w.opener.count() != 1 {
		t.Fatalf("open: %+v, %d viewers", nt, w.opener.count())
	}
	if args := w.opener.started[0].Args; !strings.HasSuffix(args[len(args)-1], ".pdf") {
		t.Errorf("viewer started on %v", args)
	}
	rcDrive(p, rcKey("esc"))
	if p.preview.photos.On() || !strings.Contains(p.View(), "Return #"+it.id) {
		t.Errorf("esc did not bring the detail back:\n%s", rcLines(p.View()))
	}
}
