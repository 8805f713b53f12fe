package sandbox

import "unicode/utf16"

// chatTextUnits counts a message as a JVM or JavaScript service would, in
// UTF-16 code units: the document's "1000 characters" does not say whose,
// and this is the stricter reading.
func chatTextUnits(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1)
	}
	return n
}
