package panes

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// wiredQuestions is a loaded questions pane with answering on.
func wiredQuestions(t *testing.T, c *wb.Client, s wbwStores) *questionsPane {
	t.Helper()
	env := wbwEnv(t, c, s, i18n.EN, nil)
	p := newQuestionsPane(env, wbDeps(env, c)).(*questionsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.Items()) == 0 {
		t.Fatalf("first load: err %v, %d items", p.Err(), len(p.Items()))
	}
	return p
}

// wbwNotices drives msgs to the end and returns the status-bar sentences
// they produced.
func wbwNotices(t *testing.T, p interface {
	Update(tea.Msg) (ui.Pane, tea.Cmd)
}, msgs ...tea.Msg) string {
	t.Helper()
	rec := &wbwRecorder{p: p}
	wbDrive(t, rec, msgs...)
	return strings.Join(rec.notices, "\n")
}

// wbwRecorder notes the notices a pane's commands produce.
type wbwRecorder struct {
	p interface {
		Update(tea.Msg) (ui.Pane, tea.Cmd)
	}
	notices []string
	held    []string // calls the app was asked to hold for the undo window
}

func (r *wbwRecorder) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	if h, ok := msg.(ui.HoldMsg); ok {
		r.held = append(r.held, h.What)
		return nil, h.Run() // what the app does once the undo window passed
	}
	if n, ok := msg.(ui.NoticeMsg); ok {
		r.notices = append(r.notices, n.Text)
		if n.Err != nil {
			r.notices = append(r.notices, n.Err.Error())
		}
	}
	return r.p.Update(msg)
}

// a answers, the outbox delivers, the question is read again and shows
// the answer; e then makes the one edit, and a second e is refused with a
// sentence. The sandbox is read back after each step.
func TestQuestionsAnswerThenEditThroughTheSandbox(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	s := newWBWStores(t)
	p := wiredQuestions(t, c, s)
	r := p.env.Replies
	q := wbwSelect(t, p, func(r *questionRow) bool { return !r.q.WasViewed }).q
	ctx := context.Background()

	wbDrive(t, p, wbKey("a"))
	if p.Mode() != ui.ModeEdit {
		t.Fatalf("a did not open the editor: mode %v", p.Mode())
	}
	text := "Здравствуйте! Да, есть все размеры 🙂"
	wbDrive(t, p, wbwPaste(text), wbwCtrl('s'))
	if p.Mode() != ui.ModeNormal {
		t.Fatalf("ctrl+s left the editor open: %s", stripSGR(p.View()))
	}
	if got := wbwQueued(r, reply.KindQuestionAnswer); len(got) != 1 || got[0].Text != text || got[0].ItemID != q.ID {
		t.Fatalf("queued %+v", got)
	}
	// the cursor went on to the next question that needs an answer
	if r, ok := p.Selected(); !ok || r.q.ID == q.ID {
		t.Fatalf("the cursor stayed on the answered question")
	}
	wbwSelect(t, p, func(r *questionRow) bool { return r.q.ID == q.ID })
	if view := stripSGR(p.View()); !contains(view, "⏳") || !contains(view, "Answer queued for sending") {
		t.Fatalf("no queued marker or line:\n%s", view)
	}
	// Opening the question also queued its viewed mark.
	if got := wbwQueued(r, reply.KindQuestionViewed); len(got) != 1 {
		t.Fatalf("viewed marks queued: %d", len(got))
	}
	wbwDeliver(t, p, r)
	back, err := c.Question(ctx, q.ID)
	if err != nil || back.Answer == nil || back.Answer.Text != text || !back.WasViewed || !back.Answer.Editable {
		t.Fatalf("sandbox after the answer: %+v %v", back, err)
	}
	// Read back into the store: the question no longer awaits an answer,
	// and the answered view shows it from there.
	if stored, _, err := p.env.Store.GetQuestion(ctx, q.ID); err != nil || stored.Answer == nil || stored.Answer.Text != text {
		t.Fatalf("the store after the delivery: %+v %v", stored.Answer, err)
	}
	if listed(p.Items(), func(r *questionRow) bool { return r.q.ID == q.ID }) {
		t.Error("the answered question is still listed as awaiting an answer")
	}
	questionsShowAnswered(t, p, q.ID)
	view := stripSGR(p.View())
	for _, want := range []string{"Answer delivered at", "✓", "e edits the answer"} {
		if !contains(view, want) {
			t.Errorf("after delivery the screen lacks %q:\n%s", want, view)
		}
	}

	wbDrive(t, p, wbKey("e"))
	if p.Mode() != ui.ModeEdit || p.acts.open.editor.Value() != text {
		t.Fatalf("e did not open the answer for editing: %v", p.acts.open)
	}
	wbDrive(t, p, wbwPaste(" Ждём вас!"), wbwCtrl('s'))
	wbwDeliver(t, p, r)
	back, err = c.Question(ctx, q.ID)
	if err != nil || back.Answer.Text != text+" Ждём вас!" || back.Answer.Editable {
		t.Fatalf("sandbox after the edit: %+v %v", back.Answer, err)
	}
	if n := wbwNotices(t, p, wbKey("e")); !contains(n, "no longer allows editing") || p.Mode() != ui.ModeNormal {
		t.Fatalf("a second edit: notice %q, mode %v", n, p.Mode())
	}
	if n := wbwNotices(t, p, wbKey("a")); !contains(n, "answered already") {
		t.Fatalf("a on an answered question: %q", n)
	}
}

