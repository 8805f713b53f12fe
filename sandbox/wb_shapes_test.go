package sandbox_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/sandbox/contract"
)

// The sandbox answers with the fields WB's current document declares and no
// others: chats and events lost clientID, goodCard became a Listing without
// date and statusID. The validator cannot see extra fields (the spec allows
// them), so each answer is walked against its schema.
func TestWBAnswersCarryOnlyDocumentedFields(t *testing.T) {
	c, _ := newRawWB(t, sandbox.Options{})
	spec, err := contract.Load()
	if err != nil {
		t.Fatal(err)
	}
	check := func(method, path string, status int, body []byte) {
		t.Helper()
		p, _, _ := strings.Cut(path, "?")
		extra, err := spec.UndocumentedFields(method, p, status, body)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		if len(extra) > 0 {
			t.Errorf("%s %s answers undocumented fields %v", method, path, extra)
		}
	}
	get := func(path string) []byte {
		t.Helper()
		st, _, b := c.do("GET", path, "", nil)
		if st != 200 {
			t.Fatalf("GET %s: %d %s", path, st, b)
		}
		check("GET", path, st, b)
		return b
	}
	chats := get("/api/v1/seller/chats")
	if strings.Contains(string(chats), `"clientID"`) || strings.Contains(string(chats), `"statusID"`) {
		t.Errorf("chat list still carries clientID/statusID")
	}
	_, next := c.feed(0)
	if next == 0 {
		t.Fatal("empty feed")
	}
	for _, path := range []string{"/api/v1/seller/events", fmt.Sprintf("/api/v1/seller/events?next=%d", 1)} {
		get(path)
	}
	list := c.chats()
	body, ct := chatForm(chatPart{name: "replySign", data: []byte(list[0].ReplySign)}, chatPart{name: "message", data: []byte("Здравствуйте! Уже проверяем.")})
	st, _, sent := c.do("POST", "/api/v1/seller/message", ct, body)
	if st != 200 {
		t.Fatalf("send: %d %s", st, sent)
	}
	check("POST", "/api/v1/seller/message", st, sent)
	for _, path := range []string{
		"/api/v1/feedbacks?isAnswered=false&take=100&skip=0",
		"/api/v1/feedbacks?isAnswered=true&take=100&skip=0",
		"/api/v1/feedbacks/archive?take=100&skip=0",
		"/api/v1/questions?isAnswered=false&take=100&skip=0",
		"/api/v1/claims?is_archive=false",
	} {
		get(path)
	}
	// Fields the 2026-08 document added are sent.
	if claims := string(get("/api/v1/claims?is_archive=false")); !strings.Contains(claims, `"delivery_dt":"20`) || !strings.Contains(claims, `"origin_id_info":null`) {
		t.Errorf("claims lack delivery_dt/origin_id_info")
	}
	if f := string(get("/api/v1/feedbacks?isAnswered=false&take=10&skip=0")); !strings.Contains(f, `"orderStatus":"`) {
		t.Errorf("feedbacks lack orderStatus")
	}
}
