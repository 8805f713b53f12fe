package keys

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sellerinbox/sellerinbox/api"
)

// MaxWBTokens is how many Wildberries tokens a profile keeps: sellers issue
// one per category, and sellerinbox uses three categories.
const MaxWBTokens = api.MaxWBTokens

// wbSlot is the keyring user name / file key of the i-th (0-based) WB token.
// The first slot is the account every earlier version stored its single
// token under, so a stored token keeps working without being rewritten, and
// an older binary still finds the first token.
func wbSlot(profile string, i int) (string, error) {
	acc, err := account(profile, api.Wildberries)
	if err != nil {
		return "", err
	}
	if i == 0 {
		return acc, nil
	}
	return fmt.Sprintf("%s#%d", acc, i+1), nil
}

// wbSlots are every slot's name, first slot first.
func wbSlots(profile string) ([]string, error) {
	out := make([]string, MaxWBTokens)
	for i := range out {
		s, err := wbSlot(profile, i)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// checkWBList validates a list about to be stored: 1..MaxWBTokens valid
// tokens, none twice, none with a comma (the environment's separator).
func checkWBList(toks []api.Secret) error {
	switch {
	case len(toks) == 0:
		return errors.New("no Wildberries token to store")
	case len(toks) > MaxWBTokens:
		return fmt.Errorf("a profile keeps at most %d Wildberries tokens, got %d", MaxWBTokens, len(toks))
	}
	seen := map[string]bool{}
	for _, t := range toks {
		if err := checkToken(t); err != nil {
			return err
		}
		if strings.Contains(t.Reveal(), ",") {
			return errors.New("the token contains a comma; paste it again")
		}
		if seen[t.Reveal()] {
			return fmt.Errorf("token %s is in the list twice", t.Mask())
		}
		seen[t.Reveal()] = true
	}
	return nil
}

// dedupe keeps the first of equal tokens and drops empty ones: a keyring
// write interrupted half way can leave one token in two slots.
func dedupe(toks []api.Secret) []api.Secret {
	var out []api.Secret
	seen := map[string]bool{}
	for _, t := range toks {
		if t.Empty() || seen[t.Reveal()] {
			continue
		}
		seen[t.Reveal()] = true
		out = append(out, t)
	}
	return out
}

// first is Get's answer for Wildberries: the oldest token.
func first(toks []api.Secret, err error) (api.Secret, error) {
	if err != nil {
		return api.Secret{}, err
	}
	return toks[0], nil
}

// Keyring: one item per slot.

func (k *KeyringStore) GetWB(profile string) ([]api.Secret, error) {
	slots, err := wbSlots(profile)
	if err != nil {
		return nil, err
	}
	var toks []api.Secret
	for _, user := range slots {
		var v string
		err := k.call("read", func() error {
			var e error
			v, e = k.backend.Get(KeyringService, user)
			return e
		})
		if errors.Is(err, ErrNotFound) {
			continue // slots are not kept contiguous by an interrupted write
		}
		if err != nil {
			return nil, err
		}
		toks = append(toks, api.NewSecret(v))
	}
	if toks = dedupe(toks); len(toks) == 0 {
		return nil, ErrNotFound
	}
	return toks, nil
}

// SetWB writes the new list first and removes leftover slots after, so an
// interruption leaves extra tokens (harmless, routed or deduplicated), never
// fewer than either list.
func (k *KeyringStore) SetWB(profile string, toks []api.Secret) error {
	slots, err := wbSlots(profile)
	if err != nil {
		return err
	}
	if err := checkWBList(toks); err != nil {
		return err
	}
	for i, t := range toks {
		if err := k.call("store", func() error { return k.backend.Set(KeyringService, slots[i], t.Reveal()) }); err != nil {
			return err
		}
	}
	for _, user := range slots[len(toks):] {
		err := k.call("delete", func() error { return k.backend.Delete(KeyringService, user) })
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	return nil
}

func (k *KeyringStore) deleteWB(profile string) error {
	slots, err := wbSlots(profile)
	if err != nil {
		return err
	}
	found := false
	for _, user := range slots {
		err := k.call("delete", func() error { return k.backend.Delete(KeyringService, user) })
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return err
		default:
			found = true
		}
	}
	if !found {
		return ErrNotFound
	}
	return nil
}

// File: one map key per slot, every change one atomic rewrite.

func (f *FileStore) GetWB(profile string) ([]api.Secret, error) {
	slots, err := wbSlots(profile)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.loaded && !f.exists() {
		return nil, ErrNotFound
	}
	if err := f.load(); err != nil {
		return nil, err
	}
	var toks []api.Secret
	for _, s := range slots {
		if v, ok := f.tokens[s]; ok {
			toks = append(toks, api.NewSecret(v))
		}
	}
	if toks = dedupe(toks); len(toks) == 0 {
		return nil, ErrNotFound
	}
	return toks, nil
}

func (f *FileStore) SetWB(profile string, toks []api.Secret) error {
	slots, err := wbSlots(profile)
	if err != nil {
		return err
	}
	if err := checkWBList(toks); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.load(); err != nil {
		return err
	}
	next := make(map[string]string, len(f.tokens)+len(toks))
	for k, v := range f.tokens {
		next[k] = v
	}
	for _, s := range slots {
		delete(next, s)
	}
	for i, t := range toks {
		next[slots[i]] = t.Reveal()
	}
	if err := f.write(next); err != nil {
		return err
	}
	f.tokens = next
	return nil
}

// Environment: SELLERINBOX_WB_TOKEN holds one token or several,
// comma-separated.

func (e *EnvStore) GetWB(profile string) ([]api.Secret, error) {
	if _, err := account(profile, api.Wildberries); err != nil {
		return nil, err
	}
	toks, err := api.SplitWBTokens(e.getenv(api.EnvWBToken))
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, ErrNotFound
	}
	return toks, nil
}

func (e *EnvStore) SetWB(string, []api.Secret) error { return ErrReadOnly }

// Layered: the environment's list, when set, replaces the stored one whole;
// mixing them would route a pane to a token the user did not mean.

func (l *Layered) GetWB(profile string) ([]api.Secret, error) {
	if l.Env != nil {
		toks, err := l.Env.GetWB(profile)
		if err == nil {
			return toks, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return l.Base.GetWB(profile)
}

func (l *Layered) SetWB(profile string, toks []api.Secret) error {
	return l.Base.SetWB(profile, toks)
}
