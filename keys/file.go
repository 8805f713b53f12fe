package keys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/sellerinbox/sellerinbox/api"
)

// FileName is the encrypted token file inside the data directory.
const FileName = "tokens.age"

// ErrWrongPassphrase is returned when the passphrase does not open the file.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// PassphraseFunc asks for the file's passphrase; newFile is true when the
// file is about to be created, so a prompt can ask twice to confirm.
type PassphraseFunc func(newFile bool) (string, error)

// FileStore keeps every profile's tokens in one age file encrypted with a
// passphrase (scrypt), for hosts without a Secret Service. scrypt costs about
// a second, so the file is decrypted once and held in memory.
type FileStore struct {
	path string
	ask  PassphraseFunc
	logN int // 0: age's default work factor
	// tries is how many passphrases one unlock accepts (0 and 1: one);
	// wrong hears of each miss that leaves another try.
	tries int
	wrong func(left int)

	mu     sync.Mutex
	loaded bool
	pass   string
	tokens map[string]string // account → token
}

type fileContent struct {
	Version int               `json:"version"`
	Tokens  map[string]string `json:"tokens"`
}

// NewFileStore opens (lazily) the file at path; ask is called at most once
// per successful unlock.
func NewFileStore(path string, ask PassphraseFunc) *FileStore {
	return &FileStore{path: path, ask: ask}
}

// SetWorkFactor sets scrypt's log2(N) for files written from now on; tests
// lower it from age's default (18) to stay fast.
func (f *FileStore) SetWorkFactor(logN int) {
	f.mu.Lock()
	f.logN = logN
	f.mu.Unlock()
}

// SetTries lets a person retype a mistyped passphrase: an unlock asks up
// to tries times, and wrong (may be nil) is told after each wrong one how
// many tries are left. A passphrase read from a file is not retried: it
// would only be wrong again.
func (f *FileStore) SetTries(tries int, wrong func(left int)) {
	f.mu.Lock()
	f.tries, f.wrong = tries, wrong
	f.mu.Unlock()
}

// Path is where the file lives.
func (f *FileStore) Path() string { return f.path }

func (f *FileStore) Name() string { return NameFile }

