package panes

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
)

// A colleague answers while our answer waits in the outbox. Where a second
// POST is an edit, sending it would replace their answer; instead the
// reply fails as "already answered", the pane says so and e offers the
// edit with our text.
func TestFeedbacksAnsweredMeanwhileOffersTheEdit(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{Modes: sandbox.Modes{FeedbackRepostEdits: true}})
	p := wiredFeedbacks(t, c, newWBWStores(t), nil)
	r := p.env.Replies
	f := p.Items()[0].f
	ctx := context.Background()

	wbDrive(t, p, wbKey("a"), wbwPaste("Мой ответ покупателю"), wbwCtrl('s'))
	const colleague = "Ответ коллеги из личного кабинета"
	if _, err := c.AnswerFeedback(ctx, f.ID, colleague); err != nil {
		t.Fatal(err)
	}
	var got reply.Entry
	for _, e := range r.Outbox.Due(wbFixedNow.AddDate(1, 0, 0)) {
		var err error
		if got, err = r.Outbox.Attempt(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got.State != reply.StateFailed || got.Refusal != reply.RefusalAnswered {
		t.Fatalf("want a refusal as answered, got %s %q: %s", got.State, got.Refusal, got.LastError)
	}
	if n := wbwNotices(t, p, ui.OutboxMsg{Entry: got}); !contains(n, "Already answered (by a colleague?)") {
		t.Fatalf("notice: %q", n)
	}
	back, err := c.Feedback(ctx, f.ID)
	if err != nil || back.Answer == nil || back.Answer.Text != colleague || !back.Answer.Editable {
		t.Fatalf("the colleague's answer was touched: %+v %v", back.Answer, err)
	}
	// Read back into the store: the feedback is answered, so it left the
	// view of those awaiting an answer; the answered view shows it.
	if listed(p.Items(), func(r *feedbackRow) bool { return r.f.ID == f.ID }) {
		t.Error("the feedback answered by a colleague is still listed as awaiting an answer")
	}
	feedbacksShowAnswered(t, p, f.ID)
	if view := stripSGR(p.View()); !contains(view, colleague) {
		t.Fatalf("the row was not read again:\n%s", view)
	}
	if n := wbwNotices(t, p, wbKey("a")); !contains(n, "Already answered") || p.Mode() != ui.ModeNormal {
		t.Fatalf("a after the refusal: %q, mode %v", n, p.Mode())
	}
	wbDrive(t, p, wbKey("e"))
	a := p.acts.open
	if a == nil || a.kind != reply.KindFeedbackEdit || a.editor.Value() != "Мой ответ покупателю" {
		t.Fatalf("e did not offer the edit with our text: %+v", a)
	}
	if view := stripSGR(p.View()); !contains(view, "answered before yours was sent") {
		t.Fatalf("the editor does not say what the edit does:\n%s", view)
	}
}

// The same for a question: the outbox does not overwrite a colleague's
// answer, the pane says so and e offers the edit with our text.
func TestQuestionsAnsweredMeanwhileOffersTheEdit(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := wiredQuestions(t, c, newWBWStores(t))
	r := p.env.Replies
	q := p.Items()[0].q
	ctx := context.Background()

	wbDrive(t, p, wbKey("a"), wbwPaste("Мой ответ на вопрос"), wbwCtrl('s'))
	const colleague = "Ответ коллеги на вопрос"
	if _, err := c.AnswerQuestion(ctx, q.ID, colleague); err != nil {
		t.Fatal(err)
	}
	var got reply.Entry
	for _, e := range r.Outbox.Due(wbFixedNow.AddDate(1, 0, 0)) {
		done, err := r.Outbox.Attempt(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if done.Kind == reply.KindQuestionAnswer {
			got = done
		}
	}
	if got.State != reply.StateFailed || got.Refusal != reply.RefusalAnswered {
		t.Fatalf("want a refusal as answered, got %s %q: %s", got.State, got.Refusal, got.LastError)
	}
	if n := wbwNotices(t, p, ui.OutboxMsg{Entry: got}); !contains(n, "Already answered (by a colleague?)") {
		t.Fatalf("notice: %q", n)
	}
	if listed(p.Items(), func(r *questionRow) bool { return r.q.ID == q.ID }) {
		t.Error("the question answered by a colleague is still listed as awaiting an answer")
	}
	if row := questionsShowAnswered(t, p, q.ID); row.q.Answer == nil || row.q.Answer.Text != colleague {
		t.Fatalf("the row was not read again: %+v", row.q.Answer)
	}
	if n := wbwNotices(t, p, wbKey("a")); !contains(n, "Already answered") {
		t.Fatalf("a after the refusal: %q", n)
	}
	wbDrive(t, p, wbKey("e"))
	if a := p.acts.open; a == nil || a.kind != reply.KindQuestionEdit || a.editor.Value() != "Мой ответ на вопрос" {
		t.Fatalf("e did not offer the edit with our text: %+v", a)
	}
}
