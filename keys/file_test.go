package keys

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
)

func TestFileStorePersistsAcrossRunsWithMode0600(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", FileName)
	var asked atomic.Int32
	var sawNew []bool
	ask := func(newFile bool) (string, error) {
		asked.Add(1)
		sawNew = append(sawNew, newFile)
		return "s3cret pass", nil
	}
	f := NewFileStore(path, ask)
	f.SetWorkFactor(testWorkFactor)
	tok := api.NewSecret("wb-secret-value-abcdef")
	mustSet(t, f, "shop", api.Wildberries, tok)
	mustSet(t, f, "shop", api.YandexMarket, api.NewSecret("ym-secret-value-123456"))
	wantGet(t, f, "shop", api.Wildberries, tok)
	if n := asked.Load(); n != 1 {
		t.Fatalf("passphrase asked %d times in one run, want once", n)
	}
	if len(sawNew) != 1 || !sawNew[0] {
		t.Fatalf("first ask newFile = %v, want [true]", sawNew)
	}

	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); mode != 0o600 {
		t.Fatalf("token file mode = %o, want 600", mode)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), tok.Reveal()) || !strings.HasPrefix(string(raw), "-----BEGIN AGE ENCRYPTED FILE-----") {
		t.Fatalf("token file is not armored age ciphertext:\n%s", raw)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("data dir holds %d entries, want only the token file (no temp leftovers)", len(entries))
	}

	// A new run decrypts the same file with the same passphrase.
	f2 := NewFileStore(path, ask)
	wantGet(t, f2, "shop", api.Wildberries, tok)
	if !(len(sawNew) == 2 && !sawNew[1]) {
		t.Fatalf("second run ask newFile = %v, want false", sawNew)
	}
}

func TestFileStoreWrongPassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	good := NewFileStore(path, func(bool) (string, error) { return "right", nil })
	good.SetWorkFactor(testWorkFactor)
	mustSet(t, good, "shop", api.Wildberries, api.NewSecret("wb-secret-value-abcdef"))

	bad := NewFileStore(path, func(bool) (string, error) { return "wrong", nil })
	_, err := bad.Get("shop", api.Wildberries)
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("err = %v, want ErrWrongPassphrase", err)
	}
	if !strings.Contains(err.Error(), "wrong passphrase for the token file "+path) {
		t.Fatalf("error does not say what happened: %q", err)
	}
	// A failed unlock must not write anything or lock the store in a bad state.
	if err := bad.Set("shop", api.YandexMarket, api.NewSecret("ym-secret-value-123456")); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Set after wrong passphrase: err = %v", err)
	}
	wantGet(t, NewFileStore(path, func(bool) (string, error) { return "right", nil }), "shop", api.Wildberries, api.NewSecret("wb-secret-value-abcdef"))
}

func TestFileStoreDoesNotAskWithoutAFile(t *testing.T) {
	f := NewFileStore(filepath.Join(t.TempDir(), FileName), func(bool) (string, error) {
		t.Fatal("passphrase asked although nothing is stored")
		return "", nil
	})
	if _, err := f.Get("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get: %v", err)
	}
	if err := f.Delete("shop", api.Wildberries); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete: %v", err)
	}
}

func TestFileStoreRemovesFileWithLastToken(t *testing.T) {
	f := newTestFileStore(t, "pw")
	mustSet(t, f, "shop", api.Wildberries, api.NewSecret("wb-secret-value-abcdef"))
	if err := f.Delete("shop", api.Wildberries); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("empty token file left behind: %v", err)
	}
}

func TestFileStorePassphraseErrors(t *testing.T) {
	cases := []struct {
		name string
		ask  PassphraseFunc
		want string
	}{
		{"empty", func(bool) (string, error) { return "", nil }, "passphrase is empty"},
		{"prompt fails", func(bool) (string, error) { return "", errors.New("stdin is not a terminal") }, "stdin is not a terminal"},
		{"no prompt", nil, "needs a passphrase"},
	}
	for _, c := range cases {
		f := NewFileStore(filepath.Join(t.TempDir(), FileName), c.ask)
		err := f.Set("shop", api.Wildberries, api.NewSecret("wb-secret-value-abcdef"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestPassphraseFromFile(t *testing.T) {
	cases := map[string]string{"pw\n": "pw", "pw\r\n": "pw", "pw": "pw", "two words \n": "two words "}
	for content, want := range cases {
		p := filepath.Join(t.TempDir(), "pass")
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := PassphraseFromFile(p)(false)
		if err != nil || got != want {
			t.Errorf("%q: got %q, %v; want %q", content, got, err, want)
		}
	}
	if _, err := PassphraseFromFile(filepath.Join(t.TempDir(), "missing"))(false); err == nil {
		t.Error("missing passphrase file accepted")
	}
}

func TestDataDir(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{EnvDataDir: "/x/data", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/x/data"},
		{map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/sellerinbox"},
		{map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/sellerinbox"},
		{map[string]string{"HOME": "/home/u"}, "/home/u/.local/share/sellerinbox"},
	}
	for _, c := range cases {
		got, err := DataDir(mapEnv(c.env))
		if err != nil || got != c.want {
			t.Errorf("%v: got %q, %v; want %q", c.env, got, err, c.want)
		}
	}
}

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}
