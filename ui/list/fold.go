package list

import (
	"strings"
	"unicode"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Filter keys are folded into a one-byte-per-letter alphabet: ASCII as
// is (letters lowered), Cyrillic а..я at 0xC0..0xDF with ё folded to е
// (the way people type it), everything else 0xFF. Matching is then plain
// byte search (bytes.Index/IndexByte, vectorised) over a compact arena,
// which is what keeps a keystroke over 100k items within a few
// milliseconds. A query with characters outside the alphabet takes the
// slow exact path instead (see matchSlow).
const (
	cyrBase = 0xC0
	other   = 0xFF
)

// foldRune maps r into the alphabet; ok is false for runes outside it.
func foldRune(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return byte(r) + ('a' - 'A'), true
		}
		if r < 0x20 || r == 0x7f {
			return ' ', true
		}
		return byte(r), true
	case r >= 0x430 && r <= 0x44F: // а..я
		return byte(cyrBase + (r - 0x430)), true
	case r >= 0x410 && r <= 0x42F: // А..Я
		return byte(cyrBase + (r - 0x410)), true
	case r == 'ё' || r == 'Ё':
		return cyrBase + ('е' - 0x430), true
	}
	if l := unicode.ToLower(r); l < 0x80 {
		return byte(l), true
	}
	if unicode.IsSpace(r) {
		return ' ', true
	}
	return other, false
}

// foldInto appends the folded form of s to dst. Invisible characters are
// skipped: a zero-width space inside a word must not hide it from /.
func foldInto(dst []byte, s string) []byte {
	for _, r := range s {
		if safe.Ignorable(r) {
			continue
		}
		b, _ := foldRune(r)
		dst = append(dst, b)
	}
	return dst
}

// foldQuery folds a query; exact is false when it has characters outside
// the alphabet and so cannot be matched against folded keys.
func foldQuery(q string) (folded []byte, exact bool) {
	exact = true
	for _, r := range q {
		if safe.Ignorable(r) {
			continue
		}
		b, ok := foldRune(r)
		if !ok {
			exact = false
		}
		folded = append(folded, b)
	}
	return folded, exact
}

func isBoundary(b byte) bool {
	switch b {
	case ' ', '-', '_', '.', ',', '/', '(', ')', '"', '\'', ':', ';', '#', '[', '{':
		return true
	}
	return false
}

// dropIgnorable removes invisible characters, for the exact (slow) path.
func dropIgnorable(s string) string {
	if strings.IndexFunc(s, safe.Ignorable) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if safe.Ignorable(r) {
			return -1
		}
		return r
	}, s)
}
