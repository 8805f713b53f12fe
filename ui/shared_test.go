package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func sharedTestReplies(t *testing.T) *Replies {
	t.Helper()
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
	return r
}

// A viewer's session refuses every send at the shared entry points (the
// outbox's Enqueue, a held direct call) with a sentence in the session's
// language, and nothing reaches the outbox.
func TestReadOnlyRefusesSends(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		t.Run(string(lang), func(t *testing.T) {
			r := sharedTestReplies(t)
			env := NewEnv(context.Background(), lang)
			env.Replies, env.ReadOnly = r, true
			app := New(env, AppOptions{FixedTheme: true})
			want := env.Tr.Get("readonly.refused")
			if want == "" || want == "readonly.refused" {
				t.Fatalf("no sentence: %q", want)
			}
			msg := r.Enqueue(reply.Entry{Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Здравствуйте! Размер M подойдёт."})()
			out, ok := msg.(OutboxMsg)
			var ro ReadOnlyError
			if !ok || !errors.As(out.Err, &ro) || ErrorText(out.Err, env.Tr) != want {
				t.Fatalf("enqueue: %#v, want the refusal %q", msg, want)
			}
			if cmd := r.Enqueue(reply.Entry{Kind: reply.KindQuestionViewed, ItemID: "q1"}); cmd != nil {
				t.Errorf("a viewer's viewed mark was queued")
			}
			ran := false
			app.Update(HoldMsg{What: "pin", Run: func() tea.Cmd { ran = true; return nil }})
			if ran || ErrorText(app.bar.notice.Err, env.Tr) != want {
				t.Errorf("held call: ran %v, notice %v", ran, app.bar.notice)
			}
			if n := len(r.Outbox.List()); n != 0 {
				t.Errorf("outbox holds %d entries", n)
			}
		})
	}
}

// Without ReadOnly the same entry is queued (the refusal is the flag's).
func TestNotReadOnlyQueues(t *testing.T) {
	r := sharedTestReplies(t)
	env := NewEnv(context.Background(), i18n.EN)
	env.Replies = r
	New(env, AppOptions{FixedTheme: true})
	msg := r.Enqueue(reply.Entry{Kind: reply.KindQuestionAnswer, ItemID: "q1", Text: "Здравствуйте! Размер M подойдёт."})()
	if out := msg.(OutboxMsg); out.Err != nil || len(r.Outbox.List()) != 1 {
		t.Fatalf("enqueue: %#v", out)
	}
}

// The outbox is attempted outside the app: an entry reported sent drops
// its draft from the app's memory and debouncer, and the status bar
// confirms the delivery.
func TestSharedOutboxSettled(t *testing.T) {
	r := sharedTestReplies(t)
	env := NewEnv(context.Background(), i18n.EN)
	env.Replies = r
	app := New(env, AppOptions{FixedTheme: true})
	e := reply.Entry{ID: "e1", Profile: "default", Kind: reply.KindQuestionAnswer, ItemID: "q1", State: reply.StateSent}
	k := e.DraftKey()
	r.Touch(k, reply.Draft{Text: "Здравствуйте!"}, app.now())
	app.Update(OutboxSettledMsg{Entry: e})
	if r.Debounce.Pending(k) {
		t.Error("the sent reply's draft is still pending")
	}
	if _, ok := r.Draft(k); ok {
		t.Error("the sent reply's draft is still shown")
	}
	if !strings.Contains(app.bar.notice.Text, "delivered") {
		t.Errorf("notice %q does not confirm the delivery", app.bar.notice.Text)
	}
}
