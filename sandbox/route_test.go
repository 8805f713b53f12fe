package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// testServer starts a sandbox with one extra probe route per service whose
// handler counts how often it really ran.
func testServer(t *testing.T, opts Options) (*Running, *atomic.Int32) {
	t.Helper()
	s := New(opts)
	var ran atomic.Int32
	h := func(w http.ResponseWriter, r *http.Request) {
		ran.Add(1)
		writeJSON(w, 200, map[string]any{"data": strings.Repeat("x", 200), "error": false})
	}
	s.handle("GET /_probe/wb", route{service: api.ServiceWBChat, group: api.GroupWBChat}, h)
	s.handle("GET /_probe/ym/{campaignId}", route{service: api.ServiceYM, group: api.GroupYMReturns, parallel: "campaignId"},
		func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(50 * time.Millisecond)
			h(w, r)
		})
	run, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run, &ran
}

func get(t *testing.T, url string, hdr map[string]string) (*http.Response, []byte, error) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestAuthAndErrorBodies(t *testing.T) {
	run, _ := testServer(t, Options{WBTokens: map[string][]api.Service{"feedbacks-only": {api.ServiceWBFeedbacks}}})
	cases := []struct {
		name, path string
		hdr        map[string]string
		status     int
		bodyHas    string
	}{
		{"wb ok", "/_probe/wb", map[string]string{"Authorization": WBToken}, 200, `"error":false`},
		{"wb bearer ok", "/_probe/wb", map[string]string{"Authorization": "Bearer " + WBToken}, 200, `"error":false`},
		{"wb no token", "/_probe/wb", nil, 401, `"title":"unauthorized"`},
		{"wb token without chat category", "/_probe/wb", map[string]string{"Authorization": "feedbacks-only"}, 401, `"origin":"s2s-api-auth-wb-chat"`},
		{"ym ok", "/_probe/ym/1000", map[string]string{"Api-Key": YMToken}, 200, `"error":false`},
		{"ym wrong key", "/_probe/ym/1000", map[string]string{"Api-Key": "nope"}, 401, `"status":"ERROR"`},
		{"ym wb token", "/_probe/ym/1000", map[string]string{"Authorization": WBToken}, 401, `"code":"UNAUTHORIZED"`},
		{"unknown path", "/nope", nil, 404, "no such method"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body, err := get(t, run.URL+c.path, c.hdr)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != c.status || !strings.Contains(string(body), c.bodyHas) {
				t.Errorf("%d %s", resp.StatusCode, body)
			}
			if !json.Valid(body) {
				t.Errorf("body is not JSON: %s", body)
			}
		})
	}
}

func TestWBRateLimitHeaders(t *testing.T) {
	run, _ := testServer(t, Options{Limits: map[api.Group]api.Limit{api.GroupWBChat: {Per: time.Hour, Burst: 2, Window: time.Hour, Max: 2}}})
	hdr := map[string]string{"Authorization": WBToken}
	for i := range 2 {
		resp, _, err := get(t, run.URL+"/_probe/wb", hdr)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("call %d: %v %v", i, resp, err)
		}
		if resp.Header.Get("X-Ratelimit-Remaining") == "" {
			t.Errorf("no X-Ratelimit-Remaining")
		}
	}
	resp, body, err := get(t, run.URL+"/_probe/wb", hdr)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 429 || resp.Header.Get("X-Ratelimit-Retry") == "" || resp.Header.Get("X-Ratelimit-Reset") == "" ||
		resp.Header.Get("X-Ratelimit-Limit") != "2" || !strings.Contains(string(body), "too many requests") {
		t.Errorf("%d %v %s", resp.StatusCode, resp.Header, body)
	}
}

func TestYMParallelCap(t *testing.T) {
	run, _ := testServer(t, Options{})
	var wg sync.WaitGroup
	var ok, limited atomic.Int32
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, body, err := get(t, run.URL+"/_probe/ym/1000", map[string]string{"Api-Key": YMToken})
			if err != nil {
				t.Error(err)
				return
			}
			switch resp.StatusCode {
			case 200:
				ok.Add(1)
			case 420:
				limited.Add(1)
				if !strings.Contains(string(body), "parallel") {
					t.Errorf("420 body %s", body)
				}
			}
		}()
	}
	wg.Wait()
	if ok.Load() < 4 || limited.Load() == 0 {
		t.Errorf("ok=%d limited=%d: want 4 served and the rest refused with 420", ok.Load(), limited.Load())
	}
}

func TestFaults(t *testing.T) {
	hdr := map[string]string{"Authorization": WBToken}
	cases := []struct {
		name    string
		faults  Faults
		status  int
		wantErr bool
		ran     int32
	}{
		{"5xx without acting", Faults{ErrorRate: 1}, 500, false, 0},
		{"429 storm", Faults{Storm429: 1}, 429, false, 0},
		{"reset before acting", Faults{ResetRate: 1}, 0, true, 0},
		{"truncated after acting", Faults{TruncateRate: 1}, 200, true, 1},
		{"dropped after acting", Faults{DropAfterWrite: 1}, 0, true, 1},
		{"latency", Faults{MaxLatency: 30 * time.Millisecond}, 200, false, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run, ran := testServer(t, Options{Faults: c.faults, NoLimits: true})
			resp, _, err := get(t, run.URL+"/_probe/wb", hdr)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v", err)
			}
			if resp != nil && resp.StatusCode != c.status {
				t.Errorf("status %d", resp.StatusCode)
			}
			if ran.Load() != c.ran {
				t.Errorf("handler ran %d times, want %d", ran.Load(), c.ran)
			}
		})
	}
}

func TestMediaServed(t *testing.T) {
	run, _ := testServer(t, Options{})
	cases := map[string]string{
		"/_media/feedback/1-1.jpg":       "image/jpeg",
		"/_media/feedback/1-1.webp":      "image/webp",
		"/_media/feedback/1-1-mini.webp": "image/webp",
		"/_media/ym/abc.png":             "image/png",
		"/_media/claim/x-1.webp":         "image/webp",
		"/_media/ym/app.pdf":             "application/pdf",
		"/_media/claim/x.mp4":            "video/mp4",
	}
	for path, ct := range cases {
		resp, body, err := get(t, run.URL+path, nil)
		if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ct || len(body) < 20 {
			t.Errorf("%s: %v %v", path, resp, err)
		}
		if ct == "application/pdf" && !strings.HasPrefix(string(body), "%PDF-1.4") {
			t.Errorf("not a PDF")
		}
	}
	if resp, _, _ := get(t, run.URL+"/_media/x/y.exe", nil); resp.StatusCode != 404 {
		t.Errorf("unknown media served: %d", resp.StatusCode)
	}
}
