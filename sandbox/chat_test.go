package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// rawWB sends hand-made requests (including ones the spec forbids, to see
// the sandbox refuse them) and checks every response against the spec.
type rawWB struct {
	t   *testing.T
	url string
	hc  *http.Client
	v   *contract.Validator
}

// rawBigBody is where request validation is skipped: decoding tens of MB of
// multipart in kin-openapi under the race detector takes a minute, and
// what such tests check is the sandbox's answer, not the request.
const rawBigBody = 8 << 20

func newRawWB(t *testing.T, opts sandbox.Options) (*rawWB, *sandbox.Server) {
	t.Helper()
	if opts.Limits == nil {
		opts.NoLimits = true
	}
	v, err := contract.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	s := sandbox.New(opts)
	run, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = run.Close()
		for _, vi := range v.Violations() {
			if vi.Side == "response" {
				t.Errorf("contract violation: %s", vi)
			}
		}
	})
	return &rawWB{t: t, url: run.URL, hc: &http.Client{Transport: v.RoundTripper(nil)}, v: v}, s
}

func (c *rawWB) do(method, path, contentType string, body []byte) (int, http.Header, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.url+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Authorization", sandbox.WBToken)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	hc := c.hc
	if len(body) > rawBigBody {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func (c *rawWB) json(method, path string, body any, out any) int {
	c.t.Helper()
	var b []byte
	ct := ""
	if body != nil {
		b, _ = json.Marshal(body)
		ct = "application/json"
	}
	status, _, data := c.do(method, path, ct, b)
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return status
}

type rawChat struct {
	ChatID, ReplySign string
	LastMessage       struct {
		Text         string
		AddTimestamp int64
	}
}

type rawEvent struct {
	ChatID       string
	EventID      string
	IsNewChat    bool
	ReplySign    string
	AddTimestamp int64
	Sender       string
	Source       string
	Message      *struct {
		Text        string
		Attachments *struct {
			Images []struct{ DownloadID, URL string }
			Files  []struct {
				DownloadID, URL, Name string
				Size                  int
			}
		}
	}
}

type rawEventsPage struct {
	Result struct {
		Next        int64
		TotalEvents int
		Events      []rawEvent
	}
}

func (c *rawWB) chats() []rawChat {
	c.t.Helper()
	var r struct{ Result []rawChat }
	if st := c.json("GET", "/api/v1/seller/chats", nil, &r); st != 200 {
		c.t.Fatalf("chats: %d", st)
	}
	return r.Result
}

func (c *rawWB) feed(next int64) ([]rawEvent, int64) {
	c.t.Helper()
	var all []rawEvent
	for {
		path := "/api/v1/seller/events"
		if next > 0 {
			path += fmt.Sprintf("?next=%d", next)
		}
		var p rawEventsPage
		if st := c.json("GET", path, nil, &p); st != 200 {
			c.t.Fatalf("events: %d", st)
		}
		if p.Result.TotalEvents != len(p.Result.Events) {
			c.t.Fatalf("totalEvents %d but %d events", p.Result.TotalEvents, len(p.Result.Events))
		}
		if p.Result.TotalEvents == 0 {
			if p.Result.Next != next {
				c.t.Fatalf("the final page moved the cursor from %d to %d", next, p.Result.Next)
			}
			return all, next
		}
		all = append(all, p.Result.Events...)
		next = p.Result.Next
	}
}

type chatPart struct {
	name, filename, contentType string
	data                        []byte
}

func chatForm(parts ...chatPart) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.filename != "" {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.name, p.filename))
			h.Set("Content-Type", p.contentType)
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, p.name))
		}
		pw, _ := w.CreatePart(h)
		_, _ = pw.Write(p.data)
	}
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

func jpegOf(n int) []byte {
	b := make([]byte, n)
	copy(b, "\xff\xd8\xff\xe0")
	return b
}

