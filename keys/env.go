package keys

import (
	"errors"
	"os"
	"strings"

	"github.com/sellerinbox/sellerinbox/api"
)

// EnvStore reads SELLERINBOX_WB_TOKEN (one token or several, comma-separated)
// and SELLERINBOX_YM_TOKEN. The variables are not per profile: when set they
// apply to whichever profile is in use, which is what CI and scripted runs
// want.
type EnvStore struct {
	getenv func(string) string
}

// NewEnvStore reads through getenv (os.Getenv when nil).
func NewEnvStore(getenv func(string) string) *EnvStore {
	if getenv == nil {
		getenv = os.Getenv
	}
	return &EnvStore{getenv: getenv}
}

// Var is the variable that carries the marketplace's token.
func Var(m api.Marketplace) string {
	if m == api.YandexMarket {
		return api.EnvYMToken
	}
	return api.EnvWBToken
}

func (e *EnvStore) Get(profile string, m api.Marketplace) (api.Secret, error) {
	if m == api.Wildberries {
		return first(e.GetWB(profile))
	}
	if _, err := account(profile, m); err != nil {
		return api.Secret{}, err
	}
	v := strings.TrimSpace(e.getenv(Var(m)))
	if v == "" {
		return api.Secret{}, ErrNotFound
	}
	return api.NewSecret(v), nil
}

func (e *EnvStore) Set(string, api.Marketplace, api.Secret) error { return ErrReadOnly }
func (e *EnvStore) Delete(string, api.Marketplace) error          { return ErrReadOnly }
func (e *EnvStore) Name() string                                  { return NameEnv }

// Layered reads the environment first and everything else from Base; writes
// go to Base, so `login` still stores a token while a variable overrides it.
type Layered struct {
	Env  *EnvStore
	Base Store
}

func (l *Layered) Get(profile string, m api.Marketplace) (api.Secret, error) {
	if l.Env != nil {
		tok, err := l.Env.Get(profile, m)
		if err == nil {
			return tok, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return api.Secret{}, err
		}
	}
	return l.Base.Get(profile, m)
}

func (l *Layered) Set(profile string, m api.Marketplace, tok api.Secret) error {
	return l.Base.Set(profile, m, tok)
}

func (l *Layered) Delete(profile string, m api.Marketplace) error {
	return l.Base.Delete(profile, m)
}

// Name is the writable backend's name.
func (l *Layered) Name() string { return l.Base.Name() }

// Source names the backend a Get would answer from.
func (l *Layered) Source(profile string, m api.Marketplace) (string, error) {
	if l.Env != nil {
		if _, err := l.Env.Get(profile, m); err == nil {
			return NameEnv, nil
		}
	}
	if _, err := l.Base.Get(profile, m); err != nil {
		return "", err
	}
	return l.Base.Name(), nil
}

// Overridden reports whether the environment overrides the marketplace's
// stored token.
func (l *Layered) Overridden(m api.Marketplace) bool {
	if l.Env == nil {
		return false
	}
	return strings.TrimSpace(l.Env.getenv(Var(m))) != ""
}
