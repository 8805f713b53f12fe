// Package safe makes untrusted text (buyer messages, names, server error
// strings) inert before it reaches the terminal: escape sequences that
// could retitle the window, clear the screen, write the clipboard or plant
// hyperlinks are removed, control characters and bidi overrides dropped,
// invalid UTF-8 replaced. Everything the UI shows from outside goes through
// Line or Text; Truncate and Wrap sanitize too, so they are safe on raw
// input.
package safe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMarks caps combining marks on one base character: real text needs at
// most a few (й decomposed, keycaps), "Zalgo" text stacks hundreds that
// smear over neighbouring rows in many terminals.
const maxMarks = 4

// tabWidth is how many spaces a tab becomes in Text: the terminal's own
// tab stops depend on the column, which would break width accounting.
const tabWidth = 4

// Line sanitizes s for a one-line context (list rows, titles, the status
// bar): newlines and tabs become spaces, runs of whitespace collapse to one
// space, and the ends are trimmed.
func Line(s string) string {
	if plainLine(s) {
		return s
	}
	return clean(s, false)
}

// Text sanitizes s for a multi-line context (the detail view): like Line
// but newlines are kept (CR LF and lone CR become LF) and tabs expand to
// spaces.
func Text(s string) string {
	if plainText(s) {
		return s
	}
	return clean(s, true)
}

// plainLine is the fast path: printable ASCII with single inner spaces is
// already what Line would return.
func plainLine(s string) bool {
	prevSpace := true // leading space is not plain
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return false
		}
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	return len(s) == 0 || !prevSpace
}

func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n') || c > 0x7e {
			return false
		}
	}
	return true
}

// Sequence introducers after ESC (7-bit) and their C1 equivalents.
const (
	esc   = 0x1b
	bel   = 0x07
	c1CSI = 0x9b
	c1OSC = 0x9d
	c1DCS = 0x90
	c1SOS = 0x98
	c1PM  = 0x9e
	c1APC = 0x9f
	c1ST  = 0x9c
)

// clean is a small state machine rather than a regexp: it must cope with
// unterminated and nested sequences in linear time, and anything it cannot
// classify is dropped, never passed through.
func clean(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false // Line: a whitespace run waiting for a non-space
	wrote := false        // Line: something non-space was written
	marks := 0
	last := rune(0) // the last rune written, 0 after a space: a ZWJ may join it
	space := func() {
		last = 0
		if multiline {
			b.WriteByte(' ')
			return
		}
		pendingSpace = wrote
	}
	emit := func(r rune) {
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		b.WriteRune(r)
		wrote = true
		last = r
	}

	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// A lone byte in 0x80..0x9f is an 8-bit C1 control to a terminal
			// not in UTF-8 mode; treat it as one so its sequence goes too.
			c := s[i]
			if c >= 0x80 && c <= 0x9f {
				i = skipC1(s, i+1, rune(c))
				continue
			}
			emit(utf8.RuneError)
			marks = 0
			i++
			continue
		}
		switch {
		case r == esc:
			i = skipEsc(s, i+1)
			continue
		case r >= 0x80 && r <= 0x9f:
			i = skipC1(s, i+size, r)
			continue
		case r == '\n' || r == '\r':
			if multiline {
				if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					i++ // CR LF is one line break
				}
				b.WriteByte('\n')
				last = 0
			} else {
				space()
			}
			marks = 0
		case r == '\t':
			if multiline {
				b.WriteString(strings.Repeat(" ", tabWidth))
			} else {
				space()
			}
			marks = 0
		case r == ' ' || (!multiline && unicode.IsSpace(r)):
			space()
			marks = 0
		case r < 0x20 || r == 0x7f:
			// other C0 controls and DEL: dropped
		case isBidiControl(r):
			// dropped: they reorder the rest of the line, including our own
			// columns drawn after the buyer's text
		case r == zwj:
			// dropped; after an emoji the joined emoji goes too (see
			// skipJoined)
			// (classified only here: a table look-up per rune would slow
			// every line down)
			if isPictographic(last) {
				i = skipJoined(s, i+size)
				continue
			}
		case (r >= 0x200b || r == 0x00ad || r == 0x061c || r == 0x180e) && (isInvisible(r) || isPresentation(r)):
			// dropped: zero-width characters split words for search and
			// the eye alike; presentation selectors and skin tones make
			// clusters whose width terminals disagree on. (The first test
			// keeps ordinary letters to one comparison.)
		case r >= riFirst && r <= riLast:
			// a flag's width differs between terminals (tmux 3.3 draws
			// each indicator alone): its country letters are the same
			// information in one cell each
			emit('A' + r - riFirst)
			marks = 0
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			marks++
			if marks <= maxMarks {
				emit(r)
			}
		default:
			marks = 0
			emit(r)
		}
		i += size
	}
	return b.String()
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Emoji building blocks whose rendering differs between terminals.
const (
	zwj     = 0x200d
	riFirst = 0x1f1e6 // regional indicator A
	riLast  = 0x1f1ff // regional indicator Z
)

