package wb

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/models"
)

// Buyer chat paths (buyer-chat-api.wildberries.ru). Chat answers use their
// own {result, errors} wrapper, not the {data, error} envelope of call[T].
const (
	chatListPath     = "/api/v1/seller/chats"
	chatEventsPath   = "/api/v1/seller/events"
	chatMessagePath  = "/api/v1/seller/message"
	chatDownloadPath = "/api/v1/seller/download/{id}"
)

func chatRequest(method, path string) api.Request {
	return api.Request{
		Op: opID(method, path), Service: api.ServiceWBChat, Group: api.GroupWBChat,
		Method: method, Path: path, Idempotent: method == http.MethodGet,
	}
}

func chatError(op string, kind api.Kind, format string, args ...any) *api.Error {
	return &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBChat, Op: op, Kind: kind,
		Message: fmt.Sprintf(format, args...)}
}

// chatErrors turns a non-empty "errors" list of a 200 answer into an error.
func chatErrors(op string, errs []string) error {
	if len(errs) == 0 {
		return nil
	}
	e := chatError(op, api.KindValidation, "%s", strings.Join(errs, "; "))
	e.Status = http.StatusOK
	return e
}

// Chats lists every chat of the seller and remembers each chat's replySign
// for SendMessage. A non-empty "errors" list is returned as an error along
// with whatever chats came.
func (c *Client) Chats(ctx context.Context) ([]models.Chat, error) {
	r := chatRequest(http.MethodGet, chatListPath)
	var resp models.ChatsResponse
	if err := c.t.JSON(ctx, r, &resp); err != nil {
		return nil, err
	}
	signs := c.chatSigns()
	for _, ch := range resp.Result {
		signs.put(ch.ChatID, ch.ReplySign)
	}
	return resp.Result, chatErrors(r.Op, resp.Errors)
}

// Events reads one batch of chat events newer than next (Unix ms; 0 starts
// from the oldest). Pass the page's Next to get the following batch; a page
// with TotalEvents == 0 is the end, and its Next is where to poll from.
// Next may lie one millisecond before the batch's newest event, so that
// events sharing that millisecond are not lost (see overlap). Reply
// signatures of new chats are remembered for SendMessage.
func (c *Client) Events(ctx context.Context, next int64) (models.ChatEventsPage, error) {
	r := chatRequest(http.MethodGet, chatEventsPath)
	if next < 0 {
		return models.ChatEventsPage{}, chatError(r.Op, api.KindValidation,
			"the events cursor must be a positive Unix time in milliseconds, not %d", next)
	}
	if next > 0 {
		r.Query = url.Values{"next": {strconv.FormatInt(next, 10)}}
	}
	var resp models.ChatEventsResponse
	if err := c.t.JSON(ctx, r, &resp); err != nil {
		return models.ChatEventsPage{}, err
	}
	signs := c.chatSigns()
	for _, e := range resp.Result.Events {
		if e.ReplySign != "" {
			signs.put(e.ChatID, e.ReplySign)
		}
	}
	if resp.Result.Next == 0 {
		// An empty batch may omit the cursor; polling resumes where it was.
		resp.Result.Next = next
	}
	return c.overlap(next, resp.Result), chatErrors(r.Op, resp.Errors)
}

// overlap keeps the cursor from skipping events. The cursor is a
// millisecond and the feed answers events after it, yet several events
// can share a millisecond: when a batch ends inside one, following the
// cursor as given would lose the rest of it. So the cursor handed on
// steps back one millisecond before the batch's last event, the events at
// the edge are remembered, and the next batch drops them. A batch of
// nothing but remembered events is the end of the feed, with the cursor
// at their millisecond (so it neither stalls nor repeats).
func (c *Client) overlap(next int64, p models.ChatEventsPage) models.ChatEventsPage {
	if len(p.Events) == 0 {
		return p
	}
	signs := c.chatSigns()
	if seen := signs.seenAt(next); len(seen) > 0 {
		fresh := make([]models.ChatEvent, 0, len(p.Events))
		last := next
		for _, e := range p.Events {
			last = max(last, int64(e.AddTimestamp))
			if !seen[e.EventID] {
				fresh = append(fresh, e)
			}
		}
		if len(fresh) == 0 {
			return models.ChatEventsPage{Next: last, NewestEventTime: p.NewestEventTime}
		}
		p.Events, p.TotalEvents = fresh, len(fresh)
	}
	end := int64(p.Events[len(p.Events)-1].AddTimestamp)
	for _, e := range p.Events {
		end = max(end, int64(e.AddTimestamp))
	}
	back := end - 1
	if back <= next {
		// The whole batch is one millisecond just after the cursor:
		// stepping back would ask for it again.
		p.Next = max(p.Next, end)
		return p
	}
	edge := map[string]bool{}
	for _, e := range p.Events {
		if int64(e.AddTimestamp) >= back && e.EventID != "" {
			edge[e.EventID] = true
		}
	}
	signs.putEdge(back, edge)
	p.Next = back
	return p
}

// AllEvents follows the cursor from next until Wildberries reports no more
// events, and returns them oldest first with the cursor to poll from later.
func (c *Client) AllEvents(ctx context.Context, next int64) ([]models.ChatEvent, int64, error) {
	var all []models.ChatEvent
	for {
		p, err := c.Events(ctx, next)
		if err != nil {
			return all, next, err
		}
		all = append(all, p.Events...)
		if p.Done() {
			return all, p.Next, nil
		}
		if p.Next <= next {
			// Asking again with the same cursor would loop forever.
			return all, next, chatError(http.MethodGet+" "+chatEventsPath, api.KindDecode,
				"the events cursor did not advance past %d although %d events came", next, p.TotalEvents)
		}
		next = p.Next
	}
}

// chatModeration is the 202 body of the download method: the file is
// still being moderated.
type chatModeration struct {
	ModerationState string `json:"moderationState"`
	RetrySeconds    int    `json:"retrySeconds"`
}

// Download fetches an attachment by its downloadID and returns the bytes
// with the content type the server gave (JPEG, PNG or PDF). A file still in
// moderation is a KindPending error with RetryAfter; one that failed it is
// KindWithheld (from the transport's 451).
func (c *Client) Download(ctx context.Context, downloadID string) ([]byte, string, error) {
	r := chatRequest(http.MethodGet, chatDownloadPath)
	if strings.TrimSpace(downloadID) == "" {
		return nil, "", chatError(r.Op, api.KindValidation, "the attachment has no download ID")
	}
	r.Path = strings.Replace(chatDownloadPath, "{id}", url.PathEscape(downloadID), 1)
	r.Accept = "application/pdf, image/jpeg, image/png, application/json;q=0.5"
	r.MaxBytes = api.MaxBody // a file: its deadline grows with its size
	resp, err := c.t.Do(ctx, r)
	if err != nil {
		return nil, "", err
	}
	if resp.Status == http.StatusAccepted {
		var m chatModeration
		_ = json.Unmarshal(resp.Body, &m)
		e := chatError(r.Op, api.KindPending, "file moderation: %s", m.ModerationState)
		e.Status, e.Retryable = resp.Status, true
		if m.RetrySeconds > 0 {
			e.RetryAfter = time.Duration(m.RetrySeconds) * time.Second
		}
		return nil, "", e
	}
	return resp.Body, resp.ContentType(), nil
}
