package models

import "strings"

// AbsURL resolves a protocol-relative URL ("//photos.wbstatic.net/...") with
// the given scheme, as a browser resolves it against the page that linked it;
// scheme defaults to https.
func AbsURL(u, scheme string) string {
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "//") {
		if scheme == "" {
			scheme = "https"
		}
		return scheme + ":" + u
	}
	return u
}
