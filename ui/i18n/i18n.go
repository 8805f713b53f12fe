// Package i18n holds the UI's two languages. Framework strings live in the
// catalogues here; panes add their own (enum labels, column names) with
// Register, typically from an init function.
package i18n

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Lang is a UI language.
type Lang string

const (
	EN Lang = "en"
	RU Lang = "ru"
)

// Parse accepts "ru" and "en" (any case, surrounding spaces ignored).
// "auto" and "" are not languages: callers fall back to Detect.
func Parse(s string) (Lang, bool) {
	switch Lang(strings.ToLower(strings.TrimSpace(s))) {
	case RU:
		return RU, true
	case EN:
		return EN, true
	}
	return "", false
}

// Detect picks the language from the environment: SELLERINBOX_LANG (ru|en)
// wins; otherwise the first set of LC_ALL, LC_MESSAGES, LANG decides, with
// Russian for any "ru…" locale and English for everything else.
func Detect(getenv func(string) string) Lang {
	if l, ok := Parse(getenv("SELLERINBOX_LANG")); ok {
		return l
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ru") {
				return RU
			}
			return EN
		}
	}
	return EN
}

var (
	mu       sync.RWMutex
	catalogs = map[Lang]map[string]string{EN: {}, RU: {}}
)

func init() {
	Register(EN, english)
	Register(RU, russian)
}

// Register adds or replaces messages of one language. Panes use it for
// their own strings; ids are dotted, e.g. "returns.status.WAITING".
func Register(l Lang, msgs map[string]string) {
	mu.Lock()
	defer mu.Unlock()
	if catalogs[l] == nil {
		catalogs[l] = map[string]string{}
	}
	maps.Copy(catalogs[l], msgs)
}

// IDs lists every message id known in l, sorted; tests use it to prove
// both catalogues are complete.
func IDs(l Lang) []string {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Sorted(maps.Keys(catalogs[l]))
}

// T is a translator bound to one language. Its zero value translates to
// English.
type T struct{ Lang Lang }

// New returns the translator for l.
func New(l Lang) T { return T{Lang: l} }

// Get returns the message id in the translator's language, formatted with
// args when there are any. A missing translation falls back to English and
// then to the id itself, so a gap shows up on screen instead of a blank.
func (t T) Get(id string, args ...any) string {
	msg, ok := lookup(t.lang(), id)
	if !ok {
		if msg, ok = lookup(EN, id); !ok {
			msg = id
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Label translates an enum value of a group ("returns.status",
// "WAITING_FOR_DECISION"); unknown values are shown as they came, since a
// marketplace may add states before we learn their names.
func (t T) Label(group, value string) string {
	id := group + "." + value
	if msg, ok := lookup(t.lang(), id); ok {
		return msg
	}
	if msg, ok := lookup(EN, id); ok {
		return msg
	}
	return value
}

func (t T) lang() Lang {
	if t.Lang == "" {
		return EN
	}
	return t.Lang
}

func lookup(l Lang, id string) (string, bool) {
	mu.RLock()
	defer mu.RUnlock()
	msg, ok := catalogs[l][id]
	return msg, ok
}

// Plural picks the Russian plural form for n (one: 1, 21; few: 2–4, 22–24;
// many: 0, 5–20, 25…); English uses one for 1 and many otherwise.
func (t T) Plural(n int, one, few, many string) string {
	abs := max(n, -n)
	if t.lang() != RU {
		if abs == 1 {
			return one
		}
		return many
	}
	switch d, dd := abs%10, abs%100; {
	case d == 1 && dd != 11:
		return one
	case d >= 2 && d <= 4 && (dd < 12 || dd > 14):
		return few
	}
	return many
}

// Num writes n with its thousands grouped as the language does: "14,305"
// in English, "14 305" (a no-break space) in Russian, so a count never
// wraps inside itself.
func (t T) Num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if t.lang() == RU {
		sep = "\u00a0"
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
