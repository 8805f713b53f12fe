package wb_test

import (
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
)

// The send answer's sign (WB's current document) reaches the caller on the
// returned event, so whoever keeps the chat's reply signature can take it.
func TestChatSendReturnsTheAnswersSign(t *testing.T) {
	_, c := chatHarness(t)
	ctx := chatCtx(t)
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	target := chats[3]
	ev, err := c.SendMessage(ctx, wb.SendMessage{ChatID: target.ChatID, Text: "Здравствуйте! Заменим товар."})
	if err != nil {
		t.Fatal(err)
	}
	if ev.ReplySign == "" || !strings.HasPrefix(ev.ReplySign, target.ChatID+":") {
		t.Errorf("returned event's sign = %q, want the chat's sign from the answer", ev.ReplySign)
	}
	if ev.ReplySign != target.ReplySign {
		t.Errorf("the sandbox answers the chat's current sign %q, got %q", target.ReplySign, ev.ReplySign)
	}
}
