package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// terminalHostile retitles the window (OSC 0), writes the clipboard
// (OSC 52), clears the screen (CSI 2J, C1 CSI) and reverses the line.
const terminalHostile = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[H\u009b2J\u202eevil"

// inertBytes fails when out carries ESC, BEL, a C1 control or a bidi
// override, raw.
func inertBytes(t *testing.T, what, out string) {
	t.Helper()
	for _, r := range out {
		if r == 0x1b || r == 0x07 || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s carries %U:\n%q", what, r, out)
			return
		}
	}
	if strings.Contains(out, "ZXZpbA") {
		t.Errorf("%s shows a clipboard payload:\n%q", what, out)
	}
}

// hostileWB points every Wildberries service of a list harness at h.
func hostileWB(t *testing.T, h http.HandlerFunc) *cmdHarness {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ch := listHarness(t)
	for _, s := range []api.Service{api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns} {
		ch.vars[s.URLEnv()] = srv.URL
	}
	return ch
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestListPrintsServerErrorsInert(t *testing.T) {
	h := hostileWB(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(401)
		io.WriteString(w, `{"title":`+jsonString(terminalHostile)+`,"detail":`+jsonString(terminalHostile)+
			`,"requestId":`+jsonString(terminalHostile)+`,"errors":[{"message":`+jsonString(terminalHostile)+`}],"status":401}`)
	})
	for _, pane := range []string{"questions", "chats", "claims"} {
		for _, args := range [][]string{{pane}, {pane, "--json"}} {
			h.run(runList, "", 1, args...)
			inertBytes(t, "stderr", h.stderr.String())
			inertBytes(t, "stdout", h.stdout.String())
			if !strings.Contains(h.stderr.String(), "rejected the token") || !strings.Contains(h.stderr.String(), "evil") {
				t.Errorf("%v: the error itself is lost: %s", args, h.stderr.String())
			}
		}
	}
}

func TestListJSONEscapesInvisibleCharacters(t *testing.T) {
	h := newHarness(t, sandbox.Options{Hostile: true})
	h.vars[api.EnvWBToken] = sandbox.WBToken
	seen := false
	for _, pane := range []string{"questions", "feedbacks", "chats"} {
		h.run(runList, "", 0, pane, "--json")
		out := h.stdout.String()
		inertBytes(t, pane+" --json", out)
		if strings.ContainsRune(out, '\u200b') {
			t.Errorf("%s: a zero-width space is raw", pane)
		}
		var items []any
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("%s: not JSON: %v", pane, err)
		}
		// The text is kept, escaped: a consumer decodes the same string.
		if strings.Contains(out, `\u009b`) && strings.Contains(out, `\u202e`) {
			seen = true
			var decoded bytes.Buffer
			json.NewEncoder(&decoded).Encode(items)
			if !strings.ContainsRune(decoded.String(), '\u202e') {
				t.Errorf("%s: U+202E lost in decoding", pane)
			}
		}
	}
	if !seen {
		t.Error("no pane carried the hostile C1 and bidi texts escaped")
	}
	if got := string(escapeInvisible([]byte(`"a` + "\U000e0001\u0085" + `b"`))); got != `"a\udb40\udc01\u0085b"` {
		t.Errorf("astral format character: %s", got)
	}
}

func TestListRefusesAPIRedirects(t *testing.T) {
	var stolen atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
		io.WriteString(w, `{"evil":true}`)
	}))
	defer other.Close()
	h := hostileWB(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", http.StatusTemporaryRedirect)
	})
	h.run(runList, "", 1, "chats", "--json")
	if stolen.Load() != 0 {
		t.Errorf("the other host got %d requests", stolen.Load())
	}
	if !strings.Contains(h.stderr.String(), other.URL+"/x") || h.stdout.Len() != 0 {
		t.Errorf("stdout %q stderr %q", h.stdout.String(), h.stderr.String())
	}
}

func TestListForeignBodyIsAnErrorNotAnEmptyList(t *testing.T) {
	h := hostileWB(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"evil":true}`)
	})
	for _, pane := range []string{"questions", "feedbacks", "chats", "claims"} {
		h.run(runList, "", 1, pane, "--json")
		if h.stdout.Len() != 0 || !strings.Contains(h.stderr.String(), "could not be read") {
			t.Errorf("%s: stdout %q stderr %q", pane, h.stdout.String(), h.stderr.String())
		}
	}
}

func TestListGivesUpAtItsTimeout(t *testing.T) {
	h := hostileWB(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		for r.Context().Err() == nil {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	})
	start := time.Now()
	h.run(runList, "", 1, "chats", "--timeout", "300ms")
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("took %v", took)
	}
	if !strings.Contains(h.stderr.String(), "gave up after 300ms") {
		t.Errorf("stderr %q", h.stderr.String())
	}
	h.run(runList, "", 2, "chats", "--timeout", "0s")
}

// TestListTimeoutLeavesTheProfileAlone: --timeout bounds the talk with the
// marketplaces, not the opening of the profile's database, whose first
// open runs the schema upgrades (cut short, they would fail every run).
func TestListTimeoutLeavesTheProfileAlone(t *testing.T) {
	h := hostileWB(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"data":{"questions":[],"countUnanswered":0,"countArchive":0},"error":false,"errorText":"","additionalErrors":null}`)
	})
	h.run(runList, "", 1, "questions", "--timeout", "1ns")
	if s := h.stderr.String(); !strings.Contains(s, "gave up after 1ns") || strings.Contains(s, "database") {
		t.Errorf("stderr %q", s)
	}
}
