package store

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

func TestResolveLeavesTheInbox(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir()+"/s.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	qs := []models.Question{
		{ID: "q1", Text: "Есть ли размер M?", CreatedDate: models.Time{Time: now.Add(-time.Hour)}},
		{ID: "q2", Text: "Когда поступит?", CreatedDate: models.Time{Time: now.Add(-2 * time.Hour)}},
	}
	if _, err := st.PutQuestions(ctx, qs); err != nil {
		t.Fatal(err)
	}
	if err := st.Resolve(ctx, KindQuestion, "q1"); err != nil {
		t.Fatal(err)
	}
	if err := st.Resolve(ctx, KindQuestion, "no-such"); err != nil {
		t.Fatalf("unknown item: %v", err)
	}
	in, err := st.Inbox(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 1 || in[0].ID != "q2" {
		t.Fatalf("inbox after resolving q1: %+v", in)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c[KindQuestion].NeedsAction != 1 || c[KindQuestion].Total != 2 {
		t.Fatalf("counts: %+v", c[KindQuestion])
	}
}