func TestChatFeedPagesToTheEnd(t *testing.T) {
	c, _ := newRawWB(t, sandbox.Options{})
	evs, cursor := c.feed(0)
	if len(evs) < 200 || cursor != evs[len(evs)-1].AddTimestamp {
		t.Fatalf("%d events, cursor %d", len(evs), cursor)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].AddTimestamp < evs[i-1].AddTimestamp {
			t.Fatalf("timestamps decrease at %d", i)
		}
	}
	// Starting from the middle resumes exactly after that event.
	mid := len(evs) / 2
	rest, _ := c.feed(evs[mid].AddTimestamp)
	if len(rest) != len(evs)-mid-1 || rest[0].EventID != evs[mid+1].EventID {
		t.Fatalf("resuming at %d gave %d events starting %s", mid, len(rest), rest[0].EventID)
	}
	for _, tc := range []struct{ q, want string }{{"0", `Invalid value for "next"`}, {"-5", `Invalid value for "next"`}, {"abc", "Invalid number"}} {
		var e map[string]any
		if st := c.json("GET", "/api/v1/seller/events?next="+tc.q, nil, &e); st != 400 || e["detail"] != tc.want || e["error"] != tc.want || e["origin"] != "proxy-chats" {
			t.Errorf("next=%s: %d %v", tc.q, st, e)
		}
	}
}

func TestChatSendRules(t *testing.T) {
	c, _ := newRawWB(t, sandbox.Options{})
	chats := c.chats()
	sign := chats[0].ReplySign
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	const mib5 = 5 << 20
	big := func(n int) []chatPart {
		ps := []chatPart{{name: "replySign", data: []byte(sign)}}
		for i := range n {
			ps = append(ps, chatPart{name: "file", filename: fmt.Sprintf("%d.jpg", i), contentType: "image/jpeg", data: jpegOf(mib5)})
		}
		return ps
	}
	cases := []struct {
		name  string
		parts []chatPart
		want  string // detail; "" means accepted
	}{
		{"no signature", []chatPart{{name: "message", data: []byte("привет")}}, "Invalid signature"},
		{"signature of another chat", []chatPart{{name: "replySign", data: []byte(chats[1].ChatID + sign[len(chats[0].ChatID):])}, {name: "message", data: []byte("x")}}, "Invalid signature"},
		{"1000 runes", []chatPart{{name: "replySign", data: []byte(sign)}, {name: "message", data: []byte(strings.Repeat("ё", 998) + "😀")}}, ""},
		// 1000 runes but 1001 UTF-16 code units: the stricter count decides.
		{"1000 runes, 1001 UTF-16 units", []chatPart{{name: "replySign", data: []byte(sign)}, {name: "message", data: []byte(strings.Repeat("ё", 999) + "😀")}}, `Invalid value for "message"`},
		{"1001 runes", []chatPart{{name: "replySign", data: []byte(sign)}, {name: "message", data: []byte(strings.Repeat("ё", 1001))}}, `Invalid value for "message"`},
		{"nothing to send", []chatPart{{name: "replySign", data: []byte(sign)}}, `Invalid value for "message"`},
		{"gif named jpg", []chatPart{{name: "replySign", data: []byte(sign)}, {name: "file", filename: "photo.jpg", contentType: "image/jpeg", data: gif}}, `"photo.jpg" has unsupported mime type`},
		{"5 MiB", []chatPart{{name: "replySign", data: []byte(sign)}, {name: "file", filename: "a.jpg", contentType: "image/jpeg", data: jpegOf(mib5)}}, ""},
		{"5 MiB + 1", []chatPart{{name: "replySign", data: []byte(sign)}, {name: "file", filename: "a.jpg", contentType: "image/jpeg", data: jpegOf(mib5 + 1)}}, "attachment too big. Max size: 5MiB"},
		{"30 MiB", big(6), ""},
		{"35 MiB", big(7), "attachments too big. Max total size: 30MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := chatForm(tc.parts...)
			before := len(c.v.Violations())
			status, hdr, data := c.do("POST", "/api/v1/seller/message", ct, body)
			// The spec itself forbids these two; the validator must see it in
			// the multipart body, or it is not checking multipart at all.
			if tc.name == "no signature" || tc.name == "1001 runes" {
				vs := c.v.Violations()[before:]
				if len(vs) != 1 || vs[0].Side != "request" {
					t.Errorf("the contract validator did not flag the request: %v", vs)
				}
			}
			if tc.want == "" {
				var ok struct {
					Result struct {
						AddTime int64
						ChatID  string
					}
					Errors []string
				}
				if err := json.Unmarshal(data, &ok); status != 200 || err != nil || ok.Result.ChatID != chats[0].ChatID || ok.Result.AddTime == 0 || ok.Errors == nil {
					t.Fatalf("%d %s", status, data)
				}
				return
			}
			var e map[string]any
			_ = json.Unmarshal(data, &e)
			detail, _ := e["detail"].(string)
			if status != 400 || !strings.Contains(detail, tc.want) || e["error"] != detail || hdr.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("want 400 %q, got %d %s %s", tc.want, status, hdr.Get("Content-Type"), data)
			}
		})
	}
}

