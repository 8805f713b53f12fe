package store

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
)

// A chat's reply sign is replaced by the one a send answered with, and by
// the one an event that (re)opens the chat carries: Wildberries refuses a
// replaced sign, so the store must not hand the old one out again.
func TestChatReplySignIsKeptCurrent(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	chat := models.Chat{ChatID: "1:c", ClientName: "Иван", ReplySign: "sign-1",
		LastMessage: &models.ChatLastMessage{Text: "Где заказ?", AddTimestamp: models.UnixMillis(t0.UnixMilli())}}
	if _, err := s.PutChats(ctx, []models.Chat{chat}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetChatReplySign(ctx, "1:c", "sign-2"); err != nil {
		t.Fatal(err)
	}
	if c, ok, err := s.GetChat(ctx, "1:c"); err != nil || !ok || c.ReplySign != "sign-2" || c.ClientName != "Иван" {
		t.Fatalf("after a send: %+v %v", c, err)
	}
	ev := models.ChatEvent{ChatID: "1:c", EventID: "e1", EventType: models.ChatEventMessage, Sender: models.ChatSenderClient,
		IsNewChat: true, ReplySign: "sign-3", AddTimestamp: models.UnixMillis(t0.UnixMilli() + 1000), Message: &models.ChatMessage{Text: "Снова я"}}
	if _, err := s.PutChatEvents(ctx, []models.ChatEvent{ev}); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := s.GetChat(ctx, "1:c"); c.ReplySign != "sign-3" {
		t.Fatalf("an opening event's sign was not kept: %q", c.ReplySign)
	}
	if err := s.SetChatReplySign(ctx, "1:unknown", "x"); err != nil {
		t.Errorf("a sign for a chat not stored: %v", err)
	}
}
