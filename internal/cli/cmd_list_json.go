package cli

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// escapeInvisible rewrites, in encoding/json output, the characters the
// encoder leaves raw but a terminal acts on or a reader cannot see: C1
// controls (U+0080–U+009F, e.g. U+009B starts a CSI on many terminals)
// and format characters (bidi overrides such as U+202E, zero-width
// marks). Outside strings the encoder writes ASCII only, so every such
// rune is inside a string, where \uXXXX means the same character.
func escapeInvisible(b []byte) []byte {
	clean := true
	for _, c := range b {
		if c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x80 && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			for _, u := range utf16Units(r) {
				out = append(out, `\u`...)
				h := strconv.FormatUint(uint64(u), 16)
				for range 4 - len(h) {
					out = append(out, '0')
				}
				out = append(out, h...)
			}
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// utf16Units is r as JSON spells it: one unit, or a surrogate pair
// (format characters exist above U+FFFF, e.g. U+E0001 language tag).
func utf16Units(r rune) []uint16 {
	if r < 0x10000 {
		return []uint16{uint16(r)}
	}
	r -= 0x10000
	return []uint16{uint16(0xd800 + (r >> 10)), uint16(0xdc00 + (r & 0x3ff))}
}
