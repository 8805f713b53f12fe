package wb

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Documented limits of POST /api/v1/seller/message.
const (
	ChatMaxText      = 1000     // characters, as ChatTextLen counts them
	ChatMaxFileSize  = 5 << 20  // bytes per file ("Max size: 5MiB")
	ChatMaxTotalSize = 30 << 20 // bytes of all files together
	chatMaxReplySign = 255
)

// File is an attachment to send. Its type is decided by its bytes: JPEG,
// PNG or PDF only. ContentType is optional; if set it must agree.
type File struct {
	Name        string
	Data        []byte
	ContentType string
}

// SendMessage is a message to a buyer. ReplySign may be left empty when
// the chat's signature is known to the client (from Chats or the event that
// opened the chat); ChatID is then enough.
type SendMessage struct {
	ChatID    string
	ReplySign string
	Text      string
	Files     []File
}

// ChatTextLen is a chat message's length against ChatMaxText. The
// document says "1000 characters" without saying whose: a service on the
// JVM or in JavaScript counts UTF-16 code units, where an emoji outside
// the BMP is two. Both counts are taken and the larger (stricter) wins.
func ChatTextLen(s string) int {
	units := 0
	for _, r := range s {
		units += max(utf16.RuneLen(r), 1)
	}
	return max(units, utf8.RuneCountInString(s))
}

// chatSniff names the content of data: one of the accepted types, or a
// description of what it is instead.
func chatSniff(data []byte) (contentType string, ok bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg", true
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", true
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf", true
	}
	return http.DetectContentType(data), false
}

// Check applies every documented rule that does not need the chat: text
// length, text or files present, file types and sizes. The UI can call it
// while the message is being written.
func (m SendMessage) Check() error {
	op := opID(http.MethodPost, chatMessagePath)
	if n := ChatTextLen(m.Text); n > ChatMaxText {
		return chatError(op, api.KindValidation, "the message is %d characters long (an emoji counts as two); Wildberries accepts at most %d", n, ChatMaxText)
	}
	if strings.TrimSpace(m.Text) == "" && len(m.Files) == 0 {
		return chatError(op, api.KindValidation, "the message is empty: write some text or attach a file")
	}
	total := 0
	for i, f := range m.Files {
		name := f.Name
		if name == "" {
			name = "file " + strconv.Itoa(i+1)
		}
		if len(f.Data) == 0 {
			return chatError(op, api.KindValidation, "the attachment %q is empty", name)
		}
		ct, ok := chatSniff(f.Data)
		if !ok {
			return chatError(op, api.KindValidation, "the attachment %q is not a JPEG, PNG or PDF (its content is %s); Wildberries accepts only those", name, ct)
		}
		if f.ContentType != "" && !strings.EqualFold(strings.TrimSpace(f.ContentType), ct) {
			return chatError(op, api.KindValidation, "the attachment %q is labelled %s but its content is %s", name, f.ContentType, ct)
		}
		if len(f.Data) > ChatMaxFileSize {
			return chatError(op, api.KindValidation, "the attachment %q is %s; each file may be at most 5 MB", name, chatSize(len(f.Data)))
		}
		total += len(f.Data)
	}
	if total > ChatMaxTotalSize {
		return chatError(op, api.KindValidation, "the attachments add up to %s; together they may be at most 30 MB", chatSize(total))
	}
	return nil
}

func chatSize(n int) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 2, 64) + " MB"
}

// replySign picks the signature to send: the given one, else the one
// remembered for the chat.
func (c *Client) replySign(m SendMessage) (string, error) {
	op := opID(http.MethodPost, chatMessagePath)
	sign := strings.TrimSpace(m.ReplySign)
	if fresh, ok := c.chatSigns().fromSend(m.ChatID); ok && m.ChatID != "" {
		sign = fresh // the answer to our last message carried the newest
	}
	if sign == "" && m.ChatID != "" {
		sign, _ = c.ReplySign(m.ChatID)
	}
	if sign == "" {
		return "", chatError(op, api.KindValidation,
			"the chat's reply signature is unknown: load the chat list before replying to chat %q", m.ChatID)
	}
	if len(sign) > chatMaxReplySign {
		return "", chatError(op, api.KindValidation, "the reply signature is %d characters long; at most %d are allowed", len(sign), chatMaxReplySign)
	}
	return sign, nil
}

