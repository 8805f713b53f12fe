package sandbox

import (
	"encoding/json"
	"golang.org/x/image/webp"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// fqClock is a settable sandbox clock for the 60-day edit window.
type fqClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fqClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fqClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func fqServer(t *testing.T, opts Options) *Server {
	t.Helper()
	opts.NoLimits = true
	return New(opts)
}

// fqDo sends one request straight to the handler with the demo token.
func fqDo(t *testing.T, s *Server, method, target, contentType, body string) (int, http.Header, []byte) {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Header.Set("Authorization", WBToken)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, w.Header(), b
}

func fqJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return m
}

func TestFQSeedIsDeterministicAndRealistic(t *testing.T) {
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	a := newFQState(newGen(7, 2, false), 1, now)
	b := newFQState(newGen(7, 2, false), 1, now)
	if len(a.questions) != fqQuestionsPerScale || len(a.feedbacks) != fqFeedbacksPerScale {
		t.Fatalf("%d questions, %d feedbacks", len(a.questions), len(a.feedbacks))
	}
	for i := range a.feedbacks {
		if a.feedbacks[i].id != b.feedbacks[i].id || a.feedbacks[i].text != b.feedbacks[i].text {
			t.Fatal("same seed, different feedbacks")
		}
	}
	var answered, viewed, photos, video, archived, returnable, linked int
	ratings := map[uint8]int{}
	for _, f := range a.feedbacks {
		ratings[f.rating]++
		if f.answered() {
			answered++
		}
		if f.viewed {
			viewed++
		}
		if f.photos > 0 {
			photos++
		}
		if f.video {
			video++
		}
		if f.archived {
			archived++
		}
		if f.returnable {
			returnable++
		}
		if f.parent >= 0 {
			linked++
		}
		if time.Unix(f.created, 0).After(now) || f.orderAt >= f.created {
			t.Fatalf("dates out of order: %+v", f)
		}
	}
	for name, n := range map[string]int{"answered": answered, "viewed": viewed, "photos": photos, "video": video,
		"archived": archived, "returnable": returnable, "supplemented": linked} {
		if n == 0 || n == len(a.feedbacks) {
			t.Errorf("%s: %d of %d, want a mix", name, n, len(a.feedbacks))
		}
	}
	for r := uint8(1); r <= 5; r++ {
		if ratings[r] == 0 {
			t.Errorf("no %d-star feedbacks: %v", r, ratings)
		}
	}
	states := map[string]int{}
	for _, q := range a.questions {
		states[q.state]++
	}
	if states[fqQNew] == 0 || states[fqQAnswered] == 0 || states[fqQRejected] == 0 {
		t.Errorf("question states %v", states)
	}
	if len(a.pins) < 4 {
		t.Errorf("%d seed pins", len(a.pins))
	}
}

// Scale 300 (~210k items) must stay quick and cheap enough for demos of
// large accounts.
func TestFQScale300IsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 210k items")
	}
	start := time.Now()
	st := newFQState(newGen(1, 2, true), 300, time.Now())
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("scale 300 took %s", took)
	}
	if len(st.feedbacks) != 300*fqFeedbacksPerScale || len(st.fIndex) != len(st.feedbacks) || len(st.qIndex) != len(st.questions) {
		t.Errorf("%d feedbacks, %d indexed; IDs must be unique", len(st.feedbacks), len(st.fIndex))
	}
}

