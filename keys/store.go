// Package keys keeps marketplace tokens out of config files and logs: in the
// system keyring (Secret Service) when there is one, otherwise in an
// age-encrypted file, with SELLERINBOX_*_TOKEN variables overriding both.
// Tokens only ever travel as api.Secret.
package keys

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/sellerinbox/sellerinbox/api"
)

// ErrNotFound means the store holds no token for that profile and marketplace.
var ErrNotFound = errors.New("no token stored")

// ErrReadOnly is returned by stores that cannot be written (the environment).
var ErrReadOnly = errors.New("this token store is read-only")

// Store holds a profile's Yandex Market token and its Wildberries tokens
// (one per category, up to MaxWBTokens). For Wildberries, Get answers the
// oldest token, Set replaces the whole list with one token and Delete
// removes them all; GetWB and SetWB handle the list.
type Store interface {
	Get(profile string, m api.Marketplace) (api.Secret, error)
	Set(profile string, m api.Marketplace, tok api.Secret) error
	Delete(profile string, m api.Marketplace) error
	// GetWB returns the profile's Wildberries tokens, oldest first, or
	// ErrNotFound.
	GetWB(profile string) ([]api.Secret, error)
	// SetWB replaces the profile's Wildberries tokens with toks (1 to
	// MaxWBTokens, oldest first).
	SetWB(profile string, toks []api.Secret) error
	// Name is "keyring", "env" or "file".
	Name() string
}

// Store names.
const (
	NameKeyring = "keyring"
	NameEnv     = "env"
	NameFile    = "file"
)

// maxTokenBytes keeps tokens under the smallest keyring limit (Windows
// rejects more than 2560 bytes) so a profile can move between machines.
const maxTokenBytes = 2500

// account is the keyring user name and the file's map key: "<profile>/<wb|ym>".
func account(profile string, m api.Marketplace) (string, error) {
	if err := CheckProfile(profile); err != nil {
		return "", err
	}
	if m != api.Wildberries && m != api.YandexMarket {
		return "", fmt.Errorf("unknown marketplace %q (want wb or ym)", string(m))
	}
	return profile + "/" + string(m), nil
}

// CheckProfile rejects names that would make keyring entries ambiguous or
// unprintable: the profile is half of the "<profile>/<wb|ym>" account name.
func CheckProfile(profile string) error {
	switch {
	case profile == "":
		return errors.New("profile name is empty")
	case len(profile) > 64:
		return fmt.Errorf("profile name is longer than 64 bytes")
	case strings.ContainsRune(profile, '/'):
		return fmt.Errorf("profile name %q contains '/'", profile)
	}
	for _, r := range profile {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return fmt.Errorf("profile name %q contains a space or control character", profile)
		}
	}
	return nil
}

func checkToken(tok api.Secret) error {
	v := tok.Reveal()
	switch {
	case v == "":
		return errors.New("the token is empty")
	case len(v) > maxTokenBytes:
		return fmt.Errorf("the token is %d bytes long; at most %d are supported", len(v), maxTokenBytes)
	case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }):
		return errors.New("the token contains spaces or control characters; paste it again")
	}
	return nil
}

// Locator is implemented by stores that combine several backends.
type Locator interface {
	// Source names the backend the token for profile/m would be read from.
	Source(profile string, m api.Marketplace) (string, error)
}

// Where tells which backend holds the token: the layered store's answer,
// or the store's own name.
func Where(s Store, profile string, m api.Marketplace) (string, error) {
	if l, ok := s.(Locator); ok {
		return l.Source(profile, m)
	}
	if _, err := s.Get(profile, m); err != nil {
		return "", err
	}
	return s.Name(), nil
}
