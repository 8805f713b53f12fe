package syncer

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
)

// A colleague answers a feedback on the portal and, as the archive method
// says an answer does, it moves to the archive: it is in neither list the
// sync reads. The reconciling sweep finds it in the archive and stores
// its answer, instead of only dropping it from the inbox.
func TestSyncFindsAnsweredFeedbackInTheArchive(t *testing.T) {
	e := newEnv(t, sandbox.Options{NoLimits: true, Modes: sandbox.Modes{ArchiveOnAnswer: true}}, fastLimits())
	ctx := context.Background()
	st := openTemp(t)
	sy := e.syncer(st, SyncOptions{Limits: fastLimits(), ReconcileEvery: time.Nanosecond})
	syncAll(t, sy, store.PaneFeedbacks)

	p, err := e.wb.Feedbacks(ctx, wb.FeedbacksQuery{IsAnswered: false, Take: 50, Order: wb.DateDesc})
	if err != nil || len(p.Feedbacks) == 0 {
		t.Fatalf("unanswered: %d, %v", len(p.Feedbacks), err)
	}
	f := p.Feedbacks[len(p.Feedbacks)-1] // an older one: only a reconcile reaches it
	if row, ok, _ := st.Get(ctx, store.KindFeedback, f.ID); !ok || !row.NeedsAction {
		t.Fatalf("before: %+v %v", row, ok)
	}
	const text = "Ответ коллеги из личного кабинета"
	if _, err := e.wb.AnswerFeedback(ctx, f.ID, text); err != nil {
		t.Fatal(err)
	}
	arch, err := e.wb.FeedbacksArchive(ctx, wb.ArchiveQuery{Take: 5000, Order: wb.DateDesc})
	if err != nil {
		t.Fatal(err)
	}
	inArchive := false
	for _, a := range arch {
		inArchive = inArchive || a.ID == f.ID
	}
	if !inArchive {
		t.Fatal("the sandbox did not move the answered feedback to the archive")
	}

	syncAll(t, sy, store.PaneFeedbacks)
	row, ok, err := st.Get(ctx, store.KindFeedback, f.ID)
	if err != nil || !ok || row.NeedsAction {
		t.Fatalf("after: %+v %v %v", row, ok, err)
	}
	got, _, err := st.GetFeedback(ctx, f.ID)
	if err != nil || got.Answer == nil || got.Answer.Text != text {
		t.Fatalf("the stored feedback does not show the answer: %+v %v", got.Answer, err)
	}
}
