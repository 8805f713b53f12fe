package photo

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxStemBytes keeps "<stem>-9999.webp" well under the 255-byte limit
// of common file systems, with room for Cyrillic's two bytes per letter.
const maxStemBytes = 120

// windowsReserved are device names Windows refuses as file names, with or
// without an extension.
var windowsReserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	"COM0": true, "COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT0": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
	"COM¹": true, "COM²": true, "COM³": true, "LPT¹": true, "LPT²": true, "LPT³": true,
}

// SafeName turns a name suggested by a buyer, a URL or a server into a
// harmless file name ending in ext (the sniffed format's, e.g. ".png"):
// no directories or traversal, no hidden dot-files, no control or
// escape sequences, no bidi overrides that make "a\u202egpj.exe" read as
// "aexe.jpg", no characters or device names Windows rejects, bounded
// length. The suggested extension is dropped: the bytes decide it.
func SafeName(suggested, ext string) string {
	s := stripEscapes(suggested)
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.IsGraphic(r): // drops Cc, Cf (bidi, zero-width), Co, Cs
			b.WriteRune(r)
		}
	}
	stem := trimName(b.String())
	if e := filepath.Ext(stem); e != "" && e != stem {
		stem = trimName(strings.TrimSuffix(stem, e))
	}
	stem = strings.Join(strings.Fields(stem), " ")
	if len(stem) > maxStemBytes {
		cut := maxStemBytes
		for cut > 0 && !utf8.RuneStart(stem[cut]) {
			cut--
		}
		stem = trimName(stem[:cut])
	}
	if stem == "" {
		stem = "file"
	}
	dev := stem
	if i := strings.IndexByte(dev, '.'); i >= 0 {
		dev = dev[:i]
	}
	if windowsReserved[strings.ToUpper(strings.TrimSpace(dev))] {
		stem = "_" + stem
	}
	return stem + safeExt(ext)
}

// trimName drops what hides a file (leading dots) or what Windows strips
// silently (trailing dots and spaces).
func trimName(s string) string { return strings.Trim(s, ". ") }

func safeExt(ext string) string {
	ext = strings.TrimPrefix(ext, ".")
	for _, r := range ext {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || len(ext) > 8 {
			return ".bin"
		}
	}
	if ext == "" {
		return ".bin"
	}
	return "." + ext
}

// stripEscapes removes terminal escape sequences whole, so that
// "фото\x1b[2J.jpg" becomes "фото.jpg" rather than "фото[2J.jpg".
func stripEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		// Only ESC: a raw 0x9b byte is a UTF-8 continuation byte here, and
		// the C1 rune U+009B is dropped later as a control character.
		if c != 0x1b {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '[' { // CSI: up to a final byte
			i++
			for i+1 < len(s) && s[i+1] >= 0x20 && s[i+1] <= 0x3f {
				i++
			}
			if i+1 < len(s) && s[i+1] >= 0x40 && s[i+1] <= 0x7e {
				i++
			}
			continue
		}
		if i+1 < len(s) && strings.IndexByte("]PX^_", s[i+1]) >= 0 { // OSC, DCS...: up to BEL or ST
			i += 2
			for i < len(s) && s[i] != 0x07 && !(s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\') {
				i++
			}
			if i < len(s) && s[i] == 0x1b {
				i++
			}
			continue
		}
		i++ // two-byte escape
	}
	return b.String()
}
