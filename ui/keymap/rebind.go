package keymap

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Rebind returns a copy of k with the overrides applied. overrides is the
// config's [keys] table: scope → action → keys. Unknown scopes or actions,
// empty or malformed keys, and any conflict the result would have are
// errors; on error k is returned unchanged so the app can start with the
// defaults and show what was wrong.
func (k KeyMap) Rebind(tr i18n.T, overrides map[string]map[string][]string) (KeyMap, error) {
	out := k // KeyMap holds bindings by value, so this is a deep enough copy
	table := out.table()
	var errs []error
	for _, scopeName := range sortedKeys(overrides) {
		scope := Scope(scopeName)
		entries, ok := table[scope]
		if !ok {
			errs = append(errs, errors.New(tr.Get("keys.err.scope", scopeName, joinScopes())))
			continue
		}
		for _, action := range sortedKeys(overrides[scopeName]) {
			i := slices.IndexFunc(entries, func(e entry) bool { return e.action == action })
			if i < 0 {
				errs = append(errs, errors.New(tr.Get("keys.err.action", scopeName, action, strings.Join(Actions(scope), ", "))))
				continue
			}
			ks := overrides[scopeName][action]
			if len(ks) == 0 {
				errs = append(errs, errors.New(tr.Get("keys.err.empty", scopeName, action)))
				continue
			}
			bad := false
			for _, s := range ks {
				if err := validKey(s); err != nil {
					errs = append(errs, fmt.Errorf("keys.%s.%s: %w", scopeName, action, err))
					bad = true
				}
			}
			if bad {
				continue
			}
			*entries[i].b = bind(tr, scope, action, ks)
		}
	}
	if len(errs) == 0 {
		errs = out.Conflicts(tr)
	}
	if len(errs) > 0 {
		return k, errors.Join(errs...)
	}
	return out, nil
}

// activeTogether lists scope pairs whose bindings can fire on the same
// key press. Filter, editor and confirm take every key while active, so
// they only have to be consistent within themselves; ForceQuit is checked
// against every scope separately.
var activeTogether = [][2]Scope{
	{ScopeGlobal, ScopeList}, {ScopeGlobal, ScopeDetail}, {ScopeGlobal, ScopeReply},
	{ScopeList, ScopeReply}, {ScopeDetail, ScopeReply},
}

// Conflicts reports keys bound twice within a scope, between scopes that
// are active together, and any binding that shadows force_quit.
func (k KeyMap) Conflicts(tr i18n.T) []error {
	table := k.table()
	var errs []error
	seen := map[string]bool{}
	report := func(key, a, b string) {
		if a > b {
			a, b = b, a
		}
		id := key + "\x00" + a + "\x00" + b
		if !seen[id] {
			seen[id] = true
			errs = append(errs, errors.New(tr.Get("keys.err.conflict", key, a, b)))
		}
	}
	owners := func(scopes ...Scope) map[string][]string {
		m := map[string][]string{}
		for _, s := range scopes {
			for _, e := range table[s] {
				if !e.b.Enabled() {
					continue
				}
				for _, key := range e.b.Keys() {
					m[key] = append(m[key], string(s)+"."+e.action)
				}
			}
		}
		return m
	}
	check := func(m map[string][]string) {
		for _, key := range sortedKeys(m) {
			for i := 1; i < len(m[key]); i++ {
				report(key, m[key][0], m[key][i])
			}
		}
	}
	for _, s := range Scopes {
		check(owners(s))
	}
	for _, pair := range activeTogether {
		check(owners(pair[0], pair[1]))
	}
	for _, s := range Scopes {
		m := owners(s)
		for _, key := range k.Global.ForceQuit.Keys() {
			for _, owner := range m[key] {
				if owner != "global.force_quit" {
					report(key, "global.force_quit", owner)
				}
			}
		}
	}
	return errs
}

// modifiers are the prefixes Bubble Tea's Keystroke prints, in its order.
var modifiers = []string{"ctrl+", "alt+", "shift+", "meta+", "hyper+", "super+"}

// names are the special keys Bubble Tea reports by name.
var names = map[string]bool{
	"enter": true, "tab": true, "backspace": true, "esc": true, "space": true,
	"up": true, "down": true, "left": true, "right": true, "home": true, "end": true,
	"pgup": true, "pgdown": true, "insert": true, "delete": true,
	"f1": true, "f2": true, "f3": true, "f4": true, "f5": true, "f6": true,
	"f7": true, "f8": true, "f9": true, "f10": true, "f11": true, "f12": true,
}

// validKey rejects key names Bubble Tea never reports, so a typo such as
// "ctlr+s" is an error at start-up instead of a key that silently does
// nothing.
func validKey(s string) error {
	rest := s
	for {
		trimmed := false
		for _, m := range modifiers {
			if strings.HasPrefix(rest, m) && len(rest) > len(m) {
				rest = rest[len(m):]
				trimmed = true
			}
		}
		if !trimmed {
			break
		}
	}
	if names[rest] {
		return nil
	}
	if r, size := utf8.DecodeRuneInString(rest); size == len(rest) && r != utf8.RuneError && unicode.IsPrint(r) && r != ' ' {
		return nil
	}
	return fmt.Errorf("%q is not a key name (use e.g. \"a\", \"ctrl+s\", \"enter\", \"pgdown\")", s)
}

func joinScopes() string {
	parts := make([]string, len(Scopes))
	for i, s := range Scopes {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Groups returns the bindings of several scopes, one help column each.
func (k KeyMap) Groups(scopes ...Scope) [][]key.Binding {
	out := make([][]key.Binding, 0, len(scopes))
	for _, s := range scopes {
		out = append(out, k.Bindings(s))
	}
	return out
}
