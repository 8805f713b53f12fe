package sandbox

import (
	"net/http"
	"time"
)

// ymResetTime formats YM's X-RateLimit-Resource-Until as documented: an
// RFC 822 date ("Thu, 10 Jul 2018 00:42:42 GMT"). The format has whole
// seconds, so the time is rounded up: a client that waits until the
// header's time must not arrive before the bucket has refilled.
func ymResetTime(t time.Time) string {
	if r := t.Truncate(time.Second); r.Before(t) {
		t = r.Add(time.Second)
	}
	return t.UTC().Format(http.TimeFormat)
}
