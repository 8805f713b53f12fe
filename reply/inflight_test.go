package reply_test

import (
	"errors"
	"testing"

	"github.com/sellerinbox/sellerinbox/reply"
)

// TestOneReplyInFlightPerItem: while a reply to an item is on its way, a
// second reply that would end the item's turn is refused, naming the agent
// who queued the first; chat messages of one agent queue one after
// another. Before, only a second entry of the very same kind was refused,
// without a name, so an answer and a rejection of one question (or two
// agents' chat messages) could both go out.
func TestOneReplyInFlightPerItem(t *testing.T) {
	first := func(kind reply.Kind, agent string) reply.Entry {
		e := reply.Entry{Profile: "main", Kind: kind, ItemID: "q-1", Agent: agent, Text: "Здравствуйте! Да, подойдёт."}
		if kind == reply.KindQuestionViewed {
			e.Text = ""
		}
		if kind == reply.KindChatMessage {
			e.ItemID, e.ReplySign = "chat-1", "sign"
		}
		return e
	}
	tests := []struct {
		name    string
		queued  reply.Entry
		second  reply.Entry
		refused bool
		agent   string // named in the refusal
	}{
		{"the same answer twice", first(reply.KindQuestionAnswer, "anna"), first(reply.KindQuestionAnswer, "ivan"), true, "anna"},
		{"an answer then a rejection", first(reply.KindQuestionAnswer, "anna"), first(reply.KindQuestionReject, "anna"), true, "anna"},
		{"a local app's second answer", first(reply.KindQuestionAnswer, ""), first(reply.KindQuestionAnswer, ""), true, ""},
		{"viewed is no answer", first(reply.KindQuestionViewed, "anna"), first(reply.KindQuestionAnswer, "ivan"), false, ""},
		{"one agent's chat messages", first(reply.KindChatMessage, "anna"), first(reply.KindChatMessage, "anna"), false, ""},
		{"two agents' chat messages", first(reply.KindChatMessage, "anna"), first(reply.KindChatMessage, "ivan"), true, "anna"},
		{"another item", first(reply.KindQuestionAnswer, "anna"), func() reply.Entry {
			e := first(reply.KindQuestionAnswer, "ivan")
			e.ItemID = "q-2"
			return e
		}(), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := reply.OpenOutbox(reply.OutboxOptions{Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.Enqueue(tc.queued); err != nil {
				t.Fatal(err)
			}
			got, err := o.Enqueue(tc.second)
			if !tc.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var inflight *reply.InFlightError
			if !errors.Is(err, reply.ErrDuplicate) || !errors.As(err, &inflight) || inflight.Agent != tc.agent {
				t.Fatalf("got %v, want a refusal naming %q", err, tc.agent)
			}
			if got.State != reply.StateFailed || len(o.List()) != 1 {
				t.Errorf("the refused reply is %s and %d entries are listed", got.State, len(o.List()))
			}
		})
	}
}