// x asks before rejecting; n goes back to the text, y queues it, and the
// sandbox shows the question rejected.
func TestQuestionsRejectAsksFirst(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredQuestions(t, c, newWBWStores(t))
	r := p.env.Replies
	q := p.Items()[0].q
	wbDrive(t, p, wbKey("x"), wbwPaste("Вопрос не о товаре"), wbwCtrl('s'))
	if p.Mode() != ui.ModeConfirm || len(wbwQueued(r, reply.KindQuestionReject)) != 0 {
		t.Fatalf("ctrl+s did not ask first: mode %v", p.Mode())
	}
	if view := stripSGR(p.View()); !contains(view, "Reject the question") {
		t.Fatalf("no question on screen:\n%s", view)
	}
	wbDrive(t, p, wbKey("n"))
	if p.Mode() != ui.ModeEdit || p.acts.open.editor.Value() != "Вопрос не о товаре" {
		t.Fatalf("n did not go back to the text: mode %v", p.Mode())
	}
	wbDrive(t, p, wbwCtrl('s'), wbKey("y"))
	if got := wbwQueued(r, reply.KindQuestionReject); len(got) != 1 || got[0].Text != "Вопрос не о товаре" {
		t.Fatalf("queued %+v", got)
	}
	wbwDeliver(t, p, r)
	back, err := c.Question(context.Background(), q.ID)
	if err != nil || back.State != models.QuestionRejected {
		t.Fatalf("sandbox: %s %v", back.State, err)
	}
}

// A reply the marketplace refuses is shown as failed, and a reopens it
// with its text and the reason.
func TestQuestionsFailedReplyReopens(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredQuestions(t, c, newWBWStores(t))
	r := p.env.Replies
	q := p.Items()[0].q
	wbDrive(t, p, wbKey("x"), wbwPaste("Дубль вопроса"), wbwCtrl('s'), wbKey("y"))
	// A colleague answers on the portal before the outbox gets to it:
	// only a new question can be rejected.
	if _, err := c.AnswerQuestion(context.Background(), q.ID, "Ответ коллеги"); err != nil {
		t.Fatal(err)
	}
	got := wbwDeliver(t, p, r)
	var failed reply.Entry
	for _, e := range got {
		if e.Kind == reply.KindQuestionReject {
			failed = e
		}
	}
	if failed.State != reply.StateFailed || failed.LastError == "" {
		t.Fatalf("the rejection did not fail: %+v", failed)
	}
	wbwSelect(t, p, func(r *questionRow) bool { return r.q.ID == q.ID })
	view := stripSGR(p.View())
	if !contains(view, "Rejection not sent") || !contains(view, "✗") {
		t.Fatalf("no failure on screen:\n%s", view)
	}
	wbDrive(t, p, wbKey("a"))
	a := p.acts.open
	if a == nil || a.kind != reply.KindQuestionReject || a.editor.Value() != "Дубль вопроса" {
		t.Fatalf("a did not reopen the failed rejection: %+v", a)
	}
	if view := stripSGR(p.View()); !contains(view, firstWords(failed.LastError)) {
		t.Fatalf("the reason is not the editor's note:\n%s", view)
	}
}

