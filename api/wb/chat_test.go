package wb_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

const chatSendOp = "postV1SellerMessage"

// chatHarness is a contract-checked sandbox without rate limits on either
// side, so functional tests do not wait for buckets.
func chatHarness(t *testing.T) (*contract.Harness, *wb.Client) {
	t.Helper()
	h := contract.Start(t, sandbox.Options{NoLimits: true}, func(c *api.Config) {
		c.Limits = map[api.Group]api.Limit{api.GroupWBChat: {}, api.GroupWBReturns: {}}
	})
	return h, wb.New(h.Transport)
}

func chatCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// chatFeed reads the whole events feed.
func chatFeed(t *testing.T, ctx context.Context, c *wb.Client) ([]models.ChatEvent, int64) {
	t.Helper()
	evs, next, err := c.AllEvents(ctx, 0)
	if err != nil {
		t.Fatalf("AllEvents: %v", err)
	}
	return evs, next
}

func TestChatsAndEventFeed(t *testing.T) {
	h, c := chatHarness(t)
	ctx := chatCtx(t)
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(chats) < 100 {
		t.Fatalf("only %d chats", len(chats))
	}
	byID := map[string]models.Chat{}
	for _, ch := range chats {
		if ch.ChatID == "" || ch.ReplySign == "" || ch.GoodCard == nil || ch.GoodCard.NmID == 0 || ch.LastMessage == nil {
			t.Fatalf("incomplete chat: %+v", ch)
		}
		byID[ch.ChatID] = ch
	}

	evs, cursor := chatFeed(t, ctx, c)
	if pages := h.Validator.Seen()["GET /api/v1/seller/events"]; pages < 3 {
		t.Errorf("feed of %d events read in %d requests: paging not exercised", len(evs), pages)
	}
	var colleague, images, files, newChats, wbNotices int
	for i, e := range evs {
		if i > 0 && e.AddTimestamp < evs[i-1].AddTimestamp {
			t.Fatalf("events out of order at %d: %d after %d", i, e.AddTimestamp, evs[i-1].AddTimestamp)
		}
		if _, ok := byID[e.ChatID]; !ok {
			t.Fatalf("event %s belongs to unknown chat %s", e.EventID, e.ChatID)
		}
		if e.EventID == "" || e.EventType != models.ChatEventMessage || e.AddTime.IsZero() {
			t.Fatalf("incomplete event: %+v", e)
		}
		if e.IsNewChat != (e.ReplySign != "") {
			t.Fatalf("replySign must come exactly with isNewChat: %+v", e)
		}
		if e.IsNewChat {
			newChats++
			if e.Attachments().GoodCard == nil || e.Sender != models.ChatSenderClient {
				t.Errorf("a chat opens with the buyer's message and its good card: %+v", e)
			}
		}
		if e.ByColleague() {
			colleague++
		}
		if e.Sender == models.ChatSenderWB {
			wbNotices++
		}
		images += len(e.Attachments().Images)
		files += len(e.Attachments().Files)
	}
	if colleague == 0 || images == 0 || files == 0 || newChats == 0 || wbNotices == 0 || newChats == len(chats) {
		t.Errorf("seed lacks variety: colleague=%d images=%d files=%d new=%d/%d wb=%d", colleague, images, files, newChats, len(chats), wbNotices)
	}
	if last := evs[len(evs)-1]; cursor != int64(last.AddTimestamp) {
		t.Errorf("cursor after the feed = %d, want the last event's time %d", cursor, last.AddTimestamp)
	}
	// The chat list's lastMessage is the feed's newest event of that chat.
	newest := map[string]models.ChatEvent{}
	for _, e := range evs {
		newest[e.ChatID] = e
	}
	for id, e := range newest {
		if lm := byID[id].LastMessage; lm.AddTimestamp != e.AddTimestamp || lm.Text != e.Text() {
			t.Errorf("chat %s lastMessage %+v, newest event %d %q", id, lm, e.AddTimestamp, e.Text())
		}
	}
	// Polling from the cursor finds nothing new and keeps the cursor.
	p, err := c.Events(ctx, cursor)
	if err != nil || !p.Done() || p.Next != cursor || len(p.Events) != 0 {
		t.Errorf("poll at the end: %+v, %v", p, err)
	}
	if _, err := c.Events(ctx, -1); !api.IsKind(err, api.KindValidation) {
		t.Errorf("negative cursor: %v", err)
	}
}

