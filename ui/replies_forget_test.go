package ui

import (
	"context"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
)

// A delivered "viewed" mark arrives while the answer to the same question
// is being typed: the unsaved draft must stay pending (a kill -9 right
// after would otherwise lose it); a delivered answer drops it.
func TestDeliveredEntryForgetsOnlyAnswers(t *testing.T) {
	cases := []struct {
		kind   reply.Kind
		forget bool
	}{
		{reply.KindQuestionViewed, false},
		{reply.KindFeedbackReturn, false},
		{reply.KindQuestionAnswer, true},
		{reply.KindChatMessage, true},
	}
	for _, c := range cases {
		t.Run(string(c.kind), func(t *testing.T) {
			drafts, err := reply.OpenDrafts(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			ob, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir(), Drafts: drafts})
			if err != nil {
				t.Fatal(err)
			}
			r, err := NewReplies("default", ob, drafts, nil)
			if err != nil {
				t.Fatal(err)
			}
			env := NewEnv(context.Background(), "en")
			env.Replies = r
			app := New(env, AppOptions{FixedTheme: true})
			e := reply.Entry{ID: "e1", Profile: "default", Kind: c.kind, ItemID: "q1", State: reply.StateSent}
			k := e.DraftKey()
			if k.Marketplace != api.Wildberries {
				t.Fatalf("key %v", k)
			}
			r.Touch(k, reply.Draft{Text: "Здравствуйте! Размер M"}, time.Now())
			app.Update(OutboxSettledMsg{Entry: e})
			if got := r.Debounce.Pending(k); got == c.forget {
				t.Errorf("draft pending after delivery: %v, want %v", got, !c.forget)
			}
		})
	}
}
