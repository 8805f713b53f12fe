package photo

import (
	"net/url"
	"path/filepath"
	"strings"
	"unicode"
)

// Hyperlink wraps path in an OSC 8 link to file://host/path, so a user on
// SSH can click it in a terminal that supports links (and copy the path
// in one that does not). The host lets the terminal tell a remote file
// from a local one. lipgloss measures it as the path's width.
func Hyperlink(path, host string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users/... → /C:/Users/...
	}
	u := url.URL{Scheme: "file", Host: cleanHost(host), Path: p}
	text := strings.Map(func(r rune) rune {
		if !unicode.IsGraphic(r) {
			return -1
		}
		return r
	}, path)
	// The URL is percent-encoded, so it holds no ESC or BEL to end the
	// sequence early.
	return "\x1b]8;;" + u.String() + "\x1b\\" + text + "\x1b]8;;\x1b\\"
}

func cleanHost(h string) string {
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return ""
		}
	}
	return h
}
