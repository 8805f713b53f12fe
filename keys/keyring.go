package keys

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/zalando/go-keyring"
)

// KeyringService is the Secret Service "service" attribute of every item.
const KeyringService = "sellerinbox"

// DefaultKeyringTimeout bounds every keyring call: go-keyring's D-Bus calls
// take no context and can wait forever on an unlock prompt or on a secret
// service that owns its bus name but never answers.
const DefaultKeyringTimeout = 3 * time.Second

// KeyringBackend is the subset of go-keyring the store uses; tests swap in
// fakes instead of keyring.MockInit, whose global is racy.
type KeyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// SystemKeyring is the real Secret Service through go-keyring.
type SystemKeyring struct{}

func (SystemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (SystemKeyring) Set(service, user, pw string) error       { return keyring.Set(service, user, pw) }
func (SystemKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// KeyringStore keeps each token as one Secret Service item with attributes
// service=sellerinbox, username=<profile>/<wb|ym>.
type KeyringStore struct {
	backend KeyringBackend
	timeout time.Duration
}

// NewKeyringStore wraps backend (SystemKeyring when nil); timeout <= 0 means
// DefaultKeyringTimeout.
func NewKeyringStore(backend KeyringBackend, timeout time.Duration) *KeyringStore {
	if backend == nil {
		backend = SystemKeyring{}
	}
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	return &KeyringStore{backend: backend, timeout: timeout}
}

func (k *KeyringStore) Name() string { return NameKeyring }

func (k *KeyringStore) Get(profile string, m api.Marketplace) (api.Secret, error) {
	if m == api.Wildberries {
		return first(k.GetWB(profile))
	}
	user, err := account(profile, m)
	if err != nil {
		return api.Secret{}, err
	}
	var v string
	err = k.call("read", func() error {
		var e error
		v, e = k.backend.Get(KeyringService, user)
		return e
	})
	if err != nil {
		return api.Secret{}, err
	}
	return api.NewSecret(v), nil
}

func (k *KeyringStore) Set(profile string, m api.Marketplace, tok api.Secret) error {
	if m == api.Wildberries {
		return k.SetWB(profile, []api.Secret{tok})
	}
	user, err := account(profile, m)
	if err != nil {
		return err
	}
	if err := checkToken(tok); err != nil {
		return err
	}
	return k.call("store", func() error { return k.backend.Set(KeyringService, user, tok.Reveal()) })
}

func (k *KeyringStore) Delete(profile string, m api.Marketplace) error {
	if m == api.Wildberries {
		return k.deleteWB(profile)
	}
	user, err := account(profile, m)
	if err != nil {
		return err
	}
	return k.call("delete", func() error { return k.backend.Delete(KeyringService, user) })
}

// Probe checks that the keyring answers at all; a missing probe item is
// the healthy answer.
func (k *KeyringStore) Probe() error {
	err := k.call("read", func() error {
		_, e := k.backend.Get(KeyringService, "probe/"+KeyringService)
		return e
	})
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// call runs f in its own goroutine so a hung D-Bus call costs the caller
// timeout, not the program. A timed-out goroutine is abandoned: go-keyring
// offers no way to cancel it.
func (k *KeyringStore) call(verb string, f func() error) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("keyring library failure: %v", r)
			}
		}()
		done <- f()
	}()
	t := time.NewTimer(k.timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return translateKeyringErr(verb, err)
	case <-t.C:
		return &KeyringError{Verb: verb, Reason: fmt.Sprintf("the system keyring did not answer within %s (it may be locked and waiting for an unlock prompt)", k.timeout), Timeout: true}
	}
}

// KeyringError explains in one sentence why the keyring could not be used.
type KeyringError struct {
	Verb    string // read, store, delete
	Reason  string
	Timeout bool
	Err     error
}

func (e *KeyringError) Error() string {
	return "cannot " + e.Verb + " the token in the system keyring: " + e.Reason
}

func (e *KeyringError) Unwrap() error { return e.Err }

// translateKeyringErr turns go-keyring's and D-Bus's messages (see NOTES.md)
// into sentences that say what to do.
func translateKeyringErr(verb string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrNotFound
	}
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		return &KeyringError{Verb: verb, Reason: "the token is too large for the keyring", Err: err}
	}
	msg := err.Error()
	reason := ""
	switch {
	case strings.Contains(msg, "dbus-launch"), strings.Contains(msg, "DBUS_SESSION_BUS_ADDRESS"),
		strings.Contains(msg, "no such file or directory") && strings.Contains(msg, "bus"):
		reason = "there is no D-Bus session bus"
	case strings.Contains(msg, "org.freedesktop.secrets"):
		reason = "no Secret Service (e.g. gnome-keyring or KeePassXC) is running on the session bus"
	case strings.Contains(msg, "unlock"):
		reason = "the keyring is locked or has no default collection; unlock it in your desktop session"
	case strings.Contains(msg, "Dismissed"), strings.Contains(msg, "dismissed"):
		reason = "the unlock prompt was dismissed"
	default:
		reason = "the Secret Service answered: " + msg
	}
	return &KeyringError{Verb: verb, Reason: reason, Err: err}
}
