package api

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxServerText bounds one server-provided string kept in an Error: a
// hostile body can be 64 MB of "detail".
const maxServerText = 1000

// inert makes a server-provided string (error title, detail, request ID)
// safe to print on any terminal: escape sequences (7-bit and C1) go with
// their payload, other control and format characters (bidi overrides,
// zero-width marks) are dropped, line breaks and tabs become spaces, and
// invalid UTF-8 becomes U+FFFD. api cannot use ui/safe (api never imports
// ui), and errors reach stderr without passing through the UI.
func inert(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean && len(s) <= maxServerText && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	n := 0
	for i := 0; i < len(s) && n < maxServerText; {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if c := s[i]; c >= 0x80 && c <= 0x9f {
				i = skipControl(s, i+1, rune(c))
				continue
			}
			r = utf8.RuneError
		case r == 0x1b:
			i = skipEscape(s, i+1)
			continue
		case r >= 0x80 && r <= 0x9f:
			i = skipControl(s, i+size, r)
			continue
		}
		i += size
		switch {
		case r == ' ' || r == '\n' || r == '\r' || r == '\t' || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		n++
	}
	if n >= maxServerText {
		b.WriteString("…")
	}
	return b.String()
}

// skipEscape returns the index after the sequence whose ESC came just
// before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipControlString(s, i+1)
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipControl handles a C1 control: CSI, OSC, DCS, SOS, PM and APC take
// their sequence with them; the rest go alone.
func skipControl(s string, i int, r rune) int {
	switch r {
	case 0x9b:
		return skipCSI(s, i)
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f:
		return skipControlString(s, i)
	}
	return i
}

func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipControlString runs to BEL, ST (ESC \ or C1 0x9c) or the end: an
// unterminated string's payload (a clipboard write) must not show either.
func skipControlString(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == 0x07, c == 0x9c:
			return i + 1
		case c == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
		i++
	}
	return i
}
