package keys

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/api"
)

// lockedFile writes a token file with passphrase "right" and returns its path.
func lockedFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	f := NewFileStore(path, func(bool) (string, error) { return "right", nil })
	f.SetWorkFactor(testWorkFactor)
	mustSet(t, f, "shop", api.YandexMarket, api.NewSecret("ym-secret-value-123456"))
	return path
}

// answers asks with the given answers in turn, counting the asks.
func answers(asked *int, xs ...string) PassphraseFunc {
	return func(bool) (string, error) {
		*asked++
		if *asked > len(xs) {
			return "", errors.New("asked once too often")
		}
		return xs[*asked-1], nil
	}
}

func TestFileStoreRetriesAWrongPassphrase(t *testing.T) {
	path := lockedFile(t)
	var asked int
	var left []int
	// A typo, an early Enter, then the right one.
	f := NewFileStore(path, answers(&asked, "wrnog", "", "right"))
	f.SetTries(3, func(n int) { left = append(left, n) })
	wantGet(t, f, "shop", api.YandexMarket, api.NewSecret("ym-secret-value-123456"))
	if asked != 3 || !reflect.DeepEqual(left, []int{2, 1}) {
		t.Fatalf("asked %d times, told %v tries left; want 3 asks and [2 1]", asked, left)
	}
}

func TestFileStoreGivesUpAfterThreeWrongPassphrases(t *testing.T) {
	path := lockedFile(t)
	var asked int
	var left []int
	f := NewFileStore(path, answers(&asked, "guess-one", "guess-two", "guess-three", "right"))
	f.SetTries(3, func(n int) { left = append(left, n) })
	_, err := f.Get("shop", api.YandexMarket)
	if !errors.Is(err, ErrWrongPassphrase) || asked != 3 || !reflect.DeepEqual(left, []int{2, 1}) {
		t.Fatalf("err %v after %d asks, told %v", err, asked, left)
	}
	msg := err.Error()
	if !strings.Contains(msg, "3 tries") || !strings.Contains(msg, path) || strings.Contains(msg, "guess") {
		t.Fatalf("the error should name the file and the tries, never what was typed: %s", msg)
	}
}

// A prompt that cannot ask (Ctrl+C, no terminal) is not asked again, and a
// passphrase file is read once: retrying could only repeat the failure.
func TestFileStoreDoesNotRetryWhatCannotChange(t *testing.T) {
	path := lockedFile(t)
	asked := 0
	f := NewFileStore(path, func(bool) (string, error) { asked++; return "", errors.New("interrupted") })
	f.SetTries(3, nil)
	if _, err := f.Get("shop", api.YandexMarket); err == nil || !strings.Contains(err.Error(), "interrupted") || asked != 1 {
		t.Fatalf("err %v after %d asks", err, asked)
	}

	dir := t.TempDir()
	passFile := filepath.Join(dir, "pass")
	if err := os.WriteFile(passFile, []byte("wrong\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		return map[string]string{EnvDataDir: filepath.Dir(path), EnvPassphraseFile: passFile, EnvKeyring: "off"}[k]
	}
	calls := 0
	s, _, err := Choose(Options{Getenv: getenv, PassphraseTries: 3, WrongPassphrase: func(int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("shop", api.YandexMarket); !errors.Is(err, ErrWrongPassphrase) || calls != 0 {
		t.Fatalf("a wrong passphrase file: err %v, %d retries announced", err, calls)
	}
}