func TestChatDownload(t *testing.T) {
	_, c := chatHarness(t)
	ctx := chatCtx(t)
	evs, _ := chatFeed(t, ctx, c)
	want := map[string]string{} // content type → downloadID
	urls := map[string]string{}
	for _, e := range evs {
		for _, im := range e.Attachments().Images {
			ct := "image/jpeg"
			if strings.HasSuffix(im.URL, ".png") {
				ct = "image/png"
			}
			want[ct], urls[ct] = im.DownloadID, im.URL
		}
		for _, f := range e.Attachments().Files {
			if f.ContentType != "application/pdf" || f.Size <= 0 || f.Name == "" {
				t.Errorf("file attachment: %+v", f)
			}
			want[f.ContentType], urls[f.ContentType] = f.DownloadID, f.URL
		}
	}
	magic := map[string]string{"image/jpeg": "\xff\xd8\xff", "image/png": "\x89PNG", "application/pdf": "%PDF-"}
	for ct, id := range want {
		data, got, err := c.Download(ctx, id)
		if err != nil {
			t.Fatalf("download %s: %v", ct, err)
		}
		if got != ct || !bytes.HasPrefix(data, []byte(magic[ct])) {
			t.Errorf("download %s: content type %s, starts %q", id, got, data[:min(8, len(data))])
		}
		// The attachment's url serves the same bytes.
		resp, err := http.Get(urls[ct])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Equal(body, data) {
			t.Errorf("%s: url and download differ (%d vs %d bytes)", ct, len(body), len(data))
		}
	}
	if len(want) != 3 {
		t.Errorf("attachment kinds seen: %v", want)
	}

	_, _, err := c.Download(ctx, "no-such-file")
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindValidation || e.Status != 400 || !strings.Contains(e.Message, "invalid fileID") {
		t.Errorf("unknown file: %v", err)
	}
	if _, _, err := c.Download(ctx, " "); !api.IsKind(err, api.KindValidation) {
		t.Errorf("empty ID: %v", err)
	}
}

// chatOld finds a chat whose opening event is not in the feed: its
// replySign comes only from the chat list.
func chatOld(t *testing.T, chats []models.Chat, evs []models.ChatEvent) models.Chat {
	t.Helper()
	opened := map[string]bool{}
	for _, e := range evs {
		if e.IsNewChat {
			opened[e.ChatID] = true
		}
	}
	for _, ch := range chats {
		if !opened[ch.ChatID] {
			return ch
		}
	}
	t.Fatal("every chat opens inside the feed; none tests the chat-list signature")
	return models.Chat{}
}

