package keys

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
)

// Environment variables the store honours besides the token variables.
const (
	EnvDataDir        = "SELLERINBOX_DATA_DIR"
	EnvPassphraseFile = "SELLERINBOX_PASSPHRASE_FILE"
	// EnvKeyring set to "off" (or "file") skips the keyring, e.g. on a
	// desktop whose keyring prompts are unwanted.
	EnvKeyring = "SELLERINBOX_KEYRING"
)

// Options tell Choose about the process; zero values mean the real thing.
type Options struct {
	Getenv func(string) string
	// Passphrase asks for the token file's passphrase with hidden input; it
	// is used when SELLERINBOX_PASSPHRASE_FILE is unset.
	Passphrase PassphraseFunc
	// PassphraseTries is how many times Passphrase may be asked for one
	// unlock (0: once); WrongPassphrase hears of each wrong answer that
	// leaves a try. SELLERINBOX_PASSPHRASE_FILE is read once either way.
	PassphraseTries int
	WrongPassphrase func(left int)
	// Keyring replaces go-keyring (tests).
	Keyring KeyringBackend
	// KeyringTimeout bounds every keyring call, the probe included.
	KeyringTimeout time.Duration
	// BusExists reports whether the session bus socket exists although
	// DBUS_SESSION_BUS_ADDRESS is unset (default: /run/user/$UID/bus).
	BusExists func() bool
	// WorkFactor is scrypt's log2(N) for a new token file; 0 is age's default.
	WorkFactor int
}

// Placement says which token store Choose picked and why, for the user: String
// is the English sentence (status, logs); the inbox's first-run screen
// words it in the user's language from the fields.
type Placement struct {
	Kind PlacementKind
	// Path is the encrypted file's path (a file store).
	Path string
	// Why is the keyring's failure (InFileKeyringBroken), as the system
	// reported it.
	Why string
	// Override names the token variables set in the environment, which
	// win over stored tokens.
	Override []string
}

// PlacementKind is the store picked and the reason for it.
type PlacementKind int

const (
	InKeyring           PlacementKind = iota // the Secret Service, macOS Keychain, Windows credentials
	InFileKeyringOff                         // SELLERINBOX_KEYRING=off
	InFileNoBus                              // no D-Bus session bus to reach a keyring
	InFileKeyringBroken                      // the keyring did not answer its probe
)

func (w Placement) String() string {
	file := "tokens are kept in an encrypted file at " + w.Path
	var s string
	switch w.Kind {
	case InKeyring:
		s = "tokens are kept in the system keyring (Secret Service)"
	case InFileKeyringOff:
		s = EnvKeyring + " turns the system keyring off: " + file
	case InFileNoBus:
		s = "no D-Bus session bus: " + file
	default:
		s = "the system keyring is unusable (" + w.Why + "): " + file
	}
	if len(w.Override) > 0 {
		s = "the environment overrides stored tokens (" + strings.Join(w.Override, ", ") + "); " + s
	}
	return s
}

// Choose picks where tokens live: the environment overrides everything; then
// the system keyring if it answers; otherwise the encrypted file.
func Choose(o Options) (Store, Placement, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	env := NewEnvStore(getenv)
	base, where, err := chooseBase(o, getenv)
	if err != nil {
		return nil, Placement{}, err
	}
	for _, v := range []string{Var(api.Wildberries), Var(api.YandexMarket)} {
		if strings.TrimSpace(getenv(v)) != "" {
			where.Override = append(where.Override, v)
		}
	}
	return &Layered{Env: env, Base: base}, where, nil
}

func chooseBase(o Options, getenv func(string) string) (Store, Placement, error) {
	file, err := fileStore(o, getenv)
	if err != nil {
		return nil, Placement{}, err
	}
	switch strings.ToLower(strings.TrimSpace(getenv(EnvKeyring))) {
	case "off", "file", "no", "0", "false":
		return file, Placement{Kind: InFileKeyringOff, Path: file.Path()}, nil
	}
	busExists := o.BusExists
	if busExists == nil {
		busExists = defaultBusExists
	}
	if usesDBus && getenv("DBUS_SESSION_BUS_ADDRESS") == "" && !busExists() {
		// Without a bus, the D-Bus library would run dbus-launch, which
		// leaves a dbus-daemon and a keyring daemon behind after every run.
		return file, Placement{Kind: InFileNoBus, Path: file.Path()}, nil
	}
	kr := NewKeyringStore(o.Keyring, o.KeyringTimeout)
	if err := kr.Probe(); err != nil {
		var ke *KeyringError
		why := err.Error()
		if errors.As(err, &ke) {
			why = ke.Reason
		}
		return file, Placement{Kind: InFileKeyringBroken, Path: file.Path(), Why: why}, nil
	}
	return kr, Placement{Kind: InKeyring}, nil
}

func fileStore(o Options, getenv func(string) string) (*FileStore, error) {
	dir, err := DataDir(getenv)
	if err != nil {
		return nil, err
	}
	ask, tries := o.Passphrase, o.PassphraseTries
	if p := getenv(EnvPassphraseFile); p != "" {
		ask, tries = PassphraseFromFile(p), 1
	}
	if ask == nil {
		ask = func(bool) (string, error) {
			return "", fmt.Errorf("no way to ask for it: set %s to a file holding it", EnvPassphraseFile)
		}
	}
	f := NewFileStore(filepath.Join(dir, FileName), ask)
	if o.WorkFactor > 0 {
		f.SetWorkFactor(o.WorkFactor)
	}
	f.SetTries(tries, o.WrongPassphrase)
	return f, nil
}

// usesDBus: go-keyring speaks to the Secret Service over D-Bus everywhere
// but macOS (Keychain) and Windows (Credential Manager).
var usesDBus = runtime.GOOS != "darwin" && runtime.GOOS != "windows"

func defaultBusExists() bool {
	_, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid()))
	return err == nil
}
