package keys

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/sellerinbox/sellerinbox/api"
)

func secrets(vs ...string) []api.Secret {
	out := make([]api.Secret, len(vs))
	for i, v := range vs {
		out[i] = api.NewSecret(v)
	}
	return out
}

// revealAll is for comparisons only; failures print masks, never this.
func revealAll(toks []api.Secret) string {
	var vs []string
	for _, t := range toks {
		vs = append(vs, t.Reveal())
	}
	return strings.Join(vs, ",")
}

func wantWB(t *testing.T, s Store, profile string, want []api.Secret) {
	t.Helper()
	got, err := s.GetWB(profile)
	if err != nil {
		t.Fatalf("GetWB(%s): %v", profile, err)
	}
	if revealAll(got) != revealAll(want) {
		t.Fatalf("GetWB(%s) = %v, want %v", profile, got, want)
	}
	if first, err := s.Get(profile, api.Wildberries); err != nil || first.Reveal() != want[0].Reveal() {
		t.Fatalf("Get(%s, wb) = %v, %v; want the oldest, %v", profile, first, err, want[0])
	}
}

// TestWBTokensRoundTrip stores one, two and three WB tokens in every
// writable backend and reads them back, from the same store and (file) from
// a fresh one that has to decrypt what was written.
func TestWBTokensRoundTrip(t *testing.T) {
	type backend struct {
		store  Store
		reopen func() Store
	}
	backends := map[string]func(t *testing.T) backend{
		"keyring": func(t *testing.T) backend {
			kr := newFakeKeyring()
			return backend{NewKeyringStore(kr, 0), func() Store { return NewKeyringStore(kr, 0) }}
		},
		"file": func(t *testing.T) backend {
			f := newTestFileStore(t, "pw")
			return backend{f, func() Store { return NewFileStore(f.Path(), func(bool) (string, error) { return "pw", nil }) }}
		},
		"layered": func(t *testing.T) backend {
			f := newTestFileStore(t, "pw")
			env := NewEnvStore(func(string) string { return "" })
			return backend{&Layered{Env: env, Base: f}, func() Store {
				return &Layered{Env: env, Base: NewFileStore(f.Path(), func(bool) (string, error) { return "pw", nil })}
			}}
		},
	}
	all := secrets("wb-feedbacks-token-0001", "wb-chat-token-0002", "wb-returns-token-0003")
	for name, mk := range backends {
		t.Run(name, func(t *testing.T) {
			b := mk(t)
			s := b.store
			if _, err := s.GetWB("shop"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("GetWB on an empty store: %v", err)
			}
			ym := api.NewSecret("ym-token-0009")
			mustSet(t, s, "shop", api.YandexMarket, ym)
			mustSet(t, s, "other", api.Wildberries, api.NewSecret("other-wb-token-0008"))
			for n := 1; n <= 3; n++ {
				if err := s.SetWB("shop", all[:n]); err != nil {
					t.Fatalf("SetWB(%d): %v", n, err)
				}
				wantWB(t, s, "shop", all[:n])
				wantWB(t, b.reopen(), "shop", all[:n])
			}
			// Shrinking leaves no stale slot behind.
			if err := s.SetWB("shop", all[2:]); err != nil {
				t.Fatal(err)
			}
			wantWB(t, b.reopen(), "shop", all[2:])
			// Set for wb replaces the whole list with one token.
			if err := s.SetWB("shop", all); err != nil {
				t.Fatal(err)
			}
			mustSet(t, s, "shop", api.Wildberries, all[1])
			wantWB(t, b.reopen(), "shop", all[1:2])

			if err := s.SetWB("shop", all); err != nil {
				t.Fatal(err)
			}
			if err := s.Delete("shop", api.Wildberries); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if _, err := b.reopen().GetWB("shop"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("GetWB after Delete: %v, want every WB token gone", err)
			}
			if err := s.Delete("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
				t.Fatalf("second Delete: %v", err)
			}
			wantGet(t, b.reopen(), "shop", api.YandexMarket, ym)
			wantWB(t, b.reopen(), "other", secrets("other-wb-token-0008"))

			for _, bad := range [][]api.Secret{
				nil,
				secrets("a-token-0001", "b-token-0002", "c-token-0003", "d-token-0004"),
				secrets("a-token-0001", "a-token-0001"),
				secrets("a-token-0001,b-token-0002"),
				secrets("a-token 0001"),
			} {
				if err := s.SetWB("shop", bad); err == nil {
					t.Errorf("SetWB accepted %d bad token(s)", len(bad))
				}
			}
		})
	}
}

