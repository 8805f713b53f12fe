package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
)

// BenchmarkChatEventsPage stores one page of the events feed (100 new
// events over 25 chats, the feed's page) into a store that already holds
// 5,000 chats with 20,000 events: what the chat sync pays per request.
func BenchmarkChatEventsPage(b *testing.B) {
	ctx := context.Background()
	st := openTemp(b)
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	event := func(chat, n int, at time.Time) models.ChatEvent {
		sender := models.ChatSenderClient
		if n%2 == 1 {
			sender = models.ChatSenderSeller
		}
		return models.ChatEvent{ChatID: fmt.Sprintf("c%d", chat), EventID: fmt.Sprintf("e%d-%d", chat, n), EventType: "message",
			Message: &models.ChatMessage{Text: "Здравствуйте, когда придёт заказ?"}, Sender: sender,
			AddTimestamp: models.UnixMillis(at.UnixMilli()), ClientName: "Анна"}
	}
	var seed []models.ChatEvent
	for c := range 5000 {
		for n := range 4 {
			seed = append(seed, event(c, n, base.Add(time.Duration(c*4+n)*time.Second)))
		}
	}
	if _, err := st.PutChatEvents(ctx, seed); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		page := make([]models.ChatEvent, 0, 100)
		for k := range 100 {
			page = append(page, event((i*25+k%25)%5000, 100+i*100+k, base.Add(time.Hour*24+time.Duration(i*100+k)*time.Second)))
		}
		i++
		ch, err := st.PutChatEvents(ctx, page)
		if err != nil || ch.Added != 100 {
			b.Fatalf("%+v %v", ch, err)
		}
	}
}