func TestFQTimestampsUseEachEndpointsFormat(t *testing.T) {
	s := fqServer(t, Options{})
	_, _, b := fqDo(t, s, "GET", "/api/v1/questions?isAnswered=true&take=5&skip=0", "", "")
	nano := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$`)
	for _, q := range fqJSON(t, b)["data"].(map[string]any)["questions"].([]any) {
		q := q.(map[string]any)
		if !nano.MatchString(q["createdDate"].(string)) || !nano.MatchString(q["answer"].(map[string]any)["createDate"].(string)) {
			t.Errorf("question times %v / %v", q["createdDate"], q["answer"])
		}
	}
	_, _, b = fqDo(t, s, "GET", "/api/v1/feedbacks?isAnswered=true&take=5&skip=0", "", "")
	msk := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$`)
	for _, f := range fqJSON(t, b)["data"].(map[string]any)["feedbacks"].([]any) {
		f := f.(map[string]any)
		if !msk.MatchString(f["createdDate"].(string)) || !msk.MatchString(f["lastOrderCreatedAt"].(string)) {
			t.Errorf("feedback times %v / %v", f["createdDate"], f["lastOrderCreatedAt"])
		}
	}
}

func TestFQValidationBodies(t *testing.T) {
	s := fqServer(t, Options{})
	const json = "application/json"
	cases := []struct {
		name, method, target, ct, body string
		status                         int
		has                            string
	}{
		{"questions without isAnswered", "GET", "/api/v1/questions?take=1&skip=0", "", "", 400, `"errorText":"Плохой формат isAnswered"`},
		{"questions bad take", "GET", "/api/v1/questions?isAnswered=true&take=x&skip=0", "", "", 400, "Плохой формат take"},
		{"questions window", "GET", "/api/v1/questions?isAnswered=true&take=9000&skip=1001", "", "", 400, `"error":true`},
		{"questions bad order", "GET", "/api/v1/questions?isAnswered=true&take=1&skip=0&order=up", "", "", 400, "Плохой формат order"},
		{"questions count bad dateFrom", "GET", "/api/v1/questions/count?dateFrom=yesterday", "", "", 400, "Плохой формат dateFrom"},
		{"feedbacks count bad isAnswered", "GET", "/api/v1/feedbacks/count?isAnswered=maybe", "", "", 400, "Плохой формат isAnswered"},
		{"feedbacks take 5001", "GET", "/api/v1/feedbacks?isAnswered=true&take=5001&skip=0", "", "", 400, "take"},
		{"feedbacks skip 199991", "GET", "/api/v1/feedbacks?isAnswered=true&take=1&skip=199991", "", "", 400, "skip"},
		{"feedbacks skip 199990", "GET", "/api/v1/feedbacks?isAnswered=true&take=1&skip=199990", "", "", 200, `"feedbacks":[]`},
		{"archive without take", "GET", "/api/v1/feedbacks/archive?skip=0", "", "", 400, "Плохой формат take"},
		{"question unknown id", "GET", "/api/v1/question?id=nope", "", "", 422, "Невозможно получить вопрос по id"},
		{"feedback unknown id", "GET", "/api/v1/feedback?id=nope", "", "", 422, "Невозможно получить отзыв по id"},
		{"answer without content type", "POST", "/api/v1/feedbacks/answer", "", `{"id":"x","text":"ok"}`, 400, "content-type header not specified"},
		{"answer as javascript", "POST", "/api/v1/feedbacks/answer", "application/javascript", `{}`, 400, "not a json content-type"},
		{"answer broken JSON", "POST", "/api/v1/feedbacks/answer", json, `{"id":`, 400, "Неверный синтаксис JSON"},
		{"answer one character", "POST", "/api/v1/feedbacks/answer", json, `{"id":"x","text":"Д"}`, 400, "between 2 and 5000"},
		{"answer 5001 characters", "POST", "/api/v1/feedbacks/answer", json, `{"id":"x","text":"` + strings.Repeat("ж", 5001) + `"}`, 400, "between 2 and 5000"},
		{"answer unknown id", "POST", "/api/v1/feedbacks/answer", json, `{"id":"nope","text":"Спасибо!"}`, 204, ""},
		{"edit unknown id", "PATCH", "/api/v1/feedbacks/answer", json, `{"id":"nope","text":"Спасибо!"}`, 204, ""},
		{"question patch unknown id", "PATCH", "/api/v1/questions", json, `{"id":"nope","wasViewed":true}`, 200, `"error":false`},
		{"question patch short text", "PATCH", "/api/v1/questions", json, `{"id":"nope","answer":{"text":"a"},"state":"wbRu"}`, 400, "от 2 до 5000"},
		{"question patch bad state", "PATCH", "/api/v1/questions", json, `{"id":"nope","answer":{"text":"Ответ"},"state":"maybe"}`, 400, `"error":true`},
		{"return without id", "POST", "/api/v1/feedbacks/order/return", json, `{}`, 400, "Неправильный id в запросе"},
		{"return unknown id", "POST", "/api/v1/feedbacks/order/return", json, `{"feedbackId":"nope"}`, 400, "Не удалось получить отзыв"},
		{"pins bad state", "GET", "/api/feedbacks/v1/pins?state=maybe", "", "", 400, "state must be one of the values"},
		{"pins limit 501", "GET", "/api/feedbacks/v1/pins?limit=501", "", "", 400, "limit must be between 1 and 500"},
		{"pins bad date", "GET", "/api/feedbacks/v1/pins/count?dateFrom=2020-01-01", "", "", 400, "RFC 3339"},
		{"pin empty body", "POST", "/api/feedbacks/v1/pins", json, `[]`, 400, `"origin":"pin-open-api"`},
		{"pin bad method", "POST", "/api/feedbacks/v1/pins", json, `[{"pinMethod":"free","pinOn":"nm","feedbackId":"x"}]`, 400, "invalid request body"},
		{"unpin not a list", "DELETE", "/api/feedbacks/v1/pins", json, `{"id":1}`, 400, "invalid request body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, body := fqDo(t, s, c.method, c.target, c.ct, c.body)
			if status != c.status || !strings.Contains(string(body), c.has) {
				t.Errorf("%d %s", status, body)
			}
		})
	}
}