// chatForm builds the multipart/form-data body the spec describes: fields
// replySign and message, and one "file" part per attachment.
func chatForm(sign string, m SendMessage) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("replySign", sign); err != nil {
		return nil, "", err
	}
	if m.Text != "" {
		if err := w.WriteField("message", m.Text); err != nil {
			return nil, "", err
		}
	}
	for i, f := range m.Files {
		ct, _ := chatSniff(f.Data)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="file"; filename="`+chatFileName(f.Name, ct, i)+`"`)
		h.Set("Content-Type", ct)
		part, err := w.CreatePart(h)
		if err != nil {
			return nil, "", err
		}
		if _, err := part.Write(f.Data); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// chatFileName makes a name safe inside a quoted header value: control
// characters would end the header, quotes and backslashes the string.
func chatFileName(name, contentType string, i int) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if strings.TrimSpace(name) == "" {
		ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}[contentType]
		name = "attachment-" + strconv.Itoa(i+1) + ext
	}
	return name
}

// SendMessage posts a message and reads it back from the events feed. The
// returned event is the one Wildberries shows, with ReplySign set to the
// chat's signature from the answer (empty if WB sent none); when the read-back fails
// or does not find it, the event is built from the answer (no EventID) and
// the error says the message was sent but is not confirmed: do not send it
// again without reloading the chat.
func (c *Client) SendMessage(ctx context.Context, m SendMessage) (models.ChatEvent, error) {
	r := chatRequest(http.MethodPost, chatMessagePath)
	if err := m.Check(); err != nil {
		return models.ChatEvent{}, err
	}
	sign, err := c.replySign(m)
	if err != nil {
		return models.ChatEvent{}, err
	}
	resp, err := c.postMessage(ctx, r, sign, m)
	if chatSignRefused(err) {
		// Signs change (WB changed their format on 2026-06-04 and refused
		// the old ones): the chat list has the current one. One retry.
		if fresh, ok := c.currentSign(ctx, m.ChatID, sign); ok {
			resp, err = c.postMessage(ctx, r, fresh, m)
		}
	}
	if err != nil {
		return models.ChatEvent{}, err
	}
	sent := resp.Result
	if sent.ChatID == "" {
		sent.ChatID = m.ChatID
	}
	c.chatSigns().putSent(sent.ChatID, sent.Sign)
	tentative := models.ChatEvent{
		ChatID: sent.ChatID, EventType: models.ChatEventMessage, Message: &models.ChatMessage{Text: m.Text},
		Source: models.ChatSourcePublicAPI, Sender: models.ChatSenderSeller, AddTimestamp: sent.AddTime,
		AddTime: models.Time{Time: sent.AddTime.Time()}, ReplySign: sent.Sign,
	}
	if len(resp.Errors) > 0 {
		e := chatError(r.Op, api.KindValidation, "the message was sent, but some attachments failed: %s", strings.Join(resp.Errors, "; "))
		e.Status = http.StatusOK
		return tentative, e
	}
	ev, found, rerr := c.findSent(ctx, sent, m.Text)
	if found {
		ev.ReplySign = sent.Sign
		return ev, nil
	}
	e := chatError(r.Op, api.KindConflict,
		"the message was sent to chat %s but does not show in the chat yet; reload the chat before sending it again", sent.ChatID)
	e.Err = rerr
	return tentative, e
}

// chatReadBackWindow is how far before the server's addTime the read-back
// starts: the event's own timestamp may differ from it slightly.
const chatReadBackWindow = 5000

// findSent looks for the sent message in the events feed: a few pages from
// just before its addTime are enough, as the feed is ordered by time.
func (c *Client) findSent(ctx context.Context, sent models.ChatMessageSent, text string) (models.ChatEvent, bool, error) {
	next := int64(sent.AddTime) - chatReadBackWindow
	if next <= 0 {
		next = 1
	}
	for range 3 {
		p, err := c.Events(ctx, next)
		if err != nil {
			return models.ChatEvent{}, false, err
		}
		for _, e := range p.Events {
			if e.ChatID == sent.ChatID && e.Sender == models.ChatSenderSeller && e.Text() == text &&
				int64(e.AddTimestamp) >= int64(sent.AddTime)-chatReadBackWindow {
				return e, true, nil
			}
		}
		if p.Done() || p.Next <= next {
			break
		}
		next = p.Next
	}
	return models.ChatEvent{}, false, nil
}

// postMessage sends the message form signed with sign.
func (c *Client) postMessage(ctx context.Context, r api.Request, sign string, m SendMessage) (models.ChatMessageResponse, error) {
	var resp models.ChatMessageResponse
	body, ct, err := chatForm(sign, m)
	if err != nil {
		return resp, chatError(r.Op, api.KindValidation, "cannot build the message: %v", err)
	}
	r.Body, r.ContentType = body, ct
	err = c.t.JSON(ctx, r, &resp)
	return resp, err
}

// chatSignRefused reports the 400 "Invalid signature": nothing was sent.
func chatSignRefused(err error) bool {
	e, ok := api.AsError(err)
	return ok && e.Status == http.StatusBadRequest && strings.Contains(strings.ToLower(e.Message), "signature")
}

// currentSign reads the chat list again and returns the chat's sign when
// it differs from the refused one.
func (c *Client) currentSign(ctx context.Context, chatID, refused string) (string, bool) {
	if chatID == "" {
		return "", false
	}
	chats, err := c.Chats(ctx)
	if err != nil && len(chats) == 0 {
		return "", false
	}
	for _, ch := range chats {
		if ch.ChatID == chatID && ch.ReplySign != "" && ch.ReplySign != refused {
			return ch.ReplySign, true
		}
	}
	return "", false
}