func (f *FileStore) Get(profile string, m api.Marketplace) (api.Secret, error) {
	if m == api.Wildberries {
		return first(f.GetWB(profile))
	}
	key, err := account(profile, m)
	if err != nil {
		return api.Secret{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.loaded && !f.exists() {
		// Nothing stored yet: do not ask for a passphrase just to say so.
		return api.Secret{}, ErrNotFound
	}
	if err := f.load(); err != nil {
		return api.Secret{}, err
	}
	v, ok := f.tokens[key]
	if !ok {
		return api.Secret{}, ErrNotFound
	}
	return api.NewSecret(v), nil
}

func (f *FileStore) Set(profile string, m api.Marketplace, tok api.Secret) error {
	if m == api.Wildberries {
		return f.SetWB(profile, []api.Secret{tok})
	}
	key, err := account(profile, m)
	if err != nil {
		return err
	}
	if err := checkToken(tok); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.load(); err != nil {
		return err
	}
	next := make(map[string]string, len(f.tokens)+1)
	for k, v := range f.tokens {
		next[k] = v
	}
	next[key] = tok.Reveal()
	if err := f.write(next); err != nil {
		return err
	}
	f.tokens = next
	return nil
}

// Delete removes the marketplace's token; for Wildberries, every one.
func (f *FileStore) Delete(profile string, m api.Marketplace) error {
	key, err := account(profile, m)
	if err != nil {
		return err
	}
	gone := []string{key}
	if m == api.Wildberries {
		if gone, err = wbSlots(profile); err != nil {
			return err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.loaded && !f.exists() {
		return ErrNotFound
	}
	if err := f.load(); err != nil {
		return err
	}
	next := make(map[string]string, len(f.tokens))
	for k, v := range f.tokens {
		if !slices.Contains(gone, k) {
			next[k] = v
		}
	}
	if len(next) == len(f.tokens) {
		return ErrNotFound
	}
	if len(next) == 0 {
		// An empty file would only keep an old passphrase alive.
		if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove token file: %w", err)
		}
	} else if err := f.write(next); err != nil {
		return err
	}
	f.tokens = next
	return nil
}

func (f *FileStore) exists() bool {
	_, err := os.Stat(f.path)
	return err == nil
}

// load decrypts the file once; a missing file is an empty store whose
// passphrase is chosen now. Callers hold mu.
func (f *FileStore) load() error {
	if f.loaded {
		return nil
	}
	data, err := os.ReadFile(f.path)
	newFile := errors.Is(err, fs.ErrNotExist)
	if err != nil && !newFile {
		return fmt.Errorf("read token file: %w", err)
	}
	if f.ask == nil {
		return fmt.Errorf("the token file %s needs a passphrase and none can be asked for", f.path)
	}
	if newFile {
		pass, err := f.askPass(true)
		if err != nil {
			return err
		}
		f.pass, f.tokens, f.loaded = pass, map[string]string{}, true
		return nil
	}
	tries := max(f.tries, 1)
	for try := 1; ; try++ {
		pass, err := f.askPass(false)
		var tokens map[string]string
		if err == nil {
			tokens, err = decrypt(data, pass)
		} else if errors.Is(err, errEmptyPassphrase) && tries > 1 {
			err = ErrWrongPassphrase // Enter pressed too early is a miss like any other
		}
		switch {
		case err == nil:
			f.pass, f.tokens, f.loaded = pass, tokens, true
			return nil
		case !errors.Is(err, ErrWrongPassphrase):
			if errors.Is(err, errAsk) {
				return err
			}
			return fmt.Errorf("token file %s: %w", f.path, err)
		case try < tries:
			if f.wrong != nil {
				f.wrong(tries - try)
			}
		case tries > 1:
			return fmt.Errorf("%w for the token file %s, %d tries (if it is lost, remove the file and log in again)", ErrWrongPassphrase, f.path, tries)
		default:
			return fmt.Errorf("%w for the token file %s (try again, or remove the file and log in again)", ErrWrongPassphrase, f.path)
		}
	}
}

// errAsk marks a failure of the prompt itself (no terminal, Ctrl+C), which
// no retry can mend; errEmptyPassphrase an empty answer.
var (
	errAsk             = errors.New("token file passphrase")
	errEmptyPassphrase = errors.New("the passphrase is empty")
)

func (f *FileStore) askPass(newFile bool) (string, error) {
	pass, err := f.ask(newFile)
	if err != nil {
		return "", fmt.Errorf("%w: %w", errAsk, err)
	}
	if pass == "" {
		return "", fmt.Errorf("%w: %w", errAsk, errEmptyPassphrase)
	}
	return pass, nil
}

func decrypt(data []byte, pass string) (map[string]string, error) {
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(data)), id)
	if errors.Is(err, age.ErrIncorrectIdentity) {
		return nil, ErrWrongPassphrase
	}
	if err != nil {
		return nil, fmt.Errorf("not a readable age file: %w", err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("damaged: %w", err)
	}
	var c fileContent
	if err := json.Unmarshal(plain, &c); err != nil {
		return nil, errors.New("decrypted, but the content is not a token list")
	}
	if c.Tokens == nil {
		c.Tokens = map[string]string{}
	}
	return c.Tokens, nil
}

// write encrypts tokens and replaces the file atomically, so a crash leaves
// either the old or the new file, never half of one.
func (f *FileStore) write(tokens map[string]string) error {
	rcp, err := age.NewScryptRecipient(f.pass)
	if err != nil {
		return err
	}
	if f.logN > 0 {
		rcp.SetWorkFactor(f.logN)
	}
	plain, err := json.Marshal(fileContent{Version: 1, Tokens: tokens})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, rcp)
	if err != nil {
		return err
	}
	if _, err := w.Write(plain); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return err
	}
	return WriteFileAtomic(f.path, buf.Bytes())
}

// WriteFileAtomic writes data to path with mode 0600 via a temporary file in
// the same directory (created 0700 if missing) and a rename.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	ok = true
	return nil
}

// PassphraseFromFile reads the passphrase from a file (for scripts and CI);
// one trailing newline is not part of it.
func PassphraseFromFile(path string) PassphraseFunc {
	return func(bool) (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("read passphrase file: %w", err)
		}
		s := strings.TrimSuffix(string(b), "\n")
		return strings.TrimSuffix(s, "\r"), nil
	}
}

// DataDir is where the token file lives: SELLERINBOX_DATA_DIR, else
// $XDG_DATA_HOME/sellerinbox, else ~/.local/share/sellerinbox.
func DataDir(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if d := getenv(EnvDataDir); d != "" {
		return d, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "sellerinbox"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find a data directory: %w (set %s)", err, EnvDataDir)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "sellerinbox"), nil
}
