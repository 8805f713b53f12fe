package api

import "log/slog"

// Secret holds a token. Every way of printing it (fmt verbs, slog, JSON)
// yields a masked tail, so a token cannot reach a log or an error by accident;
// only Reveal gives the value, and only the transport calls it.
type Secret struct{ v string }

// NewSecret wraps a token.
func NewSecret(token string) Secret { return Secret{v: token} }

// Reveal returns the token for the Authorization header.
func (s Secret) Reveal() string { return s.v }

// Empty reports whether no token is set.
func (s Secret) Empty() bool { return s.v == "" }

// Mask shows only the last four characters, e.g. "…f3a9".
func (s Secret) Mask() string {
	r := []rune(s.v)
	if len(r) == 0 {
		return "(none)"
	}
	if len(r) <= 8 {
		return "…"
	}
	return "…" + string(r[len(r)-4:])
}

func (s Secret) String() string               { return s.Mask() }
func (s Secret) GoString() string             { return "api.Secret(" + s.Mask() + ")" }
func (s Secret) LogValue() slog.Value         { return slog.StringValue(s.Mask()) }
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.Mask() + `"`), nil }
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.Mask()), nil }
