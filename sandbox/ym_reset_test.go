package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// YM documents X-RateLimit-Resource-Until as an RFC 822 date; the
// sandbox must send that, not the RFC 3339 the client once assumed.
func TestYMResetTimeIsRFC822(t *testing.T) {
	run, _ := testServer(t, Options{Limits: map[api.Group]api.Limit{
		api.GroupYMReturns: {Per: time.Hour, Burst: 1, Window: time.Hour, Max: 1},
	}})
	hdr := map[string]string{"Api-Key": YMToken}
	var statuses []int
	for range 2 {
		resp, _, err := get(t, run.URL+"/_probe/ym/1000", hdr)
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, resp.StatusCode)
		v := resp.Header.Get("X-RateLimit-Resource-Until")
		at, err := http.ParseTime(v)
		if err != nil {
			t.Fatalf("status %d: X-RateLimit-Resource-Until %q is not an RFC 822 date: %v", resp.StatusCode, v, err)
		}
		if _, err := time.Parse(time.RFC3339, v); err == nil {
			t.Errorf("%q is RFC 3339", v)
		}
		if !at.After(time.Now().Add(-time.Second)) {
			t.Errorf("reset %v is in the past", at)
		}
	}
	if statuses[0] != 200 || statuses[1] != 420 {
		t.Errorf("statuses %v, want 200 then 420", statuses)
	}
}

func TestYMResetTimeRoundsUp(t *testing.T) {
	at := time.Date(2018, 7, 10, 0, 42, 41, 300e6, time.FixedZone("MSK", 3*3600))
	if got := ymResetTime(at); got != "Mon, 09 Jul 2018 21:42:42 GMT" {
		t.Errorf("got %q", got)
	}
}
