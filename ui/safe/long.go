package safe

import (
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Clip cuts raw text to at most limit bytes, at a character boundary, and
// reports how many bytes were left out. The detail shows a bounded prefix
// of a text: sanitizing and wrapping 1 MB on every redraw froze the UI.
func Clip(s string, limit int) (prefix string, rest int) {
	if limit < 0 {
		limit = 0
	}
	if len(s) <= limit {
		return s, 0
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], len(s) - cut
}

// truncateScan is how much raw text Truncate reads per cell of width: a
// one-line cell holds at most a few bytes of visible text, and hostile
// escape sequences are rarely longer; reading the whole of a 1 MB text to
// show 40 cells of it costs milliseconds per row per redraw.
const truncateScan = 64

// truncateInput bounds what Truncate sanitizes; cut reports that text was
// left out, so the result must end with an ellipsis.
func truncateInput(s string, width int) (string, bool) {
	limit := max(width*truncateScan, 1024)
	if len(s) <= limit {
		return s, false
	}
	p, _ := Clip(s, limit)
	return p, true
}

// endCut ends an already truncated line with an ellipsis when text beyond
// what was read exists.
func endCut(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + Ellipsis
	}
	return ansi.Truncate(s, width, Ellipsis)
}

// wrapCache keeps the wrapped form of long texts: wrapping is linear but a
// detail redraws on every key, and a cursor moving back and forth over a
// long item would wrap it each time. Keyed by text and width, so a resize
// wraps once per width.
var wrapCache = struct {
	sync.Mutex
	m     map[wrapKey]string
	order []wrapKey
	bytes int
}{m: map[wrapKey]string{}}

type wrapKey struct {
	s     string
	width int
}

const (
	wrapCacheMin   = 4 << 10 // shorter texts wrap faster than they hash
	wrapCacheBytes = 8 << 20 // inputs and outputs together
)

func cachedWrap(s string, width int, wrap func() string) string {
	if len(s) < wrapCacheMin {
		return wrap()
	}
	k := wrapKey{s, width}
	wrapCache.Lock()
	out, ok := wrapCache.m[k]
	wrapCache.Unlock()
	if ok {
		return out
	}
	out = wrap()
	cost := len(s) + len(out)
	if cost > wrapCacheBytes/4 {
		return out
	}
	wrapCache.Lock()
	defer wrapCache.Unlock()
	if _, ok := wrapCache.m[k]; !ok {
		wrapCache.m[k] = out
		wrapCache.order = append(wrapCache.order, k)
		wrapCache.bytes += cost
	}
	for wrapCache.bytes > wrapCacheBytes && len(wrapCache.order) > 0 {
		old := wrapCache.order[0]
		wrapCache.order = wrapCache.order[1:]
		wrapCache.bytes -= len(old.s) + len(wrapCache.m[old])
		delete(wrapCache.m, old)
	}
	return out
}
