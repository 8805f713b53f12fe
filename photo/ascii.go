package photo

import (
	"image"

	"github.com/charmbracelet/colorprofile"
	"github.com/qeesung/image2ascii/convert"
)

// asciiConverter holds no state between calls, so one serves every
// goroutine.
var asciiConverter = convert.NewImageConverter()

// renderASCII maps pixels to image2ascii's character ramp. The thumbnail is
// already at its final size, so image2ascii's own Lanczos resize (~25 ms
// for a 2 MP photo) is a no-op; FitScreen stays off because it asks the
// terminal for its size and calls log.Fatal when there is none. Colours are
// ours, not image2ascii's, because it only knows 256 colours and the
// profile may have 16 or 16 million.
func renderASCII(p colorprofile.Profile, thumb *image.RGBA, cols int) string {
	tw, th := thumb.Rect.Dx(), thumb.Rect.Dy()
	opts := convert.Options{Ratio: 1, FixedWidth: tw, FixedHeight: th, FitScreen: false, Colored: false}
	matrix := asciiConverter.Image2CharPixelMatrix(thumb, &opts)
	left := (cols - tw) / 2
	right := cols - tw - left
	colour := hasColour(p)
	s := sgr{p: p, buf: make([]byte, 0, th*(cols+1)*4)}
	for y, line := range matrix {
		if y > 0 {
			s.buf = append(s.buf, '\n')
		}
		s.buf = appendSpaces(s.buf, left)
		var last uint32
		have := false
		for _, px := range line {
			ch := px.Char
			if ch < 0x20 || ch > 0x7e {
				ch = ' ' // the ramp is printable ASCII; make sure of it
			}
			if colour && ch != ' ' {
				c := rgb{px.R, px.G, px.B}
				if k := colourKey(p, c); !have || k != last {
					s.buf = append(s.buf, "\x1b["...)
					s.colour(c, true)
					s.buf = append(s.buf, 'm')
					last, have = k, true
				}
			}
			s.buf = append(s.buf, ch)
		}
		if have {
			s.buf = append(s.buf, reset...)
		}
		s.buf = appendSpaces(s.buf, right)
	}
	return string(s.buf)
}
