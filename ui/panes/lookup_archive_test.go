package panes

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A jump (inbox, search) to a feedback the store still has unanswered: a
// colleague answered it meanwhile and the answer moved it to the archive.
// The lookup reads it by ID, shows the answer and corrects the store.
func TestFeedbackLookupFindsTheAnswerInTheArchive(t *testing.T) {
	ctx := context.Background()
	c := wbSandbox(t, sandbox.Options{Modes: sandbox.Modes{ArchiveOnAnswer: true}})
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	env := wbTestEnv(i18n.EN)
	env.Store = st

	p, err := c.Feedbacks(ctx, wb.FeedbacksQuery{IsAnswered: false, Take: 1})
	if err != nil || len(p.Feedbacks) == 0 {
		t.Fatalf("%+v %v", p, err)
	}
	f := p.Feedbacks[0]
	if _, err := st.PutFeedbacks(ctx, []models.Feedback{f}); err != nil {
		t.Fatal(err)
	}
	const text = "Ответ коллеги из личного кабинета"
	if _, err := c.AnswerFeedback(ctx, f.ID, text); err != nil {
		t.Fatal(err)
	}
	row, err := lookupFeedback(env, c)(ctx, f.ID)
	if err != nil || row.f.Answer == nil || row.f.Answer.Text != text {
		t.Fatalf("the jump shows the stale copy: %+v %v", row, err)
	}
	if got, _, _ := st.GetFeedback(ctx, f.ID); got.Answer == nil || got.Answer.Text != text {
		t.Errorf("the store was not corrected: %+v", got.Answer)
	}
	// Without the network the stored copy still answers the jump.
	if row, err := lookupFeedback(env, nil)(ctx, f.ID); err != nil || row.f.ID != f.ID {
		t.Errorf("offline lookup: %v", err)
	}
}