// The answer limits are checked in the editor, in characters: too short
// or too long is refused inline and nothing is queued.
func TestQuestionsAnswerBoundaries(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	tests := []struct {
		name string
		text string
		ok   bool
		why  string
	}{
		{"1", "a", false, "Too short"},
		{"2", "ok", true, ""},
		{"5000", strings.Repeat("x", 5000), true, ""},
		{"5001", strings.Repeat("x", 5001), false, "Too long"},
		{"5000 cyrillic", strings.Repeat("ж", 5000), true, ""},
		{"5001 cyrillic", strings.Repeat("ж", 5001), false, "Too long"},
		{"5000 emoji", strings.Repeat("🙂", 5000), true, ""},
		{"5001 emoji", strings.Repeat("🙂", 5001), false, "Too long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := wiredQuestions(t, wbClient(t, run), newWBWStores(t))
			p.markViewed = false
			wbDrive(t, p, wbKey("a"), wbwPaste(tc.text), wbwCtrl('s'))
			got := wbwQueued(p.env.Replies, reply.KindQuestionAnswer)
			if tc.ok {
				if len(got) != 1 || utf8.RuneCountInString(got[0].Text) != utf8.RuneCountInString(tc.text) || p.Mode() != ui.ModeNormal {
					t.Fatalf("not queued: %d entries, mode %v", len(got), p.Mode())
				}
				return
			}
			if len(got) != 0 || p.Mode() != ui.ModeEdit {
				t.Fatalf("queued %d, mode %v", len(got), p.Mode())
			}
			if view := stripSGR(p.View()); !contains(view, tc.why) {
				t.Fatalf("no inline %q:\n%s", tc.why, view)
			}
		})
	}
}

// A draft survives closing the editor and a restart (a new reply layer
// over the same folders), and marks its row.
func TestQuestionsDraftRestored(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	s := newWBWStores(t)
	p := wiredQuestions(t, wbClient(t, run), s)
	wbDrive(t, p, wbKey("a"), wbwPaste("Черновик ответа"), wbKey("esc"))
	if p.Mode() != ui.ModeNormal {
		t.Fatalf("esc left mode %v", p.Mode())
	}
	if view := stripSGR(p.View()); !contains(view, ui.DraftMarker) {
		t.Fatalf("no draft marker:\n%s", view)
	}
	wbDrive(t, p, wbKey("a"))
	if got := p.acts.open.editor.Value(); got != "Черновик ответа" {
		t.Fatalf("reopened with %q", got)
	}
	wbDrive(t, p, wbKey("esc"))
	if _, err := p.env.Replies.Debounce.Flush(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	again := wiredQuestions(t, wbClient(t, run), s)
	wbDrive(t, again, wbKey("a"))
	if got := again.acts.open.editor.Value(); got != "Черновик ответа" {
		t.Fatalf("after a restart the editor has %q", got)
	}
}

// Opening a question queues its viewed mark once; with the setting off,
// never; an already viewed question gets none.
func TestQuestionsViewedMarkOnce(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	for _, on := range []bool{true, false} {
		p := wiredQuestions(t, wbClient(t, run), newWBWStores(t))
		p.markViewed = on
		unseen := wbwSelect(t, p, func(r *questionRow) bool { return !r.q.WasViewed })
		wbDrive(t, p, wbKey("enter"), wbKey("esc"), wbKey("enter"), wbKey("esc"))
		got := wbwQueued(p.env.Replies, reply.KindQuestionViewed)
		want := 0
		if on {
			want = 1
		}
		if len(got) != want || (on && got[0].ItemID != unseen.q.ID) {
			t.Fatalf("setting %v: %d viewed marks", on, len(got))
		}
		if on {
			wbwDeliver(t, p, p.env.Replies)
			if !unseen.q.WasViewed {
				t.Error("the row was not marked viewed once delivered")
			}
			if view := stripSGR(p.View()); contains(view, "✓") {
				t.Errorf("a viewed mark shows as a reply:\n%s", view)
			}
		}
	}
}

// t opens the editor with the picker over it; the template is filled with
// the question's values.
func TestQuestionsTemplateInserted(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredQuestions(t, c, newWBWStores(t))
	q := wbwSelect(t, p, func(r *questionRow) bool { return r.q.ProductDetails.SupplierArticle != "" }).q
	wbDrive(t, p, wbKey("t"))
	if p.acts.open == nil || p.acts.open.picker == nil {
		t.Fatal("t did not open the picker")
	}
	wbDrive(t, p, append(wbTyped("размер"), wbKey("enter"))...)
	got := p.acts.open.editor.Value()
	if !contains(got, q.ProductDetails.SupplierArticle) || contains(got, "{article}") {
		t.Fatalf("template not filled: %q", got)
	}
}
