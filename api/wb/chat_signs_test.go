package wb_test

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// Signs rotate: each message sent gives the chat a new one and the old is
// refused with 400. A refused sign is refreshed from the chat list and the
// message sent once more; the sign a send answers with is kept.
func TestSendMessageRefreshesARefusedSign(t *testing.T) {
	h := contract.Start(t, sandbox.Options{NoLimits: true, Modes: sandbox.Modes{RotatingChatSigns: true}}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBChat: {}}
	})
	ctx := chatCtx(t)
	c, colleague := wb.New(h.Transport), wb.New(h.Transport)
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	chatID, stale := chats[0].ChatID, chats[0].ReplySign
	if _, err := colleague.Chats(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := colleague.SendMessage(ctx, wb.SendMessage{ChatID: chatID, Text: "Коллега ответил первым"}); err != nil {
		t.Fatal(err)
	}
	lists := h.Validator.Seen()["GET /api/v1/seller/chats"]
	sends := h.Validator.Seen()["POST /api/v1/seller/message"]
	ev, err := c.SendMessage(ctx, wb.SendMessage{ChatID: chatID, ReplySign: stale, Text: "Здравствуйте! Уточняем."})
	if err != nil {
		t.Fatalf("a rotated sign was not refreshed: %v", err)
	}
	if ev.Text() != "Здравствуйте! Уточняем." {
		t.Errorf("sent %+v", ev)
	}
	if n := h.Validator.Seen()["GET /api/v1/seller/chats"] - lists; n != 1 {
		t.Errorf("%d chat list reads after a refusal, want 1", n)
	}
	if n := h.Validator.Seen()["POST /api/v1/seller/message"] - sends; n != 2 {
		t.Errorf("%d sends, want the refused one and one retry", n)
	}
	kept, _ := c.ReplySign(chatID)
	if kept == stale || kept == "" {
		t.Fatalf("the sign from the answer was not kept: %q", kept)
	}
	// The next message goes out with the kept sign, even when the caller
	// still holds the old one: no refusal, no list read.
	lists, sends = h.Validator.Seen()["GET /api/v1/seller/chats"], h.Validator.Seen()["POST /api/v1/seller/message"]
	if _, err := c.SendMessage(ctx, wb.SendMessage{ChatID: chatID, ReplySign: stale, Text: "И ещё одно."}); err != nil {
		t.Fatal(err)
	}
	if h.Validator.Seen()["GET /api/v1/seller/chats"] != lists || h.Validator.Seen()["POST /api/v1/seller/message"] != sends+1 {
		t.Errorf("the kept sign was not used: %v", h.Validator.Seen())
	}
	// A sign that is simply wrong is refused once more after the list
	// read, and the refusal is what the caller gets.
	_, err = c.SendMessage(ctx, wb.SendMessage{ChatID: "", ReplySign: stale, Text: "Без чата"})
	if e, ok := api.AsError(err); !ok || e.Status != 400 {
		t.Errorf("a stale sign without a chat: %v", err)
	}
}
