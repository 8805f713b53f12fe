package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

func (s *Server) registerChat() {
	rt := route{service: api.ServiceWBChat, group: api.GroupWBChat}
	s.handle("GET /api/v1/seller/chats", rt, s.chatList)
	s.handle("GET /api/v1/seller/events", rt, s.chatEvents)
	s.handle("POST /api/v1/seller/message", rt, s.chatSend)
	s.handle("GET /api/v1/seller/download/{id}", rt, s.chatDownload)
}

// Wire shapes (schemas Chat, Event, GoodCard, ...), written here rather than
// taken from models so that a models bug cannot hide behind a sandbox bug.
type (
	chatWire struct {
		ChatID      string              `json:"chatID"`
		ReplySign   string              `json:"replySign"`
		ClientName  string              `json:"clientName"`
		GoodCard    chatGoodCardWire    `json:"goodCard"`
		LastMessage chatLastMessageWire `json:"lastMessage"`
	}
	chatGoodCardWire struct { // schema Listing
		NmID          int64  `json:"nmID"`
		Price         int    `json:"price"`
		PriceCurrency string `json:"priceCurrency"`
		RID           string `json:"rid"`
		Size          string `json:"size"`
	}
	chatLastMessageWire struct {
		Text         string `json:"text"`
		AddTimestamp int64  `json:"addTimestamp"`
	}
	chatEventWire struct {
		ChatID       string           `json:"chatID"`
		EventID      string           `json:"eventID"`
		EventType    string           `json:"eventType"`
		IsNewChat    bool             `json:"isNewChat"`
		Message      *chatMessageWire `json:"message,omitempty"`
		Source       string           `json:"source,omitempty"`
		AddTimestamp int64            `json:"addTimestamp"`
		AddTime      string           `json:"addTime"`
		ReplySign    string           `json:"replySign,omitempty"`
		Sender       string           `json:"sender"`
		ClientName   string           `json:"clientName,omitempty"`
	}
	chatMessageWire struct {
		Attachments *chatAttachmentsWire `json:"attachments,omitempty"`
		Text        string               `json:"text"`
	}
	chatAttachmentsWire struct {
		GoodCard *chatGoodCardWire `json:"goodCard,omitempty"`
		Files    []chatFileWire    `json:"files,omitempty"`
		Images   []chatImageWire   `json:"images,omitempty"`
	}
	chatFileWire struct {
		ContentType string `json:"contentType"`
		Date        string `json:"date"`
		DownloadID  string `json:"downloadID"`
		Name        string `json:"name"`
		URL         string `json:"url"`
		Size        int    `json:"size"`
	}
	chatImageWire struct {
		Date       string `json:"date"`
		DownloadID string `json:"downloadID"`
		URL        string `json:"url"`
	}
	chatEventsWire struct {
		Next            int64           `json:"next"`
		NewestEventTime string          `json:"newestEventTime,omitempty"`
		OldestEventTime string          `json:"oldestEventTime,omitempty"`
		TotalEvents     int             `json:"totalEvents"`
		Events          []chatEventWire `json:"events"`
	}
)

func chatMillis(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z")
}

func (c *chatRec) goodCard() chatGoodCardWire {
	return chatGoodCardWire{NmID: c.card.nmID, Price: c.card.price, PriceCurrency: "RUB", RID: c.card.rid, Size: c.card.size}
}

func (s *Server) chatList(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	st := s.chat
	out := make([]chatWire, len(st.chats))
	for i, c := range st.chats {
		out[i] = chatWire{
			ChatID: c.id, ReplySign: st.replySign(c), ClientName: c.name,
			GoodCard: c.goodCard(), LastMessage: chatLastMessageWire{Text: c.lastText, AddTimestamp: c.lastTS},
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"result": out, "errors": nil})
}

