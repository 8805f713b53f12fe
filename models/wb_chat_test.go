package models

import (
	"encoding/json"
	"testing"
	"time"
)

// The spec's own example (2026-08) of the events feed, trimmed to the shapes that
// matter: a new chat with every attachment kind, an event without a message.
const chatEventsJSON = `{
  "result": {
    "next": 1698045576000,
    "newestEventTime": "2023-10-23T07:19:36Z",
    "oldestEventTime": "2023-10-23T05:02:20Z",
    "totalEvents": 3,
    "events": [
      {
        "chatID": "1:1e265a58-a120-b178-008c-60af2460207c",
        "eventID": "55adee45-11f0-33b6-a847-6ccc7c78b2ec",
        "eventType": "message",
        "isNewChat": true,
        "message": {
          "attachments": {
            "goodCard": {"nmID": 12345678, "price": 500,
              "priceCurrency": "RUB", "rid": "2fb52cd9e25e52538a5f05994e688ae5", "size": "0"},
            "files": [{"contentType": "application/pdf", "date": "2023-10-23T08:02:19.594Z",
              "downloadID": "ecaeb056-a4ee-45b4-ae45-666811755d38", "name": "Чек.pdf",
              "url": "https://chat-basket-01.wbbasket.ru/x.pdf", "size": 1046143}],
            "images": [{"date": "2023-10-23T08:02:20.717Z", "downloadID": "fd6be4e3-5447-41d7-a1e6-b2d3e06c3b05",
              "url": "https://chat-basket-01.wbbasket.ru/x.jpg"}]
          },
          "text": "Здравствуйте! У меня вопрос по товару"
        },
        "source": "rusite",
        "addTimestamp": 1698037340000,
        "addTime": "2023-10-23T05:02:20Z",
        "replySign": "1:1e265a58-a120-b178-008c-60af2460207c:66f1",
        "sender": "client",
        "clientName": "Алёна"
      },
      {
        "chatID": "1:1e265a58-a120-b178-008c-60af2460207c",
        "eventID": "fd22e5bf",
        "eventType": "message",
        "message": {"text": "Здравствуйте. Да, сейчас оформим возврат.", "attachments": {"files": null, "images": null}},
        "source": "seller-portal",
        "addTimestamp": 1698038124000,
        "addTime": "2023-10-23T05:15:24Z",
        "sender": "seller"
      },
      {
        "chatID": "1:1e265a58-a120-b178-008c-60af2460207c",
        "eventID": "cef95d3c",
        "eventType": "typing",
        "addTimestamp": 1698045576000,
        "addTime": "2023-10-23T07:19:36Z",
        "source": "smart-fridge",
        "sender": "bot"
      }
    ]
  },
  "errors": null
}`

func TestChatEventsDecode(t *testing.T) {
	var r ChatEventsResponse
	if err := json.Unmarshal([]byte(chatEventsJSON), &r); err != nil {
		t.Fatal(err)
	}
	p := r.Result
	if p.Next != 1698045576000 || p.TotalEvents != 3 || p.Done() || len(p.Events) != 3 {
		t.Fatalf("page header: %+v", p)
	}
	if r.Errors != nil {
		t.Errorf("errors: null must decode to nil, got %v", r.Errors)
	}
	if !p.NewestEventTime.Equal(time.Date(2023, 10, 23, 7, 19, 36, 0, time.UTC)) {
		t.Errorf("newestEventTime = %v", p.NewestEventTime)
	}

	first := p.Events[0]
	if !first.IsNewChat || first.ReplySign == "" || first.Sender != ChatSenderClient || first.Source != ChatSourceRuSite {
		t.Errorf("first event: %+v", first)
	}
	if got := first.Time().UTC(); !got.Equal(time.Date(2023, 10, 23, 5, 2, 20, 0, time.UTC)) {
		t.Errorf("first event time = %v", got)
	}
	att := first.Attachments()
	if g := att.GoodCard; g == nil || g.NmID != 12345678 || g.Price != 500 || g.PriceCurrency != "RUB" || g.RID != "2fb52cd9e25e52538a5f05994e688ae5" || g.Size != "0" {
		t.Errorf("good card: %+v", att.GoodCard)
	}
	if len(att.Files) != 1 || att.Files[0].Size != 1046143 || att.Files[0].Name != "Чек.pdf" || att.Files[0].Date.IsZero() {
		t.Errorf("files: %+v", att.Files)
	}
	if len(att.Images) != 1 || att.Images[0].DownloadID == "" {
		t.Errorf("images: %+v", att.Images)
	}

	second := p.Events[1]
	if !second.ByColleague() || second.ReplySign != "" || second.IsNewChat {
		t.Errorf("second event should be a colleague's answer without replySign: %+v", second)
	}
	if a := second.Attachments(); a.Files != nil || a.Images != nil {
		t.Errorf("null attachment arrays must decode as empty: %+v", a)
	}

	// Unknown enum values decode and keep their raw value.
	third := p.Events[2]
	if third.EventType != "typing" || third.Source != "smart-fridge" || third.Sender.Label() != "bot" {
		t.Errorf("unknown enums: %+v", third)
	}
	if third.Text() != "" || third.Attachments().GoodCard != nil {
		t.Errorf("event without a message must read as empty: %+v", third)
	}
}

