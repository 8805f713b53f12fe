package keys

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
)

// testWorkFactor keeps scrypt at milliseconds; age's default costs ~1 s.
const testWorkFactor = 10

func newTestFileStore(t *testing.T, pass string) *FileStore {
	t.Helper()
	f := NewFileStore(filepath.Join(t.TempDir(), FileName), func(bool) (string, error) { return pass, nil })
	f.SetWorkFactor(testWorkFactor)
	return f
}

// TestStoreContract runs the same behaviour through every writable backend.
func TestStoreContract(t *testing.T) {
	backends := map[string]func(t *testing.T) Store{
		"keyring": func(t *testing.T) Store { return NewKeyringStore(newFakeKeyring(), 0) },
		"file":    func(t *testing.T) Store { return newTestFileStore(t, "correct horse") },
		"layered": func(t *testing.T) Store {
			return &Layered{Env: NewEnvStore(func(string) string { return "" }), Base: newTestFileStore(t, "pw")}
		},
	}
	for name, mk := range backends {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := mk(t)
			wb1, wb2, ym := api.NewSecret("wb-token-one-0001"), api.NewSecret("wb-token-two-0002"), api.NewSecret("ym-token-0003")

			if _, err := s.Get("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get on empty store: err = %v, want ErrNotFound", err)
			}
			if err := s.Delete("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Delete on empty store: err = %v, want ErrNotFound", err)
			}
			mustSet(t, s, "shop", api.Wildberries, wb1)
			mustSet(t, s, "shop", api.YandexMarket, ym)
			mustSet(t, s, "other", api.Wildberries, wb2)
			wantGet(t, s, "shop", api.Wildberries, wb1)
			wantGet(t, s, "shop", api.YandexMarket, ym)
			wantGet(t, s, "other", api.Wildberries, wb2)

			mustSet(t, s, "shop", api.Wildberries, wb2) // overwrite
			wantGet(t, s, "shop", api.Wildberries, wb2)

			if err := s.Delete("shop", api.Wildberries); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if _, err := s.Get("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get after Delete: err = %v, want ErrNotFound", err)
			}
			wantGet(t, s, "shop", api.YandexMarket, ym) // untouched
			wantGet(t, s, "other", api.Wildberries, wb2)
		})
	}
}

func TestStoreRejectsBadInput(t *testing.T) {
	stores := []Store{NewKeyringStore(newFakeKeyring(), 0), newTestFileStore(t, "pw")}
	cases := []struct {
		name    string
		profile string
		m       api.Marketplace
		tok     string
	}{
		{"empty profile", "", api.Wildberries, "tok-12345"},
		{"slash in profile", "a/b", api.Wildberries, "tok-12345"},
		{"space in profile", "a b", api.Wildberries, "tok-12345"},
		{"unknown marketplace", "shop", api.Marketplace("ozon"), "tok-12345"},
		{"empty token", "shop", api.Wildberries, ""},
		{"token with newline", "shop", api.Wildberries, "abc\ndef"},
		{"huge token", "shop", api.Wildberries, string(make([]byte, 3000))},
	}
	for _, s := range stores {
		for _, c := range cases {
			if err := s.Set(c.profile, c.m, api.NewSecret(c.tok)); err == nil {
				t.Errorf("%s: %s: Set accepted it", s.Name(), c.name)
			}
		}
	}
}

func mustSet(t *testing.T, s Store, p string, m api.Marketplace, tok api.Secret) {
	t.Helper()
	if err := s.Set(p, m, tok); err != nil {
		t.Fatalf("Set(%s, %s): %v", p, m, err)
	}
}

func wantGet(t *testing.T, s Store, p string, m api.Marketplace, want api.Secret) {
	t.Helper()
	got, err := s.Get(p, m)
	if err != nil {
		t.Fatalf("Get(%s, %s): %v", p, m, err)
	}
	if got.Reveal() != want.Reveal() {
		t.Fatalf("Get(%s, %s) = %s, want %s", p, m, got, want)
	}
}
