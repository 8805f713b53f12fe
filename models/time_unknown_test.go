package models

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

// One unreadable timestamp keeps its item and the rest of the page: the
// field reads as unknown and a note goes to the log.
func TestUnreadableTimestampKeepsThePage(t *testing.T) {
	var logged bytes.Buffer
	LogUnreadableTimes(slog.New(slog.NewTextHandler(&logged, nil)))
	t.Cleanup(func() { LogUnreadableTimes(nil) })

	secret := strings.Repeat("x", 60) + "SECRET-TAIL"
	page := `{"countUnanswered":2,"countArchive":0,"feedbacks":[
	  {"id":"good","createdDate":"2024-09-26T10:20:48+03:00","productValuation":5},
	  {"id":"bad","createdDate":"вчера в 10:20","productValuation":1,"returnProductOrdersDate":"` + secret + `","lastOrderCreatedAt":true}
	]}`
	var p FeedbacksPage
	if err := json.Unmarshal([]byte(page), &p); err != nil {
		t.Fatalf("one bad timestamp failed the page: %v", err)
	}
	if len(p.Feedbacks) != 2 || p.Feedbacks[0].CreatedDate.IsUnknown() || p.Feedbacks[0].CreatedDate.IsZero() {
		t.Fatalf("page: %+v", p.Feedbacks)
	}
	bad := p.Feedbacks[1]
	for name, tm := range map[string]Time{"createdDate": bad.CreatedDate, "returnProductOrdersDate": bad.ReturnProductOrdersDate, "lastOrderCreatedAt": bad.LastOrderCreatedAt} {
		if !tm.IsUnknown() || !tm.IsZero() {
			t.Errorf("%s = %+v, want unknown and zero", name, tm)
		}
	}
	if bad.ID != "bad" || bad.ProductValuation != 1 {
		t.Errorf("the item lost its other fields: %+v", bad)
	}
	log := logged.String()
	if strings.Count(log, "unreadable timestamp") != 3 || !strings.Contains(log, "вчера в 10:20") {
		t.Errorf("log:\n%s", log)
	}
	if strings.Contains(log, "SECRET-TAIL") {
		t.Errorf("the log carries the whole server value:\n%s", log)
	}

	// Events and claims too; absent and null stay plain zero.
	var ev ChatEventsResponse
	if err := json.Unmarshal([]byte(`{"result":{"next":5,"totalEvents":2,"events":[
	  {"chatID":"1:a","eventID":"e1","addTimestamp":1698037340000,"addTime":"23/10/2023"},
	  {"chatID":"1:a","eventID":"e2","addTime":"2023-10-23T05:02:20Z"}],"newestEventTime":"soon"}}`), &ev); err != nil {
		t.Fatal(err)
	}
	if !ev.Result.Events[0].AddTime.IsUnknown() || ev.Result.Events[0].Time().IsZero() || !ev.Result.NewestEventTime.IsUnknown() {
		t.Errorf("events: %+v", ev.Result)
	}
	var null Time
	if err := json.Unmarshal([]byte(`null`), &null); err != nil || null.IsUnknown() || !null.IsZero() {
		t.Errorf("null: %+v %v", null, err)
	}
	if b, err := json.Marshal(UnknownTime()); err != nil || string(b) != "null" {
		t.Errorf("unknown encodes as %s, %v", b, err)
	}
}