func TestChatsDecode(t *testing.T) {
	// The second chat is in the pre-2026 shape (clientID, goodCard date and
	// statusID), as a stored copy may still hold it: it decodes all the same.
	const body = `{"result":[
	  {"chatID":"1:4019cd7d","replySign":"1:4019cd7d:bc3a","clientName":"Иван",
	   "goodCard":{"nmID":1,"price":157,"priceCurrency":"RUB","rid":"r","size":"48"},
	   "lastMessage":{"text":"Можно заказать 100 штук?","addTimestamp":1766138234889}},
	  {"chatID":"1:empty","replySign":"1:empty:x","clientID":"1","clientName":"","goodCard":null,"lastMessage":null},
	  {"chatID":"1:old","replySign":"1:old:54828159:bc3a","clientID":"123456","clientName":"Пётр",
	   "goodCard":{"date":"2023-10-18T11:46:01.528526Z","nmID":2,"price":99,"priceCurrency":"RUB","rid":"q","size":"0","statusID":11}}
	],"errors":null}`
	var r ChatsResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Result) != 3 {
		t.Fatalf("chats: %+v", r.Result)
	}
	c := r.Result[0]
	if c.LastMessage == nil || c.LastMessage.AddTimestamp.Time().UnixMilli() != 1766138234889 {
		t.Errorf("lastMessage: %+v", c.LastMessage)
	}
	if c.GoodCard == nil || c.GoodCard.NmID != 1 || c.GoodCard.Size != "48" || c.GoodCard.Price != 157 {
		t.Errorf("listing: %+v", c.GoodCard)
	}
	if old := r.Result[2]; old.GoodCard == nil || old.GoodCard.NmID != 2 || old.ReplySign == "" {
		t.Errorf("a pre-2026 chat must still decode: %+v", old)
	}
	if r.Result[1].GoodCard != nil || r.Result[1].LastMessage != nil {
		t.Errorf("null objects must decode to nil: %+v", r.Result[1])
	}
}

func TestChatSenderLabels(t *testing.T) {
	cases := map[ChatSender]string{ChatSenderClient: "buyer", ChatSenderSeller: "seller", ChatSenderWB: "Wildberries", "x": "x"}
	for s, want := range cases {
		if got := s.Label(); got != want {
			t.Errorf("%q.Label() = %q, want %q", s, got, want)
		}
	}
}

// The send-message answer carries the chat's signature since 2026.
func TestChatMessageResponseDecodesSign(t *testing.T) {
	const body = `{"result":{"addTime":1712848270018,"chatID":"1:641b623c","sign":"1:641b623c:ab12"},"errors":[]}`
	var r ChatMessageResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	if r.Result.Sign != "1:641b623c:ab12" || r.Result.ChatID != "1:641b623c" || r.Result.AddTime != 1712848270018 {
		t.Errorf("send result: %+v", r.Result)
	}
}