func TestChatReplySignSources(t *testing.T) {
	h, c := chatHarness(t)
	ctx := chatCtx(t)
	evs, _ := chatFeed(t, ctx, c)

	// A chat opened in the feed can be answered with its chatID alone.
	var fresh string
	for _, e := range evs {
		if e.IsNewChat {
			fresh = e.ChatID
		}
	}
	if _, err := c.SendMessage(ctx, wb.SendMessage{ChatID: fresh, Text: "Здравствуйте! Уже разбираемся."}); err != nil {
		t.Fatalf("reply to a new chat: %v", err)
	}

	// Ask the sandbox for the chat list through a second client, so this
	// client has seen only the feed.
	chats, err := wb.New(h.Transport).Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := chatOld(t, chats, evs)
	if _, ok := c.ReplySign(old.ChatID); ok {
		t.Fatalf("feed alone must not give the signature of chat %s", old.ChatID)
	}
	before := h.Validator.Seen()[chatSendOp]
	_, err = c.SendMessage(ctx, wb.SendMessage{ChatID: old.ChatID, Text: "Добрый день!"})
	if !api.IsKind(err, api.KindValidation) || !strings.Contains(err.Error(), "load the chat list") {
		t.Fatalf("unknown signature: %v", err)
	}
	if h.Validator.Seen()[chatSendOp] != before {
		t.Fatal("a message without a signature reached the server")
	}

	if _, err := c.Chats(ctx); err != nil {
		t.Fatal(err)
	}
	if sign, ok := c.ReplySign(old.ChatID); !ok || sign != old.ReplySign {
		t.Fatalf("signature kept from the chat list = %q, %v", sign, ok)
	}
	ev, err := c.SendMessage(ctx, wb.SendMessage{ChatID: old.ChatID, Text: "Добрый день!"})
	if err != nil || ev.ChatID != old.ChatID {
		t.Fatalf("reply with the kept signature: %+v, %v", ev, err)
	}

	// A remembered signature from elsewhere works on a fresh client.
	other := wb.New(h.Transport)
	other.RememberReplySign(old.ChatID, old.ReplySign)
	if _, err := other.SendMessage(ctx, wb.SendMessage{ChatID: old.ChatID, Text: "Ещё раз здравствуйте"}); err != nil {
		t.Fatalf("remembered signature: %v", err)
	}
	// A forged signature is refused by the service with its own sentence.
	_, err = other.SendMessage(ctx, wb.SendMessage{ReplySign: old.ReplySign[:len(old.ReplySign)-4] + "0000", Text: "Подделка"})
	if e, ok := api.AsError(err); !ok || e.Status != 400 || !strings.Contains(e.Message, "Invalid signature") {
		t.Errorf("forged signature: %v", err)
	}
}

