package app

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestTeamRepliesCarryTheAgent: each agent's inbox queues replies under
// the agent's name, so that a colleague's second reply to the item is
// refused with that name, and the outbox and audit know who sent what.
func TestTeamRepliesCarryTheAgent(t *testing.T) {
	ctx := context.Background()
	sess := demoSession(t)
	team := startTeam(t, sess)
	defer team.Stop()
	anna, err := team.NewInbox(ui.NewEnv(ctx, i18n.EN), "anna")
	if err != nil {
		t.Fatal(err)
	}
	ivan, err := team.NewInbox(ui.NewEnv(ctx, i18n.RU), "ivan")
	if err != nil {
		t.Fatal(err)
	}
	reject := reply.Entry{Kind: reply.KindQuestionReject, ItemID: "q-held", Text: "Вопрос не о товаре, отклоняем."}
	msg := anna.Replies.Enqueue(reject)().(ui.OutboxMsg)
	if msg.Err != nil || msg.Entry.Agent != "anna" {
		t.Fatalf("anna's rejection: %+v", msg)
	}
	// The rejection waits out its undo window: ivan's answer meets it.
	answer := reply.Entry{Kind: reply.KindQuestionAnswer, ItemID: "q-held", Text: "Здравствуйте! Да, подойдёт."}
	got := ivan.Replies.Enqueue(answer)().(ui.OutboxMsg)
	var inflight *reply.InFlightError
	if !errors.As(got.Err, &inflight) || inflight.Agent != "anna" {
		t.Fatalf("ivan's answer: %v, want refused as anna's", got.Err)
	}
	if text := ui.ErrorText(got.Err, i18n.New(i18n.RU)); text != "anna уже отвечает на этот элемент: ответ отправляется" {
		t.Errorf("ivan reads %q", text)
	}
}

// TestTeamDraftsBelongToEachAgent: two agents writing to the same buyer
// keep their own drafts, and a new session of the team (a server
// restart) gives each agent theirs back and nobody else's.
func TestTeamDraftsBelongToEachAgent(t *testing.T) {
	ctx := context.Background()
	sess := demoSession(t)
	team := startTeam(t, sess)
	inbox := func(agent string) *Inbox {
		in, err := team.NewInbox(ui.NewEnv(ctx, i18n.RU), agent)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	anna, ivan := inbox("anna"), inbox("ivan")
	texts := map[string]string{"anna": "Здравствуйте! Проверим наличие.", "ivan": "Добрый день, размер есть."}
	for agent, in := range map[string]*Inbox{"anna": anna, "ivan": ivan} {
		k := in.Replies.Key(ui.PaneQuestions, "q-1")
		if err := in.Replies.Drafts.Put(k, reply.Draft{Text: texts[agent]}); err != nil {
			t.Fatal(err)
		}
		in.Replies.Touch(k, reply.Draft{Text: texts[agent]}, time.Now())
	}
	for agent, in := range map[string]*Inbox{"anna": anna, "ivan": ivan} {
		if d, ok := in.Replies.Draft(in.Replies.Key(ui.PaneQuestions, "q-1")); !ok || d.Text != texts[agent] {
			t.Errorf("%s sees the draft %q, want their own", agent, d.Text)
		}
	}
	anna.Stop()
	ivan.Stop()
	team.Stop()
	// the server starts again
	team = startTeam(t, sess)
	defer team.Stop()
	for _, agent := range []string{"anna", "ivan", "olga"} {
		in := inbox(agent)
		d, ok := in.Replies.Draft(in.Replies.Key(ui.PaneQuestions, "q-1"))
		if agent == "olga" {
			if ok {
				t.Errorf("olga got %q", d.Text)
			}
			continue
		}
		if !ok || d.Text != texts[agent] {
			t.Errorf("after the restart %s has %q, want %q", agent, d.Text, texts[agent])
		}
	}
}

// demoSession opens the demo in an isolated home, closed with the test.
func demoSession(t *testing.T) *Session {
	t.Helper()
	isolate(t)
	sess, err := Open(context.Background(), Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	return sess
}

// startTeam starts the team's services over sess; the test stops them.
func startTeam(t *testing.T, sess *Session) *Team {
	t.Helper()
	team, err := sess.StartTeam(context.Background(), func(tea.Msg) {})
	if err != nil {
		t.Fatal(err)
	}
	return team
}
