package cli

import (
	"context"
	"encoding/base64"
	"errors"
	"github.com/sellerinbox/sellerinbox/internal/app"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/config"
	"github.com/sellerinbox/sellerinbox/keys"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// wbRouteOf routes the given tokens (empty strings left out) as a session
// would at now.
func wbRouteOf(now time.Time, toks ...string) keys.WBRoute {
	var list []api.Secret
	for _, t := range toks {
		if t != "" {
			list = append(list, api.NewSecret(t))
		}
	}
	return keys.RouteWB(list, now)
}

// wbJWTSigned is wbJWT with its own signature, so that tokens differ in
// their masked tails as real ones do.
func wbJWTSigned(t *testing.T, sig string, exp time.Time, bits ...int) string {
	t.Helper()
	base := wbJWT(t, exp, bits...)
	return base[:strings.LastIndex(base, ".")+1] + base64.RawURLEncoding.EncodeToString([]byte("signature-"+sig))
}

// storedWB reads the profile's WB tokens from the token file directly.
func (h *cmdHarness) storedWB(profile string) []api.Secret {
	h.t.Helper()
	f := keys.NewFileStore(filepath.Join(h.vars[keys.EnvDataDir], keys.FileName), keys.PassphraseFromFile(h.vars[keys.EnvPassphraseFile]))
	toks, err := f.GetWB(profile)
	if err != nil && !errors.Is(err, keys.ErrNotFound) {
		h.t.Fatal(err)
	}
	return toks
}

func wantStored(t *testing.T, got []api.Secret, want ...string) {
	t.Helper()
	ok := len(got) == len(want)
	for i := range want {
		ok = ok && got[i].Reveal() == want[i]
	}
	if !ok {
		masks := make([]string, len(want))
		for i, w := range want {
			masks[i] = api.NewSecret(w).Mask()
		}
		t.Fatalf("stored %v, want %v", got, masks)
	}
}

// wbCategoryTokens are one JWT per category plus a wider and a second
// feedbacks token, each granted by the sandbox exactly what it claims.
type wbCategoryTokens struct{ fb, chat, ret, fb2, fbChat string }

func newWBCategoryTokens(t *testing.T) (wbCategoryTokens, sandbox.Options) {
	exp := time.Now().Add(60 * 24 * time.Hour)
	k := wbCategoryTokens{
		fb:     wbJWTSigned(t, "fb01", exp, 7),
		chat:   wbJWTSigned(t, "ch02", exp.Add(24*time.Hour), 9),
		ret:    wbJWTSigned(t, "rt03", exp.Add(48*time.Hour), 11),
		fb2:    wbJWTSigned(t, "fb04", exp, 7),
		fbChat: wbJWTSigned(t, "fc05", exp, 7, 9),
	}
	fb, chat, ret := api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns
	return k, sandbox.Options{WBTokens: map[string][]api.Service{
		k.fb: {fb}, k.chat: {chat}, k.ret: {ret}, k.fb2: {fb}, k.fbChat: {fb, chat},
	}}
}

// TestLoginWBAddsTokenPerCategory: each login adds a token, reports the
// panes it serves and the categories nobody serves; a token for the same
// categories replaces the stored one and says so; a token for other
// categories is never replaced.
func TestLoginWBAddsTokenPerCategory(t *testing.T) {
	k, opts := newWBCategoryTokens(t)
	h := newHarness(t, opts)
	mask := func(s string) string { return api.NewSecret(s).Mask() }

	h.run(runLogin, k.fb+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "first login", h.stdout.String(),
		"Token "+mask(k.fb)+" serves: Questions, Feedbacks.",
		"Chats:     no token carries \"Buyer chat\"",
		`Warning: no token carries "Buyer chat", "Buyer returns", so Chats, Claims will only explain`)
	wantStored(t, h.storedWB("default"), k.fb)

	h.run(runLogin, k.chat+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "second login", h.stdout.String(),
		"Token "+mask(k.chat)+" serves: Chats.",
		"Questions: token "+mask(k.fb),
		"Chats:     token "+mask(k.chat))
	wantStored(t, h.storedWB("default"), k.fb, k.chat)

	h.run(runLogin, k.ret+"\n", 0, "wb", "--token-stdin")
	wantStored(t, h.storedWB("default"), k.fb, k.chat, k.ret)
	if strings.Contains(h.stdout.String(), "Warning: no token carries") {
		t.Errorf("every category is served, yet login warns:\n%s", h.stdout.String())
	}

	h.run(runLogin, k.fb2+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "same categories", h.stdout.String(), "It replaces token "+mask(k.fb)+", which served the same categories.")
	wantStored(t, h.storedWB("default"), k.chat, k.ret, k.fb2)

	h.run(runLogin, k.fbChat+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "wider token", h.stdout.String(), "Token "+mask(k.fbChat)+" serves: Questions, Feedbacks, Chats.",
		"It replaces token "+mask(k.chat), "It replaces token "+mask(k.fb2), "Claims:    token "+mask(k.ret))
	wantStored(t, h.storedWB("default"), k.ret, k.fbChat)

	// A feedbacks-only token takes feedbacks; the wider one keeps chat.
	h.run(runLogin, k.fb+"\n", 0, "wb", "--token-stdin")
	wantContains(t, "overlap", h.stdout.String(), "Token "+mask(k.fbChat)+" keeps serving Chats; Questions, Feedbacks now use the new token.")
	wantStored(t, h.storedWB("default"), k.ret, k.fbChat, k.fb)

	p, _ := h.config().Profile("default")
	if p == nil || len(p.WBTokens) != 3 || p.WBCheck != nil {
		t.Fatalf("recorded facts: %+v", p)
	}
	for i, tok := range []string{k.ret, k.fbChat, k.fb} {
		if p.WBTokens[i].Tail != mask(tok) || len(p.WBTokens[i].Services) == 0 {
			t.Errorf("facts %d: %+v, want the check of %s", i, p.WBTokens[i], mask(tok))
		}
	}
}

// TestLoginWBKeepsLegacyToken: a token stored by a version with one WB
// token per profile (and its single recorded check) stays when a token for
// another category is added, and keeps its facts.
func TestLoginWBKeepsLegacyToken(t *testing.T) {
	k, opts := newWBCategoryTokens(t)
	h := newHarness(t, opts)
	h.run(runLogin, k.fb+"\n", 0, "wb", "--token-stdin")
	// Rewrite the config as the earlier version wrote it.
	cfg := h.config()
	p, _ := cfg.Profile("default")
	legacy := p.WBTokens[0]
	legacy.Tail = ""
	p.WBCheck, p.WBTokens = &legacy, nil
	if err := config.Save(h.vars[config.EnvConfig], *cfg); err != nil {
		t.Fatal(err)
	}

	h.run(runStatus, "", 0)
	wantContains(t, "status, legacy config", h.stdout.String(), "last check:", "Questions: token "+api.NewSecret(k.fb).Mask())

	h.run(runLogin, k.chat+"\n", 0, "wb", "--token-stdin")
	wantStored(t, h.storedWB("default"), k.fb, k.chat)
	p, _ = h.config().Profile("default")
	if p.WBCheck != nil || len(p.WBTokens) != 2 || !reflect.DeepEqual(p.WBTokens[0].Services, legacy.Services) ||
		p.WBTokens[0].Tail != api.NewSecret(k.fb).Mask() {
		t.Fatalf("facts after adding to a legacy profile: %+v", p.WBTokens)
	}
}

// TestLoginWBOpaqueWhenEveryCategoryIsTaken: a token that cannot be read
// locally and would serve nothing is refused, and nothing is stored.
func TestLoginWBOpaqueWhenEveryCategoryIsTaken(t *testing.T) {
	all := wbJWTSigned(t, "al01", time.Now().Add(60*24*time.Hour), 7, 9, 11)
	h := newHarness(t, sandbox.Options{WBTokens: map[string][]api.Service{
		all: {api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns}}})
	h.run(runLogin, all+"\n", 0, "wb", "--token-stdin")
	h.run(runLogin, sandbox.WBToken+"\n", 1, "wb", "--token-stdin")
	wantContains(t, "stderr", h.stderr.String(), "already served by a stored token", "logout wb")
	wantStored(t, h.storedWB("default"), all)
}

// routeRecorder serves the sandbox and records which Authorization each
// request path carried.
type routeRecorder struct {
	mu   sync.Mutex
	seen map[string][]string // path → tokens
}

func (r *routeRecorder) tokens(path string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.seen[path])
}

