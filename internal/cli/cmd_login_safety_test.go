package cli

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
)

// loginAgainst points every service of a login harness at h.
func loginAgainst(t *testing.T, h http.HandlerFunc) *cmdHarness {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ch := newHarness(t, sandbox.Options{})
	for _, s := range api.Services {
		ch.vars[s.URLEnv()] = srv.URL
	}
	return ch
}

func TestLoginNeverReportsAForeignAnswerAsWorking(t *testing.T) {
	h := loginAgainst(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"evil":true}`)
	})
	h.run(runLogin, "opaque-token-evil-1234\n", 1, "wb", "--token-stdin")
	if strings.Contains(h.stdout.String(), " OK") {
		t.Errorf("a category reported working:\n%s", h.stdout.String())
	}
	wantContains(t, "stderr", h.stderr.String(), "does not come from the Wildberries API")
	if _, err := h.stored("default", api.Wildberries); !errors.Is(err, keys.ErrNotFound) {
		t.Errorf("a token no real API checked was stored: %v", err)
	}
	h.run(runLogin, "ym-key-evil-1234\n", 1, "ym", "--token-stdin")
	if strings.Contains(h.stdout.String(), "works") {
		t.Errorf("YM key reported working:\n%s", h.stdout.String())
	}
	if _, err := h.stored("default", api.YandexMarket); !errors.Is(err, keys.ErrNotFound) {
		t.Errorf("a YM key no real API checked was stored: %v", err)
	}
}

func TestLoginRefusesRedirectsAndSendsNoTokenAway(t *testing.T) {
	var stolen atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"data":{},"result":[],"claims":[],"campaigns":[{"id":1}]}`)
	}))
	defer other.Close()
	h := loginAgainst(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	h.run(runLogin, "opaque-token-evil-1234\n", 1, "wb", "--token-stdin")
	h.run(runLogin, "ym-key-evil-1234\n", 1, "ym", "--token-stdin", "--campaign", "1")
	wantContains(t, "stderr", h.stderr.String(), "redirect to \""+other.URL+"/v2/campaigns\"")
	if stolen.Load() != 0 {
		t.Errorf("the other host got %d requests", stolen.Load())
	}
}

func TestLoginAndStatusPrintServerTextInert(t *testing.T) {
	var authorised atomic.Bool
	h := loginAgainst(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if !authorised.Load() {
			w.WriteHeader(401)
			io.WriteString(w, `{"title":`+jsonString(terminalHostile)+`,"detail":`+jsonString(terminalHostile)+
				`,"requestId":`+jsonString(terminalHostile)+`,"status":401,"errors":[{"code":"X","message":`+jsonString(terminalHostile)+`}]}`)
			return
		}
		io.WriteString(w, `{"campaigns":[{"id":1000,"domain":`+jsonString(terminalHostile)+`,"placementType":`+jsonString(terminalHostile)+`}],"paging":{}}`)
	})
	h.run(runLogin, "opaque-token-evil-1234\n", 1, "wb", "--token-stdin")
	inertBytes(t, "login wb output", h.all.String())
	h.run(runLogin, "ym-key-evil-1234\n", 1, "ym", "--token-stdin")
	inertBytes(t, "login ym output", h.all.String())
	wantContains(t, "stderr", h.stderr.String(), "Yandex Market rejected the Api-Key", "evil")

	authorised.Store(true)
	h.run(runLogin, "ym-key-evil-1234\n", 0, "ym", "--token-stdin")
	inertBytes(t, "login ym output", h.all.String())
	h.run(runStatus, "", 0)
	inertBytes(t, "status output", h.all.String())
	wantContains(t, "status", h.stdout.String(), "1000", "evil")
}