func TestWBTokensFromEnvironment(t *testing.T) {
	vars := map[string]string{api.EnvWBToken: "env-a-token-0001, env-b-token-0002"}
	base := newTestFileStore(t, "pw")
	if err := base.SetWB("shop", secrets("stored-token-0003")); err != nil {
		t.Fatal(err)
	}
	l := &Layered{Env: NewEnvStore(mapEnv(vars)), Base: base}
	wantWB(t, l, "shop", secrets("env-a-token-0001", "env-b-token-0002"))
	if src, err := l.Source("shop", api.Wildberries); err != nil || src != NameEnv {
		t.Fatalf("Source = %q, %v", src, err)
	}
	if err := l.Env.SetWB("shop", secrets("x-token-0004")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("EnvStore.SetWB: %v", err)
	}
	vars[api.EnvWBToken] = "a-token-0001,b-token-0002,c-token-0003,d-token-0004"
	if _, err := l.GetWB("shop"); err == nil || strings.Contains(err.Error(), "a-token") {
		t.Fatalf("four tokens: err = %v", err)
	}
	delete(vars, api.EnvWBToken)
	wantWB(t, l, "shop", secrets("stored-token-0003"))
}

// writeLegacyFile writes the token file exactly as versions with one WB
// token per profile did.
func writeLegacyFile(t *testing.T, path, pass string, tokens map[string]string) {
	t.Helper()
	plain, err := json.Marshal(map[string]any{"version": 1, "tokens": tokens})
	if err != nil {
		t.Fatal(err)
	}
	rcp, err := age.NewScryptRecipient(pass)
	if err != nil {
		t.Fatal(err)
	}
	rcp.SetWorkFactor(testWorkFactor)
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, rcp)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := aw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestWBTokensMigrateFromSingle: a token stored by a version that kept one
// WB token per profile is read as the profile's first token, survives a
// second token being added, and is still where that version looks.
func TestWBTokensMigrateFromSingle(t *testing.T) {
	old, added := api.NewSecret("legacy-wb-token-0001"), api.NewSecret("added-chat-token-0002")
	t.Run("keyring", func(t *testing.T) {
		kr := newFakeKeyring()
		kr.items[KeyringService+"\x00shop/wb"] = old.Reveal()
		s := NewKeyringStore(kr, 0)
		wantWB(t, s, "shop", []api.Secret{old})
		stored, _ := s.GetWB("shop")
		if err := s.SetWB("shop", append(stored, added)); err != nil {
			t.Fatal(err)
		}
		wantWB(t, NewKeyringStore(kr, 0), "shop", []api.Secret{old, added})
		if kr.items[KeyringService+"\x00shop/wb"] != old.Reveal() {
			t.Fatal("the first token moved out of the account older versions read")
		}
	})
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), FileName)
		writeLegacyFile(t, path, "pw", map[string]string{"shop/wb": old.Reveal(), "shop/ym": "ym-token-0003"})
		s := NewFileStore(path, func(bool) (string, error) { return "pw", nil })
		s.SetWorkFactor(testWorkFactor)
		wantWB(t, s, "shop", []api.Secret{old})
		if err := s.SetWB("shop", []api.Secret{old, added}); err != nil {
			t.Fatal(err)
		}
		re := NewFileStore(path, func(bool) (string, error) { return "pw", nil })
		wantWB(t, re, "shop", []api.Secret{old, added})
		wantGet(t, re, "shop", api.YandexMarket, api.NewSecret("ym-token-0003"))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tokens, err := decrypt(data, "pw")
		if err != nil || tokens["shop/wb"] != old.Reveal() {
			t.Fatalf("the first token moved out of the key older versions read: %v", err)
		}
	})
}

// TestKeyringWBReadSkipsGaps: an interrupted write can leave an empty slot
// or one token twice; every token is still found, once.
func TestKeyringWBReadSkipsGaps(t *testing.T) {
	kr := newFakeKeyring()
	kr.items[KeyringService+"\x00shop/wb#2"] = "chat-token-0002"
	kr.items[KeyringService+"\x00shop/wb#3"] = "chat-token-0002"
	wantWB(t, NewKeyringStore(kr, 0), "shop", secrets("chat-token-0002"))
}

func wbJWTAt(t *testing.T, exp time.Time, cats ...int) string {
	return makeJWT(t, map[string]any{"exp": exp.Unix(), "s": bitsOf(cats...)})
}

func servesOf(r WBRoute, toks []api.Secret) map[api.Service]string {
	out := map[api.Service]string{}
	for _, s := range WBServices {
		if tok, ok := r.Token(s); ok {
			for i, t := range toks {
				if t.Reveal() == tok.Reveal() {
					out[s] = string(rune('A' + i))
				}
			}
		}
	}
	return out
}

