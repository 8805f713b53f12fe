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

// Choose picks where tokens live: the environment overrides everything; then
// the system keyring if it answers; otherwise the encrypted file. reason is
// one line telling the user which and why.
func Choose(o Options) (Store, string, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	env := NewEnvStore(getenv)
	base, reason, err := chooseBase(o, getenv)
	if err != nil {
		return nil, "", err
	}
	var over []string
	for _, v := range []string{Var(api.Wildberries), Var(api.YandexMarket)} {
		if strings.TrimSpace(getenv(v)) != "" {
			over = append(over, v)
		}
	}
	if len(over) > 0 {
		reason = "the environment overrides stored tokens (" + strings.Join(over, ", ") + "); " + reason
	}
	return &Layered{Env: env, Base: base}, reason, nil
}

func chooseBase(o Options, getenv func(string) string) (Store, string, error) {
	file, err := fileStore(o, getenv)
	if err != nil {
		return nil, "", err
	}
	where := "tokens are kept in an encrypted file at " + file.Path()
	switch strings.ToLower(strings.TrimSpace(getenv(EnvKeyring))) {
	case "off", "file", "no", "0", "false":
		return file, EnvKeyring + " turns the system keyring off: " + where, nil
	}
	busExists := o.BusExists
	if busExists == nil {
		busExists = defaultBusExists
	}
	if usesDBus && getenv("DBUS_SESSION_BUS_ADDRESS") == "" && !busExists() {
		// Without a bus, the D-Bus library would run dbus-launch, which
		// leaves a dbus-daemon and a keyring daemon behind after every run.
		return file, "no D-Bus session bus: " + where, nil
	}
	kr := NewKeyringStore(o.Keyring, o.KeyringTimeout)
	if err := kr.Probe(); err != nil {
		var ke *KeyringError
		why := err.Error()
		if errors.As(err, &ke) {
			why = ke.Reason
		}
		return file, "the system keyring is unusable (" + why + "): " + where, nil
	}
	return kr, "tokens are kept in the system keyring (Secret Service)", nil
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