func (s *Server) chatEvents(w http.ResponseWriter, r *http.Request) {
	var next int64
	if raw, ok := r.URL.Query()["next"]; ok {
		n, err := strconv.ParseInt(strings.TrimSpace(raw[0]), 10, 64)
		if err != nil {
			chatError(w, "application/json", "Bad Request", "Invalid number")
			return
		}
		if n <= 0 {
			chatError(w, "application/json", "Bad Request", `Invalid value for "next"`)
			return
		}
		next = n
	}
	s.mu.Lock()
	st := s.chat
	page := st.after(next, chatPageSize)
	res := chatEventsWire{Next: next, TotalEvents: len(page), Events: make([]chatEventWire, len(page))}
	for i := range page {
		res.Events[i] = s.chatEventOut(r, &page[i])
	}
	s.mu.Unlock()
	if len(page) > 0 {
		res.Next = page[len(page)-1].ts
		res.OldestEventTime = time.UnixMilli(page[0].ts).UTC().Format(time.RFC3339)
		res.NewestEventTime = time.UnixMilli(page[len(page)-1].ts).UTC().Format(time.RFC3339)
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": res, "errors": nil})
}

// chatEventOut renders one event; s.mu is held.
func (s *Server) chatEventOut(r *http.Request, e *chatEvt) chatEventWire {
	st := s.chat
	out := chatEventWire{
		ChatID: e.chat.id, EventID: chatEventUUID(st.secret, e.id), EventType: "message",
		IsNewChat: e.first, Source: e.source, AddTimestamp: e.ts,
		AddTime: time.UnixMilli(e.ts).UTC().Format(time.RFC3339), Sender: e.sender,
	}
	if e.first {
		out.ReplySign = st.replySign(e.chat)
	}
	if e.sender == "client" {
		out.ClientName = e.chat.name
	}
	msg := &chatMessageWire{Text: e.text}
	if e.first || len(e.att) > 0 {
		a := &chatAttachmentsWire{}
		if e.first {
			gc := e.chat.goodCard()
			a.GoodCard = &gc
		}
		for _, at := range e.att {
			name := at.id + "." + at.ext
			if at.ext == MediaPDF {
				a.Files = append(a.Files, chatFileWire{ContentType: "application/pdf", Date: chatMillis(e.ts), DownloadID: at.id,
					Name: at.name, URL: mediaURL(r, "chat", name), Size: at.size})
			} else {
				a.Images = append(a.Images, chatImageWire{Date: chatMillis(e.ts), DownloadID: at.id, URL: mediaURL(r, "chat", name)})
			}
		}
		msg.Attachments = a
	}
	out.Message = msg
	return out
}

func (s *Server) chatDownload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	b := s.chat.blobs[id]
	s.mu.Unlock()
	if b == nil {
		chatError(w, "application/json", "invalid fileID", "invalid fileID")
		return
	}
	if s.opts.WBChatModeration && b.data == nil { // seeded files only, never an upload
		switch ChatModeration(id) {
		case "pending":
			writeJSON(w, http.StatusAccepted, map[string]any{"moderationState": "pending", "retrySeconds": 30})
			return
		case "withheld":
			w.Header().Set("Content-Type", "application/problem+json")
			writeJSON(w, http.StatusUnavailableForLegalReasons, map[string]any{
				"status": 451, "title": "Unavailable for Legal Reasons", "origin": "proxy-chats",
				"detail": "moderation error", "requestId": requestID(),
			})
			return
		}
	}
	// A blob never changes once stored, so it is read without s.mu; drawing
	// a seeded picture takes the media cache's own lock.
	var ct string
	body := b.data
	if body == nil {
		ct, body = s.mediaBytes("chat/"+id+"."+b.ext, b.ext)
	} else {
		ct = chatContentType(b.ext)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// chatError is proxy-chats' 400 body: the problem fields plus "error".
// The message method answers it as application/problem+json, the others as
// application/json.
func chatError(w http.ResponseWriter, contentType, title, detail string) {
	b, err := json.Marshal(map[string]any{
		"status": 400, "title": title, "origin": "proxy-chats", "detail": detail,
		"requestId": requestID(), "error": detail,
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(b)
}

// ChatModeration is what Options.WBChatModeration does with a seeded
// attachment: "pending", "withheld" or "" (served). Exported so tests can
// find one of each.
func ChatModeration(downloadID string) string {
	switch keyHash("moderation/"+downloadID) % 4 {
	case 1:
		return "pending"
	case 2:
		return "withheld"
	}
	return ""
}

type chatUpload struct {
	name string
	ext  string
	data []byte
}

func chatContentType(ext string) string {
	switch ext {
	case MediaPNG:
		return "image/png"
	case MediaPDF:
		return "application/pdf"
	}
	return "image/jpeg"
}

func (s *Server) chatSend(w http.ResponseWriter, r *http.Request) {
	fail := func(detail string) { chatError(w, "application/problem+json", "Bad Request", detail) }
	// Room for 30 MiB of files plus the form's own parts.
	r.Body = http.MaxBytesReader(w, r.Body, chatMaxTotal+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail("attachments too big. Max total size: 30MiB")
			return
		}
		fail("request body must be multipart/form-data: " + err.Error())
		return
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	sign := r.FormValue("replySign")
	text := r.FormValue("message")
	files := r.MultipartForm.File["file"]

	s.mu.Lock()
	c := s.chat.chatBySign(sign)
	s.mu.Unlock()
	if c == nil {
		fail("Invalid signature")
		return
	}
	if chatTextUnits(text) > chatMaxText || (strings.TrimSpace(text) == "" && len(files) == 0) {
		fail(`Invalid value for "message"`)
		return
	}
	uploads, detail := readChatUploads(files)
	if detail != "" {
		fail(detail)
		return
	}
	s.mu.Lock()
	ev := chatEvt{chat: c, sender: "seller", source: "seller-public-api", text: text}
	for _, u := range uploads {
		// Uploads number from 2^40 so they never meet a seeded event's ID.
		id := chatEventUUID(s.chat.secret, 1<<40+uint64(len(s.chat.blobs)))
		ev.att = append(ev.att, chatAtt{id: id, ext: u.ext, name: u.name, size: len(u.data)})
		s.chat.blobs[id] = &chatBlob{ext: u.ext, data: u.data}
	}
	ev = s.chat.add(ev, s.now())
	if s.opts.Modes.RotatingChatSigns {
		c.signGen++
	}
	sign = s.chat.replySign(c)
	s.mu.Unlock()
	for i, a := range ev.att {
		data := uploads[i].data
		// The CDN link serves the upload too, as the real basket host would.
		s.media.get("chat/"+a.id+"."+a.ext, func() []byte { return data })
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"result": map[string]any{"addTime": ev.ts, "chatID": c.id, "sign": sign},
		"errors": []string{},
	})
}

// readChatUploads applies the documented file rules: JPEG, PDF or PNG by
// content, 5 MiB each, 30 MiB together. A non-empty detail is the refusal.
func readChatUploads(files []*multipart.FileHeader) ([]chatUpload, string) {
	var out []chatUpload
	total := 0
	for _, fh := range files {
		code := chatErrCode(fh.Filename)
		if fh.Size > chatMaxFile {
			return nil, code + ": attachment too big. Max size: 5MiB"
		}
		f, err := fh.Open()
		if err != nil {
			return nil, code + ": cannot read attachment"
		}
		data, err := io.ReadAll(f)
		_ = f.Close()
		if err != nil {
			return nil, code + ": cannot read attachment"
		}
		var ext string
		switch http.DetectContentType(data) {
		case "image/jpeg":
			ext = MediaJPEG
		case "image/png":
			ext = MediaPNG
		case "application/pdf":
			ext = MediaPDF
		default:
			return nil, fmt.Sprintf("%s: %q has unsupported mime type", code, fh.Filename)
		}
		total += len(data)
		if total > chatMaxTotal {
			return nil, "attachments too big. Max total size: 30MiB"
		}
		out = append(out, chatUpload{name: fh.Filename, ext: ext, data: data})
	}
	return out, ""
}

// chatErrCode imitates the 11-character reference proxy-chats puts before
// per-file errors.
func chatErrCode(name string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return strings.ToUpper(fmt.Sprintf("%011x", h.Sum64()>>20))[:11]
}