// isInvisible: zero-width and invisible format characters (ZWSP, ZWNJ,
// LRM/RLM, word joiner, invisible operators, BOM, tags, Mongolian vowel
// separator, Arabic letter mark). They draw nothing, yet split a word so
// that search and the filter no longer find it.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200b && r <= 0x200f, r >= 0x2060 && r <= 0x2064,
		r == 0xfeff, r == 0x180e, r == 0x061c, r == 0x00ad,
		r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// isPresentation: text/emoji presentation selectors and skin-tone
// modifiers. With them a cluster is one 2-cell grapheme to lipgloss but 1
// (⚠️) or 4 (👍🏽) cells to wcwidth-based terminals such as tmux 3.3;
// without them every terminal agrees.
func isPresentation(r rune) bool {
	return r == 0xfe0e || r == 0xfe0f || (r >= 0x1f3fb && r <= 0x1f3ff)
}

// Ignorable reports runes that draw nothing visible on their own:
// zero-width characters, bidi controls, presentation selectors and skin
// tones. Matching (the / filter) skips them, so "сло<ZWSP>во" is found
// as "слово"; the sanitizer removes them from the screen.
func Ignorable(r rune) bool {
	return r == zwj || isInvisible(r) || isBidiControl(r) || isPresentation(r)
}

// isPictographic approximates Extended_Pictographic (which package unicode
// lacks): the emoji blocks and other symbols. Only used to decide whether
// a ZWJ joins emoji.
func isPictographic(r rune) bool {
	return (r >= 0x1f000 && r <= 0x1faff) || unicode.Is(unicode.So, r)
}

// skipJoined skips what a ZWJ after an emoji joins to it: the next emoji
// and its presentation selectors, skin tones and marks. A ZWJ sequence
// (👨‍👩‍👧, 🏳️‍🌈) is one 2-cell grapheme to lipgloss but drawn as each of
// its emoji side by side by tmux 3.3 and others; its first emoji alone is
// the same width everywhere.
func skipJoined(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if i >= len(s) || !isPictographic(r) {
		return i
	}
	i += size
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isPresentation(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r) {
			break
		}
		i += size
	}
	return i
}

// skipEsc returns the index after the escape sequence whose ESC was just
// before i.
func skipEsc(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']':
		return skipString(s, i+1, true)
	case 'P', 'X', '^', '_':
		return skipString(s, i+1, false)
	}
	// nF sequences: intermediates 0x20..0x2f then one final byte; plain
	// two-byte escapes (ESC c, ESC 7) are the zero-intermediate case.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipC1 handles a C1 control: the introducers swallow their sequence,
// every other C1 control is dropped alone.
func skipC1(s string, i int, r rune) int {
	switch r {
	case c1CSI:
		return skipCSI(s, i)
	case c1OSC:
		return skipString(s, i, true)
	case c1DCS, c1SOS, c1PM, c1APC:
		return skipString(s, i, false)
	}
	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte. Anything outside the CSI grammar ends the sequence without
// being consumed, so a broken sequence cannot eat the rest of the text.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f: // parameters, intermediates
			i++
		case c >= 0x40 && c <= 0x7e: // final
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) up to its
// terminator: ST as ESC \ or C1 0x9c (raw or UTF-8), and BEL for OSC as
// xterm accepts. An unterminated string runs to the end of s: a terminal
// would swallow it too, and showing its payload (a clipboard write, a URL)
// would be wrong either way.
func skipString(s string, i int, bellEnds bool) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == bel && bellEnds:
			return i + 1
		case c == esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			// ESC without backslash aborts the string in real terminals and
			// starts a new sequence: leave it to the caller.
			return i
		case c == c1ST:
			return i + 1
		case c == 0xc2 && i+1 < len(s) && s[i+1] == c1ST:
			return i + 2
		}
		i++
	}
	return i
}
