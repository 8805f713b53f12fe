package photo

import (
	"image"

	"github.com/charmbracelet/colorprofile"
)

const upperHalf = "▀"

// renderBlocks draws two pixels per cell. An escape is written only when a
// colour changes, which roughly halves the output for photos with flat
// backgrounds; each line ends with a reset so no colour bleeds into the pane.
func renderBlocks(p colorprofile.Profile, thumb *image.RGBA, cols int) string {
	tw, th := thumb.Rect.Dx(), thumb.Rect.Dy()
	left := (cols - tw) / 2
	right := cols - tw - left
	rows := (th + 1) / 2
	s := sgr{p: p, buf: make([]byte, 0, rows*(cols+tw*24))}
	for row := 0; row < rows; row++ {
		if row > 0 {
			s.buf = append(s.buf, '\n')
		}
		s.buf = appendSpaces(s.buf, left)
		var lastFg, lastBg uint32
		haveFg, haveBg, defaultBg := false, false, false
		for x := 0; x < tw; x++ {
			up := pixelAt(thumb, x, 2*row)
			upKey := colourKey(p, up)
			needFg := !haveFg || upKey != lastFg
			var low rgb
			var lowKey uint32
			hasLow := 2*row+1 < th
			needBg := false
			if hasLow {
				low = pixelAt(thumb, x, 2*row+1)
				lowKey = colourKey(p, low)
				needBg = !haveBg || defaultBg || lowKey != lastBg
			} else {
				// An odd pixel height leaves the last lower half empty:
				// the terminal's own background shows there.
				needBg = !defaultBg
			}
			if needFg || needBg {
				s.buf = append(s.buf, "\x1b["...)
				if needFg {
					s.colour(up, true)
					lastFg, haveFg = upKey, true
				}
				if needBg {
					if needFg {
						s.buf = append(s.buf, ';')
					}
					if hasLow {
						s.colour(low, false)
						lastBg, haveBg, defaultBg = lowKey, true, false
					} else {
						s.buf = append(s.buf, "49"...)
						haveBg, defaultBg = false, true
					}
				}
				s.buf = append(s.buf, 'm')
			}
			s.buf = append(s.buf, upperHalf...)
		}
		s.buf = append(s.buf, reset...)
		s.buf = appendSpaces(s.buf, right)
	}
	return string(s.buf)
}

func pixelAt(m *image.RGBA, x, y int) rgb {
	o := m.PixOffset(x, y)
	return rgb{m.Pix[o], m.Pix[o+1], m.Pix[o+2]}
}

func appendSpaces(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}