func recordWB(t *testing.T, h *cmdHarness, opts sandbox.Options) *routeRecorder {
	rec := &routeRecorder{seen: map[string][]string{}}
	sb := sandbox.New(opts).Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.seen[r.URL.Path] = append(rec.seen[r.URL.Path], strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		rec.mu.Unlock()
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	for _, s := range keys.WBServices {
		h.vars[s.URLEnv()] = srv.URL
	}
	return rec
}

// TestSessionRoutesTokenPerService: each WB service's requests carry the
// token that holds its category, whether the tokens come from the store or
// from SELLERINBOX_WB_TOKEN, and a category no token carries is reported as
// not covered (its pane explains) and sends nothing.
func TestSessionRoutesTokenPerService(t *testing.T) {
	k, opts := newWBCategoryTokens(t)
	for _, from := range []string{"store", "env"} {
		t.Run(from, func(t *testing.T) {
			h := newHarness(t, opts)
			rec := recordWB(t, h, opts)
			if from == "store" {
				h.run(runLogin, k.chat+"\n", 0, "wb", "--token-stdin")
				h.run(runLogin, k.ret+"\n", 0, "wb", "--token-stdin")
				h.run(runLogin, k.fb+"\n", 0, "wb", "--token-stdin")
			} else {
				h.vars[api.EnvWBToken] = k.chat + ", " + k.ret + "," + k.fb
			}
			ctx := context.Background()
			s, err := openSession(ctx, h.env(""), app.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(s.Close)
			if _, err := s.WB().Chats(ctx); err != nil {
				t.Fatalf("chats: %v", err)
			}
			if _, err := s.WB().Claims(ctx, wb.ClaimsQuery{Limit: 10}); err != nil {
				t.Fatalf("claims: %v", err)
			}
			if _, err := s.WB().Questions(ctx, wb.QuestionsQuery{Take: 10}); err != nil {
				t.Fatalf("questions: %v", err)
			}
			if _, err := s.WB().PinsLimits(ctx); err != nil {
				t.Fatalf("pins: %v", err)
			}
			for path, want := range map[string]string{
				"/api/v1/seller/chats": k.chat, "/api/v1/claims": k.ret, "/api/v1/questions": k.fb, "/api/feedbacks/v1/pins/limits": k.fb,
			} {
				got := rec.tokens(path)
				if len(got) == 0 {
					t.Errorf("%s: no request recorded", path)
				}
				for _, g := range got {
					if g != want {
						t.Errorf("%s carried %s, want %s", path, api.NewSecret(g).Mask(), api.NewSecret(want).Mask())
					}
				}
			}
		})
	}

	t.Run("category no token carries", func(t *testing.T) {
		h := newHarness(t, opts)
		rec := recordWB(t, h, opts)
		h.vars[api.EnvWBToken] = k.fbChat
		ctx := context.Background()
		s, err := openSession(ctx, h.env(""), app.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		covers := s.WBRoute().Covers
		if !covers(api.ServiceWBFeedbacks) || !covers(api.ServiceWBChat) || covers(api.ServiceWBReturns) {
			t.Fatalf("covers: feedbacks %v chat %v returns %v", covers(api.ServiceWBFeedbacks), covers(api.ServiceWBChat), covers(api.ServiceWBReturns))
		}
		if _, err := s.WB().Claims(ctx, wb.ClaimsQuery{Limit: 10}); !api.IsKind(err, api.KindAuth) {
			t.Fatalf("claims without a token: %v", err)
		}
		if got := rec.tokens("/api/v1/claims"); len(got) != 0 {
			t.Fatalf("a claims request went out with another category's token (%d)", len(got))
		}
		if _, err := s.WB().Chats(ctx); err != nil {
			t.Fatalf("chats: %v", err)
		}
	})
}

// TestWBTokensNeverPrintedWhole: with several WB tokens, login, status
// (stored and from the environment), both kinds of logout and a status with
// a locked store print masked tails only, and the config holds no token.
func TestWBTokensNeverPrintedWhole(t *testing.T) {
	k, opts := newWBCategoryTokens(t)
	h := newHarness(t, opts)
	mask := func(s string) string { return api.NewSecret(s).Mask() }
	secrets := []string{k.fb, k.chat, k.ret, k.fb2, k.fbChat}

	h.run(runLogin, k.chat+"\n", 0, "wb", "--token-stdin")
	h.run(runLogin, k.ret+"\n", 0, "wb", "--token-stdin")
	h.run(runLogin, k.fb+"\n", 0, "wb", "--token-stdin")
	h.run(runStatus, "", 0)
	wantContains(t, "status", h.stdout.String(),
		"Wildberries:   "+mask(k.chat)+", "+mask(k.ret)+", "+mask(k.fb)+" in the encrypted file",
		"Questions: token "+mask(k.fb)+", expires",
		"Chats:     token "+mask(k.chat)+", expires",
		"Claims:    token "+mask(k.ret)+", expires")
	if n := strings.Count(h.stdout.String(), "last check:"); n != 3 {
		t.Errorf("want a last check per token, got %d:\n%s", n, h.stdout.String())
	}

	h.vars[api.EnvWBToken] = k.fbChat + "," + k.fb2
	h.run(runStatus, "", 0)
	wantContains(t, "status, env", h.stdout.String(),
		"Wildberries:   "+mask(k.fbChat)+", "+mask(k.fb2)+" in SELLERINBOX_WB_TOKEN in the environment",
		"Questions: token "+mask(k.fb2), "Chats:     token "+mask(k.fbChat), `Claims:    no token carries "Buyer returns"`)
	delete(h.vars, api.EnvWBToken)

	h.run(runLogout, "", 0, "wb", "--category", "chat")
	wantContains(t, "logout --category", h.stdout.String(), "Removed Wildberries token "+mask(k.chat)+" (it served Chats)")
	wantStored(t, h.storedWB("default"), k.ret, k.fb)

	// A locked store: the recorded facts, masked, are all status shows.
	pass := h.vars[keys.EnvPassphraseFile]
	h.vars[keys.EnvPassphraseFile] = filepath.Join(h.dir, "no-such-passphrase-file")
	h.run(runStatus, "", 0)
	wantContains(t, "status, locked", h.stdout.String(), "Wildberries:   cannot be read",
		"token "+mask(k.ret)+" (as of the last check):", "token "+mask(k.fb)+" (as of the last check):")
	h.vars[keys.EnvPassphraseFile] = pass

	h.run(runLogout, "", 2, "wb", "--category", "pins")
	h.run(runLogout, "", 2, "ym", "--category", "chat")
	h.run(runLogout, "", 0, "wb")
	wantStored(t, h.storedWB("default"))

	cfg, err := os.ReadFile(h.vars[config.EnvConfig])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.all.String(), "…") {
		t.Fatal("nothing masked was printed: the test would pass vacuously")
	}
	for _, s := range secrets {
		for where, text := range map[string]string{"stdout+stderr": h.all.String(), "config": string(cfg)} {
			// The payload is shared by same-claim tokens; the whole token,
			// and its signature, must never show.
			sig := s[strings.LastIndex(s, ".")+1:]
			if strings.Contains(text, s) || strings.Contains(text, sig) {
				t.Errorf("%s contains token %s", where, mask(s))
			}
		}
	}
}

// TestExpiryWarningSeveralTokens: the status bar warns about the first
// expiry among the tokens in use, and not about a token no pane uses.
func TestExpiryWarningSeveralTokens(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tr := i18n.New(i18n.EN)
	far, soon := now.Add(60*24*time.Hour), now.Add(10*24*time.Hour)
	cases := []struct {
		name string
		toks []string
		want string
	}{
		{"one of two expires soon", []string{wbJWTSigned(t, "a", far, 7), wbJWTSigned(t, "b", soon, 9)}, "WB token expires 03.12.2026"},
		{"the soon one serves nothing", []string{wbJWTSigned(t, "a", soon, 7), wbJWTSigned(t, "b", far, 7, 9, 11)}, ""},
	}
	for _, c := range cases {
		got := app.Warning(wbRouteOf(now, c.toks...), tr, now)
		if (c.want == "" && got != "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