func TestFQAnswerEditWindow(t *testing.T) {
	clock := &fqClock{t: time.Now()}
	s := fqServer(t, Options{Now: clock.now})
	var id string
	for _, f := range s.fq.feedbacks {
		if !f.answered() && !f.archived {
			id = f.id
			break
		}
	}
	answer := func(method, text string) {
		t.Helper()
		if status, _, b := fqDo(t, s, method, "/api/v1/feedbacks/answer", "application/json", `{"id":"`+id+`","text":"`+text+`"}`); status != 204 {
			t.Fatalf("%s: %d %s", method, status, b)
		}
	}
	current := func() (text string, editable bool) {
		_, _, b := fqDo(t, s, "GET", "/api/v1/feedback?id="+id, "", "")
		a := fqJSON(t, b)["data"].(map[string]any)["answer"].(map[string]any)
		return a["text"].(string), a["editable"].(bool)
	}
	answer("POST", "Первый")
	answer("POST", "Второй ответ игнорируется")
	if text, editable := current(); text != "Первый" || !editable {
		t.Fatalf("after answering: %q editable=%v", text, editable)
	}
	clock.add(59 * 24 * time.Hour)
	answer("PATCH", "Правка")
	if text, editable := current(); text != "Правка" || editable {
		t.Fatalf("after the edit: %q editable=%v", text, editable)
	}
	answer("PATCH", "Вторая правка")
	if text, _ := current(); text != "Правка" {
		t.Errorf("a second edit went through: %q", text)
	}

	// Past 60 days an unused edit is gone too.
	var other string
	for _, f := range s.fq.feedbacks {
		if !f.answered() && !f.archived && f.id != id {
			other = f.id
			break
		}
	}
	id = other
	answer("POST", "Ответ")
	clock.add(61 * 24 * time.Hour)
	if _, editable := current(); editable {
		t.Error("editable after 61 days")
	}
	answer("PATCH", "Поздно")
	if text, _ := current(); text != "Ответ" {
		t.Errorf("edit after 60 days went through: %q", text)
	}
}

