package models

// ChatSender says who wrote a chat event (schema Sender).
type ChatSender string

const (
	ChatSenderClient ChatSender = "client"
	ChatSenderSeller ChatSender = "seller"
	ChatSenderWB     ChatSender = "wb"
)

// Label is a short human name; unknown senders keep their raw value.
func (s ChatSender) Label() string {
	switch s {
	case ChatSenderClient:
		return "buyer"
	case ChatSenderSeller:
		return "seller"
	case ChatSenderWB:
		return "Wildberries"
	}
	return string(s)
}

// ChatSource is where a chat message was written. It tells when a colleague
// answered from the web cabinet instead of through this app.
type ChatSource string

const (
	ChatSourceSellerPortal ChatSource = "seller-portal"
	ChatSourcePublicAPI    ChatSource = "seller-public-api"
	ChatSourceRuSite       ChatSource = "rusite"
	ChatSourceGlobal       ChatSource = "global"
	ChatSourceIOS          ChatSource = "ios"
	ChatSourceAndroid      ChatSource = "android"
)

// ChatEventType is the event kind; today Wildberries sends only "message".
type ChatEventType string

const ChatEventMessage ChatEventType = "message"

// ChatListing is the order a chat is about (schema Listing; until 2026 it
// was GoodCard and also carried the order date and an order status).
type ChatListing struct {
	NmID          int64   `json:"nmID"`
	Price         float64 `json:"price"`
	PriceCurrency string  `json:"priceCurrency"`
	RID           string  `json:"rid"` // the same order's srid in claims
	Size          string  `json:"size"`
}

// ChatLastMessage is the newest message of a chat in the chat list.
type ChatLastMessage struct {
	Text         string     `json:"text"`
	AddTimestamp UnixMillis `json:"addTimestamp"`
}

// Chat is one buyer conversation (schema Chat).
type Chat struct {
	ChatID      string           `json:"chatID"`
	ReplySign   string           `json:"replySign"`
	ClientName  string           `json:"clientName"`
	GoodCard    *ChatListing     `json:"goodCard,omitempty"`
	LastMessage *ChatLastMessage `json:"lastMessage,omitempty"`
}

// ChatsResponse is the body of GET /api/v1/seller/chats.
type ChatsResponse struct {
	Result []Chat   `json:"result"`
	Errors []string `json:"errors"`
}

// ChatFile is a document attached to a message (schema File).
type ChatFile struct {
	ContentType string `json:"contentType"`
	Date        Time   `json:"date"`
	DownloadID  string `json:"downloadID"`
	Name        string `json:"name"` // buyer-supplied: never use as a path
	URL         string `json:"url"`
	Size        int64  `json:"size"`
}

// ChatImage is a picture attached to a message (schema Image).
type ChatImage struct {
	Date       Time   `json:"date"`
	DownloadID string `json:"downloadID"`
	URL        string `json:"url"`
}

// ChatAttachments are a message's good card, files and images.
type ChatAttachments struct {
	GoodCard *ChatListing `json:"goodCard,omitempty"`
	Files    []ChatFile   `json:"files"`
	Images   []ChatImage  `json:"images"`
}

// ChatMessage is an event's content; events without one exist.
type ChatMessage struct {
	Attachments *ChatAttachments `json:"attachments,omitempty"`
	Text        string           `json:"text"`
}

// ChatEvent is one entry of the events feed (schema Event).
type ChatEvent struct {
	ChatID       string        `json:"chatID"`
	EventID      string        `json:"eventID"`
	EventType    ChatEventType `json:"eventType"`
	IsNewChat    bool          `json:"isNewChat"`
	Message      *ChatMessage  `json:"message,omitempty"`
	Source       ChatSource    `json:"source,omitempty"`
	AddTimestamp UnixMillis    `json:"addTimestamp"`
	AddTime      Time          `json:"addTime"`
	// ReplySign is present only when IsNewChat; otherwise it comes from the
	// chat list. The event SendMessage returns carries the sign of the send
	// response here.
	ReplySign  string     `json:"replySign,omitempty"`
	Sender     ChatSender `json:"sender"`
	ClientName string     `json:"clientName,omitempty"`
}

// Text is the message text, empty for events without a message.
func (e ChatEvent) Text() string {
	if e.Message == nil {
		return ""
	}
	return e.Message.Text
}

// Attachments never returns nil, so callers can range over its slices.
func (e ChatEvent) Attachments() ChatAttachments {
	if e.Message == nil || e.Message.Attachments == nil {
		return ChatAttachments{}
	}
	return *e.Message.Attachments
}

// ByColleague reports a seller message written in the web cabinet: someone
// else on the team has already answered.
func (e ChatEvent) ByColleague() bool {
	return e.Sender == ChatSenderSeller && e.Source == ChatSourceSellerPortal
}

// Time is when the event reached the server; addTimestamp is exact to the
// millisecond, addTime only to the second.
func (e ChatEvent) Time() Time {
	if e.AddTimestamp != 0 {
		return Time{Time: e.AddTimestamp.Time()}
	}
	return e.AddTime
}

// ChatEventsPage is one batch of the events feed (schema EventsResult).
// Next is the cursor for the following request (Unix ms); a page with
// TotalEvents == 0 means everything has been read.
type ChatEventsPage struct {
	Next            int64       `json:"next"`
	NewestEventTime Time        `json:"newestEventTime"`
	OldestEventTime Time        `json:"oldestEventTime"`
	TotalEvents     int         `json:"totalEvents"`
	Events          []ChatEvent `json:"events"`
}

// Done reports the end of the feed.
func (p ChatEventsPage) Done() bool { return p.TotalEvents == 0 }

// ChatEventsResponse is the body of GET /api/v1/seller/events.
type ChatEventsResponse struct {
	Result ChatEventsPage `json:"result"`
	Errors []string       `json:"errors"`
}

// ChatMessageSent is the result of POST /api/v1/seller/message.
type ChatMessageSent struct {
	AddTime UnixMillis `json:"addTime"`
	ChatID  string     `json:"chatID"`
	// Sign is the chat's signature as of this answer: WB may change a
	// chat's signature, and this is the one to reply with next.
	Sign string `json:"sign"`
}

// ChatMessageResponse is the body of POST /api/v1/seller/message; Errors
// lists attachments that failed to upload.
type ChatMessageResponse struct {
	Result ChatMessageSent `json:"result"`
	Errors []string        `json:"errors"`
}
