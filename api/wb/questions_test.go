package wb

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

func TestQuestionsPagingAndFilters(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{Scale: 3})
	ctx := ctxT(t)
	all, err := c.Questions(ctx, QuestionsQuery{IsAnswered: false, Take: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Questions) != all.CountUnanswered {
		t.Fatalf("one big page has %d of %d unanswered", len(all.Questions), all.CountUnanswered)
	}
	// Pages of 7 stitch into the big page, newest first, without overlap.
	var stitched []models.Question
	for skip := 0; ; skip += 7 {
		p, err := c.Questions(ctx, QuestionsQuery{IsAnswered: false, Take: 7, Skip: skip})
		if err != nil {
			t.Fatal(err)
		}
		stitched = append(stitched, p.Questions...)
		if len(p.Questions) < 7 {
			break
		}
	}
	if len(stitched) != len(all.Questions) {
		t.Fatalf("pages hold %d, the big page %d", len(stitched), len(all.Questions))
	}
	for i, q := range stitched {
		if q.ID != all.Questions[i].ID {
			t.Fatalf("item %d differs between paging and one page", i)
		}
		if q.Answered() || q.State != models.QuestionNew || q.Answer != nil {
			t.Errorf("unanswered list holds %+v", q)
		}
		if i > 0 && q.CreatedDate.After(stitched[i-1].CreatedDate.Time) {
			t.Errorf("not newest first at %d", i)
		}
	}
	asc, err := c.Questions(ctx, QuestionsQuery{IsAnswered: false, Take: 1, Order: DateAsc})
	if err != nil {
		t.Fatal(err)
	}
	if asc.Questions[0].ID != all.Questions[len(all.Questions)-1].ID {
		t.Error("dateAsc does not start with the oldest")
	}

	nm := all.Questions[0].ProductDetails.NmID
	byNm, err := c.Questions(ctx, QuestionsQuery{IsAnswered: false, NmID: nm, Take: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(byNm.Questions) == 0 || len(byNm.Questions) >= len(all.Questions) {
		t.Errorf("nmId filter kept %d of %d", len(byNm.Questions), len(all.Questions))
	}
	for _, q := range byNm.Questions {
		if q.ProductDetails.NmID != nm {
			t.Errorf("nmId filter let %d through", q.ProductDetails.NmID)
		}
	}

	from := time.Now().Add(-3 * 24 * time.Hour)
	recent, err := c.Questions(ctx, QuestionsQuery{IsAnswered: true, Take: 1000, DateFrom: from})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range recent.Questions {
		if q.CreatedDate.Before(from.Truncate(time.Second)) || !q.Answered() {
			t.Errorf("period filter let %s (%s) through", q.CreatedDate, q.State)
		}
	}
}

func TestQuestionsQueryValidatedBeforeSending(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	now := time.Now()
	cases := []struct {
		name string
		q    QuestionsQuery
		want string
	}{
		{"no take", QuestionsQuery{}, "take must be at least 1"},
		{"negative skip", QuestionsQuery{Take: 10, Skip: -1}, "skip cannot be negative"},
		{"window exceeded", QuestionsQuery{Take: 5000, Skip: 5001}, "take+skip is 10001"},
		{"take alone too big", QuestionsQuery{Take: 10001}, "take+skip is 10001"},
		{"bad order", QuestionsQuery{Take: 1, Order: "rating"}, `unknown sort order "rating"`},
		{"reversed period", QuestionsQuery{Take: 1, DateFrom: now, DateTo: now.Add(-time.Minute)}, "ends"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Questions(ctxT(t), tc.q)
			e := wantKind(t, err, api.KindValidation)
			if !strings.Contains(e.Message, tc.want) {
				t.Errorf("message %q lacks %q", e.Message, tc.want)
			}
		})
	}
	if _, err := c.Questions(ctxT(t), QuestionsQuery{Take: 5000, Skip: 5000}); err != nil {
		t.Errorf("the exact 10,000 window is allowed: %v", err)
	}
	if n := seen(h, "GET /api/v1/questions"); n != 1 {
		t.Errorf("%d requests sent, want only the valid one", n)
	}
}

// The sandbox enforces the window too, with the service's envelope error
// (validated against the spec by the harness).
func TestQuestionsWindowEnforcedByService(t *testing.T) {
	_, h := startFQ(t, sandbox.Options{})
	_, err := h.Transport.Do(ctxT(t), api.Request{Op: "GET /api/v1/questions", Service: api.ServiceWBFeedbacks, Method: http.MethodGet,
		Path: "/api/v1/questions", Query: url.Values{"isAnswered": {"false"}, "take": {"5000"}, "skip": {"5001"}}, Idempotent: true})
	e := wantKind(t, err, api.KindValidation)
	if e.Status != http.StatusBadRequest || !strings.Contains(e.Message, "10000") {
		t.Errorf("got %d %q", e.Status, e.Message)
	}
}

func TestAnswerQuestionLeavesUnansweredList(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	before, err := c.QuestionsCountUnanswered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	q := findQuestion(t, c, false, anyItem[models.Question])
	text := "Здравствуйте! Да, есть в наличии 👍"
	got, err := c.AnswerQuestion(ctx, q.ID, text)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != models.QuestionAnswered || got.Answer == nil || got.Answer.Text != text || !got.Answer.Editable || got.Answer.CreateDate.IsZero() || !got.WasViewed {
		t.Fatalf("read back %+v / %+v", got, got.Answer)
	}
	after, err := c.QuestionsCountUnanswered(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.CountUnanswered != before.CountUnanswered-1 {
		t.Errorf("unanswered %d -> %d", before.CountUnanswered, after.CountUnanswered)
	}
	p, err := c.Questions(ctx, QuestionsQuery{IsAnswered: false, Take: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range p.Questions {
		if x.ID == q.ID {
			t.Fatal("answered question still in the unanswered list")
		}
	}
	answered := findQuestion(t, c, true, func(x models.Question) bool { return x.ID == q.ID })
	if answered.Answer.Text != text {
		t.Errorf("answered list shows %q", answered.Answer.Text)
	}

	// Repeating the same answer (say after a network error) sends nothing;
	// a different one would overwrite a published answer: a conflict.
	patches := seen(h, "PATCH /api/v1/questions")
	if _, err := c.AnswerQuestion(ctx, q.ID, text); err != nil {
		t.Errorf("repeat of a landed answer: %v", err)
	}
	_, err = c.AnswerQuestion(ctx, q.ID, "Другой ответ")
	wantKind(t, err, api.KindConflict)
	if n := seen(h, "PATCH /api/v1/questions"); n != patches {
		t.Errorf("%d extra PATCHes sent", n-patches)
	}
}

func TestEditQuestionAnswerOnce(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	q := findQuestion(t, c, false, anyItem[models.Question])
	_, err := c.EditQuestionAnswer(ctx, q.ID, "Правка без ответа")
	wantKind(t, err, api.KindValidation)
	if _, err := c.AnswerQuestion(ctx, q.ID, "Первый ответ"); err != nil {
		t.Fatal(err)
	}
	got, err := c.EditQuestionAnswer(ctx, q.ID, "Исправленный ответ")
	if err != nil {
		t.Fatal(err)
	}
	if got.Answer.Text != "Исправленный ответ" || got.Answer.Editable {
		t.Fatalf("after the one edit: %+v", got.Answer)
	}
	_, err = c.EditQuestionAnswer(ctx, q.ID, "Вторая правка")
	e := wantKind(t, err, api.KindValidation)
	if !strings.Contains(e.Message, "60 days") {
		t.Errorf("message %q does not say why", e.Message)
	}
}

func TestRejectAndViewQuestion(t *testing.T) {
	c, _ := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	unseen := findQuestion(t, c, false, func(q models.Question) bool { return !q.WasViewed })
	got, err := c.MarkQuestionViewed(ctx, unseen.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.WasViewed || got.State != models.QuestionNew {
		t.Errorf("after viewing: %+v", got)
	}

	q := findQuestion(t, c, false, func(q models.Question) bool { return q.ID != unseen.ID })
	got, err = c.RejectQuestion(ctx, q.ID, "Вопрос не относится к товару")
	if err != nil {
		t.Fatal(err)
	}
	if got.State != models.QuestionRejected || !got.Answered() {
		t.Errorf("after rejecting: %+v", got)
	}
	if _, err := c.RejectQuestion(ctx, q.ID, "Ещё раз"); err != nil {
		t.Errorf("rejecting twice is a no-op: %v", err)
	}
	_, err = c.AnswerQuestion(ctx, q.ID, "Ответ на отклонённый")
	wantKind(t, err, api.KindConflict)

	answered := findQuestion(t, c, true, func(q models.Question) bool { return q.State == models.QuestionAnswered })
	_, err = c.RejectQuestion(ctx, answered.ID, "Поздно отклонять")
	wantKind(t, err, api.KindConflict)
}

// A PATCH to an unknown ID is accepted by the service; only the read-back
// shows that nothing happened.
func TestQuestionWriteToWrongIDIsNotFound(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	const wrong = "doesNotExist00000000"
	_, err := c.MarkQuestionViewed(ctx, wrong)
	e := wantKind(t, err, api.KindNotFound)
	if !strings.Contains(e.Message, wrong) {
		t.Errorf("message %q does not name the ID", e.Message)
	}
	if seen(h, "PATCH /api/v1/questions") != 1 || seen(h, "GET /api/v1/question") == 0 {
		t.Errorf("want the write sent and read back: %v", h.Validator.Seen())
	}
	for name, call := range map[string]func(context.Context, string, string) (models.Question, error){
		"answer": c.AnswerQuestion, "edit": c.EditQuestionAnswer, "reject": c.RejectQuestion,
	} {
		if _, err := call(ctx, wrong, "Текст ответа"); !api.IsKind(err, api.KindNotFound) {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err = c.Question(ctx, wrong)
	wantKind(t, err, api.KindNotFound)
}

func TestAnswerTextValidation(t *testing.T) {
	c, h := startFQ(t, sandbox.Options{})
	ctx := ctxT(t)
	q := findQuestion(t, c, false, anyItem[models.Question])
	family := "👨‍👩‍👧‍👦" // 7 runes
	cases := []struct {
		name, id, text string
		want           string
	}{
		{"empty ID", "", "Нормальный ответ", "question ID is empty"},
		{"blank ID", "  ", "Нормальный ответ", "question ID is empty"},
		{"empty text", q.ID, "", "too short"},
		{"one Cyrillic letter", q.ID, "Д", "too short"},
		{"one letter padded", q.ID, "  Д \n", "too short"},
		{"one emoji", q.ID, "👍", "too short"},
		{"5001 Cyrillic", q.ID, strings.Repeat("ж", 5001), "5001 characters"},
		{"5001 runes of emoji", q.ID, strings.Repeat(family, 714) + "abc", "5001 characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for op, call := range map[string]func(context.Context, string, string) (models.Question, error){
				"answer": c.AnswerQuestion, "edit": c.EditQuestionAnswer, "reject": c.RejectQuestion,
			} {
				_, err := call(ctx, tc.id, tc.text)
				e := wantKind(t, err, api.KindValidation)
				if !strings.Contains(e.Message, tc.want) {
					t.Errorf("%s: message %q lacks %q", op, e.Message, tc.want)
				}
			}
		})
	}
	if n := seen(h, "PATCH /api/v1/questions"); n != 0 {
		t.Errorf("%d invalid writes sent", n)
	}
	// Exactly 5000 runes (10,000 bytes of Cyrillic) and two emoji are fine.
	long := strings.Repeat("ж", 4998) + "👍👍"
	got, err := c.AnswerQuestion(ctx, q.ID, long)
	if err != nil {
		t.Fatal(err)
	}
	if got.Answer.Text != long {
		t.Error("5000-character answer came back changed")
	}
}