func TestRouteWB(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	later, past := now.Add(90*24*time.Hour), now.Add(-time.Hour)
	fb, chat, ret := api.ServiceWBFeedbacks, api.ServiceWBChat, api.ServiceWBReturns
	cases := []struct {
		name string
		toks []string
		want map[api.Service]string // service → letter of the token (A = first)
	}{
		{"one per category", []string{wbJWTAt(t, later, 7), wbJWTAt(t, later, 9), wbJWTAt(t, later, 11)},
			map[api.Service]string{fb: "A", chat: "B", ret: "C"}},
		{"category nobody carries", []string{wbJWTAt(t, later, 7, 2), wbJWTAt(t, later, 11)},
			map[api.Service]string{fb: "A", ret: "B"}},
		{"newest wins a shared category", []string{wbJWTAt(t, later, 7, 9), wbJWTAt(t, later, 9)},
			map[api.Service]string{fb: "A", chat: "B"}},
		{"unexpired beats a newer expired", []string{wbJWTAt(t, later, 9), wbJWTAt(t, past, 9)},
			map[api.Service]string{chat: "A"}},
		{"expired is still used when alone", []string{wbJWTAt(t, past, 9)}, map[api.Service]string{chat: "A"}},
		{"opaque fills the gaps only", []string{"opaque-token-0001", wbJWTAt(t, later, 9)},
			map[api.Service]string{fb: "A", chat: "B", ret: "A"}},
		{"read-only bit is not a category", []string{wbJWTAt(t, later, 30)}, map[api.Service]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			toks := secrets(c.toks...)
			r := RouteWB(toks, now)
			got := servesOf(r, toks)
			if len(got) != len(c.want) {
				t.Fatalf("routes %v, want %v", got, c.want)
			}
			for s, w := range c.want {
				if got[s] != w {
					t.Fatalf("routes %v, want %v", got, c.want)
				}
			}
			tr := r.Transport()
			for _, s := range WBServices {
				if _, ok := c.want[s]; ok != r.Covers(s) || ok != !tr[s].Empty() {
					t.Fatalf("%s: covers %v, transport token set %v, want %v", s, r.Covers(s), !tr[s].Empty(), ok)
				}
			}
		})
	}
}

func TestAddWB(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	later := now.Add(90 * 24 * time.Hour)
	fb, chat, ret := wbJWTAt(t, later, 7), wbJWTAt(t, later, 9), wbJWTAt(t, later, 11)
	fbChat, all := wbJWTAt(t, later, 7, 9), wbJWTAt(t, later, 7, 9, 11)
	fb2 := wbJWTAt(t, later.Add(time.Hour), 7)
	cases := []struct {
		name       string
		stored     []string
		add        string
		want       []string
		replaced   []string
		superseded []string
		again      bool
		useful     bool
	}{
		{"first token", nil, fb, []string{fb}, nil, nil, false, true},
		{"other category is added", []string{fb}, chat, []string{fb, chat}, nil, nil, false, true},
		{"three categories, three tokens", []string{fb, chat}, ret, []string{fb, chat, ret}, nil, nil, false, true},
		{"same category replaces", []string{fb, chat}, fb2, []string{chat, fb2}, []string{fb}, nil, false, true},
		{"overlap keeps the token serving more", []string{fbChat}, fb2, []string{fbChat, fb2}, nil, nil, false, true},
		{"wider token replaces narrower ones", []string{fb, chat, ret}, all, []string{all}, []string{fb, chat, ret}, nil, false, true},
		{"its last category moves to the new token", []string{fbChat, fb2}, chat, []string{fb2, chat}, []string{fbChat}, nil, false, true},
		{"a token that served nothing already goes", []string{fb, fb2}, chat, []string{fb2, chat}, nil, []string{fb}, false, true},
		{"same token again", []string{fb, chat}, fb, []string{chat, fb}, nil, nil, true, true},
		{"opaque replaces opaque", []string{"opaque-old-0001"}, "opaque-new-0002", []string{"opaque-new-0002"}, []string{"opaque-old-0001"}, nil, false, true},
		{"opaque when every category is taken", []string{all}, "opaque-new-0002", []string{all, "opaque-new-0002"}, nil, nil, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := AddWB(secrets(c.stored...), api.NewSecret(c.add), now)
			if revealAll(a.Tokens) != revealAll(secrets(c.want...)) ||
				revealAll(a.Replaced) != revealAll(secrets(c.replaced...)) ||
				revealAll(a.Superseded) != revealAll(secrets(c.superseded...)) ||
				a.Again != c.again || a.Useful() != c.useful {
				t.Fatalf("tokens %v replaced %v superseded %v again %v useful %v", a.Tokens, a.Replaced, a.Superseded, a.Again, a.Useful())
			}
			if c.useful && len(a.Tokens) > MaxWBTokens {
				t.Fatalf("%d tokens kept", len(a.Tokens))
			}
		})
	}
}

func TestRemoveWB(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	fb, chat := wbJWTAt(t, now.Add(time.Hour), 7), wbJWTAt(t, now.Add(time.Hour), 9)
	rest, removed, ok := RemoveWB(secrets(fb, chat), api.ServiceWBChat, now)
	if !ok || removed.Reveal() != chat || revealAll(rest) != fb {
		t.Fatalf("rest %v removed %v ok %v", rest, removed, ok)
	}
	if _, _, ok := RemoveWB(secrets(fb), api.ServiceWBReturns, now); ok {
		t.Fatal("removed a token for a category none carries")
	}
}