func TestFQQuestionPatchLifecycle(t *testing.T) {
	s := fqServer(t, Options{})
	var id string
	for _, q := range s.fq.questions {
		if q.state == fqQNew && !q.viewed {
			id = q.id
			break
		}
	}
	patch := func(body string) int {
		status, _, _ := fqDo(t, s, "PATCH", "/api/v1/questions", "application/json", body)
		return status
	}
	unanswered := func() float64 {
		_, _, b := fqDo(t, s, "GET", "/api/v1/questions/count-unanswered", "", "")
		return fqJSON(t, b)["data"].(map[string]any)["countUnanswered"].(float64)
	}
	before := unanswered()
	if patch(`{"id":"`+id+`","wasViewed":true}`) != 200 || !s.fq.question(id).viewed {
		t.Fatal("viewed mark not applied")
	}
	if patch(`{"id":"`+id+`","answer":{"text":"Ответ"},"state":"wbRu"}`) != 200 || unanswered() != before-1 {
		t.Fatal("answer did not leave the unanswered count")
	}
	if patch(`{"id":"`+id+`","answer":{"text":"Правка"},"state":"wbRu"}`) != 200 {
		t.Fatal("the one edit was refused")
	}
	if patch(`{"id":"`+id+`","answer":{"text":"Ещё правка"},"state":"wbRu"}`) != 400 {
		t.Error("a second edit was accepted")
	}
	if patch(`{"id":"`+id+`","answer":{"text":"Отклонить"},"state":"none"}`) != 400 {
		t.Error("an answered question was rejected")
	}
}

func TestFQFeedbackMedia(t *testing.T) {
	s := fqServer(t, Options{})
	run, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	var id string
	for _, f := range s.fq.feedbacks {
		if f.photos > 0 {
			id = f.id
			break
		}
	}
	size := func(name string) int {
		resp, err := http.Get(run.URL + "/_media/feedback/" + name)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); ct != "image/webp" {
			t.Errorf("%s served as %q", name, ct)
		}
		cfg, err := webp.DecodeConfig(resp.Body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return cfg.Width
	}
	if full, mini := size(id+"-1.webp"), size(id+"-1-mini.webp"); mini >= full {
		t.Errorf("mini %d px wide, full %d", mini, full)
	}
	// The links the feedbacks list gives point at WebP (since 2026-02-05).
	_, _, body := fqDo(t, s, "GET", "/api/v1/feedbacks?isAnswered=false&take=5000&skip=0", "", "")
	links := regexp.MustCompile(`"(fullSize|miniSize|previewImage)":"([^"]+)"`).FindAllStringSubmatch(string(body), -1)
	if len(links) == 0 {
		t.Fatal("no photo links in the feedbacks list")
	}
	for _, l := range links {
		if !strings.HasSuffix(l[2], ".webp") {
			t.Errorf("%s %s is not WebP", l[1], l[2])
		}
	}
	resp, err := http.Get(run.URL + "/_media/feedback/" + id + ".mp4")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "video/mp4" {
		t.Errorf("video served as %q", resp.Header.Get("Content-Type"))
	}
}

// Feedbacks carry orderStatus (2026-08 document) with every documented
// value present in the seed, most of them bought out.
func TestFQFeedbackOrderStatus(t *testing.T) {
	s := fqServer(t, Options{})
	count := map[string]int{}
	for _, answered := range []string{"false", "true"} {
		_, _, body := fqDo(t, s, "GET", "/api/v1/feedbacks?isAnswered="+answered+"&take=5000&skip=0", "", "")
		var page struct {
			Data struct {
				Feedbacks []map[string]any `json:"feedbacks"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Data.Feedbacks {
			st, ok := f["orderStatus"].(string)
			if !ok {
				t.Fatalf("feedback %v has no orderStatus", f["id"])
			}
			count[st]++
		}
	}
	total := 0
	for _, n := range count {
		total += n
	}
	for _, want := range []string{"buyout", "rejected", "returned", "notSpecified"} {
		if count[want] == 0 {
			t.Errorf("no feedback with orderStatus %q: %v", want, count)
		}
	}
	if len(count) != 4 || count["buyout"] < total/2 {
		t.Errorf("unrealistic mix: %v", count)
	}
}