func TestChatSendReadsBackAndUpdatesChat(t *testing.T) {
	_, c := chatHarness(t)
	ctx := chatCtx(t)
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	target := chats[7]
	jpeg := sandbox.PhotoJPEG("reply", 64, 48)
	png := chatPNG(t)
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	text := "Здравствуйте, Анна! Отправляю фото и акт 📎"
	ev, err := c.SendMessage(ctx, wb.SendMessage{ChatID: target.ChatID, Text: text, Files: []wb.File{
		{Name: "фото 1.jpg", Data: jpeg},
		{Name: "", Data: png, ContentType: "image/png"},
		{Name: "Акт \"осмотра\".pdf", Data: pdf},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ev.EventID == "" || ev.Sender != models.ChatSenderSeller || ev.Source != models.ChatSourcePublicAPI || ev.Text() != text {
		t.Fatalf("read-back event: %+v", ev)
	}
	att := ev.Attachments()
	if len(att.Images) != 2 || len(att.Files) != 1 || att.Files[0].Size != int64(len(pdf)) {
		t.Fatalf("attachments: %+v", att)
	}
	for i, want := range [][]byte{jpeg, png} {
		got, _, err := c.Download(ctx, att.Images[i].DownloadID)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("image %d: %d bytes, %v", i, len(got), err)
		}
	}
	if got, ct, err := c.Download(ctx, att.Files[0].DownloadID); err != nil || ct != "application/pdf" || !bytes.Equal(got, pdf) {
		t.Errorf("pdf: %s %d bytes, %v", ct, len(got), err)
	}

	chats, err = c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range chats {
		if ch.ChatID == target.ChatID {
			if ch.LastMessage.Text != text || ch.LastMessage.AddTimestamp != ev.AddTimestamp {
				t.Errorf("lastMessage after sending: %+v", ch.LastMessage)
			}
		}
	}
	// The sent message is the newest event of the feed.
	evs, _ := chatFeed(t, ctx, c)
	if last := evs[len(evs)-1]; last.EventID != ev.EventID {
		t.Errorf("newest event %+v, want the sent one", last)
	}
}

func chatPNG(t *testing.T) []byte {
	t.Helper()
	// A 1×1 PNG: signature, IHDR, IDAT, IEND.
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
		"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
}

// chatBlob is a JPEG of exactly n bytes: valid magic, padding after.
func chatBlob(n int) []byte {
	b := make([]byte, n)
	copy(b, "\xff\xd8\xff\xe0")
	return b
}

func TestChatSendValidation(t *testing.T) {
	h, c := chatHarness(t)
	ctx := chatCtx(t)
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	chat := chats[3].ChatID
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	const mb5 = 5 << 20
	cases := []struct {
		name  string
		msg   wb.SendMessage
		ok    bool
		check bool // Check only: too big to push through the contract validator in every run
		want  string
	}{
		{name: "1000 Cyrillic runes", msg: wb.SendMessage{Text: strings.Repeat("ж", 1000)}, ok: true},
		{name: "998 Cyrillic runes and an emoji: 1000 UTF-16 units", msg: wb.SendMessage{Text: strings.Repeat("ё", 998) + "😀"}, ok: true},
		{name: "999 Cyrillic runes and an emoji: 1001 UTF-16 units", msg: wb.SendMessage{Text: strings.Repeat("ё", 999) + "😀"}, want: "1001 characters"},
		{name: "500 emoji", msg: wb.SendMessage{Text: strings.Repeat("😀", 500)}, ok: true},
		{name: "501 emoji", msg: wb.SendMessage{Text: strings.Repeat("😀", 501)}, want: "1002 characters"},
		{name: "1001 Cyrillic runes", msg: wb.SendMessage{Text: strings.Repeat("ж", 1001)}, want: "1001 characters"},
		{name: "1001 emoji", msg: wb.SendMessage{Text: strings.Repeat("😀", 1001)}, want: "at most 1000"},
		{name: "empty", msg: wb.SendMessage{}, want: "empty"},
		{name: "blank", msg: wb.SendMessage{Text: " \n\t"}, want: "empty"},
		{name: "file only", msg: wb.SendMessage{Files: []wb.File{{Name: "a.jpg", Data: chatBlob(100)}}}, ok: true},
		{name: "exactly 5 MB", msg: wb.SendMessage{Files: []wb.File{{Name: "big.jpg", Data: chatBlob(mb5)}}}, ok: true},
		{name: "5 MB + 1 byte", msg: wb.SendMessage{Files: []wb.File{{Name: "big.jpg", Data: chatBlob(mb5 + 1)}}}, want: "at most 5 MB"},
		{name: "a .jpg that is a GIF", msg: wb.SendMessage{Text: "фото", Files: []wb.File{{Name: "photo.jpg", Data: gif}}}, want: "image/gif"},
		{name: "label contradicts bytes", msg: wb.SendMessage{Files: []wb.File{{Name: "x.png", Data: chatBlob(10), ContentType: "image/png"}}}, want: "labelled image/png"},
		{name: "empty file", msg: wb.SendMessage{Files: []wb.File{{Name: "x.pdf"}}}, want: "is empty"},
		{name: "30 MB total", check: true, ok: true, msg: wb.SendMessage{Files: []wb.File{
			{Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}}}},
		{name: "30 MB + 1 byte total", msg: wb.SendMessage{Files: []wb.File{
			{Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)}, {Data: chatBlob(mb5)},
			{Data: chatBlob(4)}}}, want: "at most 30 MB"},
		{name: "no signature", msg: wb.SendMessage{ChatID: "1:unknown", Text: "привет"}, want: "reply signature is unknown"},
		{name: "signature too long", msg: wb.SendMessage{ReplySign: strings.Repeat("s", 256), Text: "привет"}, want: "at most 255"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.msg
			if m.ChatID == "" && m.ReplySign == "" {
				m.ChatID = chat
			}
			if tc.check {
				if err := m.Check(); (err == nil) != tc.ok {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			before := h.Validator.Seen()[chatSendOp]
			_, err := c.SendMessage(ctx, m)
			sent := h.Validator.Seen()[chatSendOp] - before
			if tc.ok {
				if err != nil || sent != 1 {
					t.Fatalf("want sent, got %v (%d requests)", err, sent)
				}
				return
			}
			if !api.IsKind(err, api.KindValidation) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want a validation error with %q, got %v", tc.want, err)
			}
			if sent != 0 {
				t.Fatalf("an invalid message reached the server")
			}
			if e, _ := api.AsError(err); e.Service != api.ServiceWBChat || e.Op != chatSendOp {
				t.Errorf("error names %s %s", e.Service, e.Op)
			}
		})
	}
}
