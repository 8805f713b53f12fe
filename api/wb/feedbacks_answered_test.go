package wb

import (
	"errors"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// Where Wildberries treats a second POST as an edit, answering a feedback a
// colleague has answered would replace their answer and spend the one
// edit. The client reads first and sends nothing.
func TestAnswerFeedbackDoesNotOverwriteAColleague(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{Modes: sandbox.Modes{FeedbackRepostEdits: true}})
	ctx := ctxT(t)
	f := findFeedback(t, c, false, anyItem[models.Feedback])
	const colleague = "Спасибо! Ответ коллеги из личного кабинета."
	if _, err := c.AnswerFeedback(ctx, f.ID, colleague); err != nil {
		t.Fatal(err)
	}
	posts := seen(h, "POST /api/v1/feedbacks/answer")
	got, err := c.AnswerFeedback(ctx, f.ID, "Мой ответ, написанный раньше")
	if !errors.Is(err, ErrAlreadyAnswered) || !api.IsKind(err, api.KindConflict) {
		t.Fatalf("want an already-answered conflict, got %v", err)
	}
	if n := seen(h, "POST /api/v1/feedbacks/answer"); n != posts {
		t.Errorf("%d answers sent to an answered feedback", n-posts)
	}
	back, err := c.Feedback(ctx, f.ID)
	if err != nil || back.Answer == nil || back.Answer.Text != colleague || !back.Answer.Editable {
		t.Fatalf("the colleague's answer changed: %+v %v", back.Answer, err)
	}
	if got.Answer == nil || got.Answer.Text != colleague {
		t.Errorf("the conflict does not carry the feedback as read: %+v", got.Answer)
	}
	// The edit stays possible, on purpose.
	if _, err := c.EditFeedbackAnswer(ctx, f.ID, "Мой ответ, написанный раньше"); err != nil {
		t.Fatal(err)
	}
}

// The sandbox mode itself: a POST on an answered feedback is an edit.
func TestSandboxRepostIsAnEdit(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{Modes: sandbox.Modes{FeedbackRepostEdits: true}})
	ctx := ctxT(t)
	f := findFeedback(t, c, false, anyItem[models.Feedback])
	for _, text := range []string{"Первый ответ", "Второй ответ"} {
		if _, err := c.t.Do(ctx, fqRequest("POST", feedbackAnswerPath, nil, feedbackAnswerBody{ID: f.ID, Text: text})); err != nil {
			t.Fatal(err)
		}
	}
	back, err := c.Feedback(ctx, f.ID)
	if err != nil || back.Answer == nil || back.Answer.Text != "Второй ответ" || back.Answer.Editable {
		t.Fatalf("a second POST did not act as the one edit: %+v %v", back.Answer, err)
	}
}