func TestChatSendBecomesEvent(t *testing.T) {
	c, _ := newRawWB(t, sandbox.Options{})
	chats := c.chats()
	_, cursor := c.feed(0)
	target := chats[10]
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	body, ct := chatForm(
		chatPart{name: "replySign", data: []byte(target.ReplySign)},
		chatPart{name: "message", data: []byte("Ответ продавца")},
		chatPart{name: "file", filename: "скрин.png", contentType: "image/png", data: png},
		chatPart{name: "file", filename: "act.pdf", contentType: "application/pdf", data: []byte("%PDF-1.4 test")},
	)
	if st, _, data := c.do("POST", "/api/v1/seller/message", ct, body); st != 200 {
		t.Fatalf("send: %d %s", st, data)
	}
	evs, _ := c.feed(cursor)
	if len(evs) != 1 {
		t.Fatalf("%d new events", len(evs))
	}
	e := evs[0]
	if e.ChatID != target.ChatID || e.Sender != "seller" || e.Source != "seller-public-api" || e.IsNewChat || e.ReplySign != "" || e.Message.Text != "Ответ продавца" {
		t.Fatalf("event: %+v", e)
	}
	att := e.Message.Attachments
	if len(att.Images) != 1 || len(att.Files) != 1 || att.Files[0].Name != "act.pdf" || att.Files[0].Size != 13 {
		t.Fatalf("attachments: %+v", att)
	}
	for _, id := range []string{att.Images[0].DownloadID, att.Files[0].DownloadID} {
		st, hdr, data := c.do("GET", "/api/v1/seller/download/"+url.PathEscape(id), "", nil)
		if st != 200 || (hdr.Get("Content-Type") != "image/png" && hdr.Get("Content-Type") != "application/pdf") || len(data) == 0 {
			t.Errorf("download %s: %d %s", id, st, hdr.Get("Content-Type"))
		}
	}
	for _, ch := range c.chats() {
		if ch.ChatID == target.ChatID && (ch.LastMessage.Text != "Ответ продавца" || ch.LastMessage.AddTimestamp != e.AddTimestamp) {
			t.Errorf("lastMessage: %+v", ch.LastMessage)
		}
	}
	var bad map[string]any
	if st := c.json("GET", "/api/v1/seller/download/nope", nil, &bad); st != 400 || bad["title"] != "invalid fileID" {
		t.Errorf("bad download ID: %d %v", st, bad)
	}
}

func TestChatSeedIsDeterministicAndHostileSafe(t *testing.T) {
	now := time.Date(2025, 11, 20, 12, 0, 0, 0, time.UTC)
	a, _ := newRawWB(t, sandbox.Options{Now: func() time.Time { return now }})
	b, _ := newRawWB(t, sandbox.Options{Now: func() time.Time { return now }})
	ea, _ := a.feed(0)
	eb, _ := b.feed(0)
	if len(ea) != len(eb) || ea[0].EventID != eb[0].EventID || ea[len(ea)-1].AddTimestamp != eb[len(eb)-1].AddTimestamp {
		t.Fatal("same seed and clock gave different feeds")
	}
	// Hostile data still satisfies the contract (checked on Cleanup) and
	// passes hostile names and texts through.
	h, _ := newRawWB(t, sandbox.Options{Now: func() time.Time { return now }, Hostile: true})
	evs, _ := h.feed(0)
	var escapes, badNames int
	for _, e := range evs {
		if e.Message != nil && strings.ContainsRune(e.Message.Text, 0x1b) {
			escapes++
		}
		if e.Message != nil && e.Message.Attachments != nil {
			for _, f := range e.Message.Attachments.Files {
				if strings.Contains(f.Name, "..") || strings.HasPrefix(f.Name, "/") {
					badNames++
				}
			}
		}
	}
	if escapes == 0 || badNames == 0 {
		t.Errorf("hostile seed: %d texts with escapes, %d traversal names", escapes, badNames)
	}
}
