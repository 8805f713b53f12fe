package photo

import (
	"strconv"

	"github.com/charmbracelet/colorprofile"
)

// sgr writes colour escapes for one profile. Only SGR sequences are ever
// emitted, so lipgloss measures the lines correctly.
type sgr struct {
	p   colorprofile.Profile
	buf []byte
}

var dec [256]string

func init() {
	for i := range dec {
		dec[i] = strconv.Itoa(i)
	}
}

type rgb struct{ r, g, b uint8 }

const reset = "\x1b[0m"

// colour appends the parameters (without ESC[ and m) for fg or bg.
func (s *sgr) colour(c rgb, fg bool) {
	switch s.p {
	case colorprofile.TrueColor:
		if fg {
			s.buf = append(s.buf, "38;2;"...)
		} else {
			s.buf = append(s.buf, "48;2;"...)
		}
		s.buf = append(s.buf, dec[c.r]...)
		s.buf = append(s.buf, ';')
		s.buf = append(s.buf, dec[c.g]...)
		s.buf = append(s.buf, ';')
		s.buf = append(s.buf, dec[c.b]...)
	case colorprofile.ANSI256:
		if fg {
			s.buf = append(s.buf, "38;5;"...)
		} else {
			s.buf = append(s.buf, "48;5;"...)
		}
		s.buf = append(s.buf, dec[to256(c)]...)
	default:
		n := to16(c)
		base := 30
		if !fg {
			base = 40
		}
		if n >= 8 {
			base += 60 // bright colours: 90–97 / 100–107
			n -= 8
		}
		s.buf = append(s.buf, dec[base+n]...)
	}
}

// colourKey is what the profile actually distinguishes, so that a run of
// pixels that map to the same terminal colour costs one escape.
func colourKey(p colorprofile.Profile, c rgb) uint32 {
	switch p {
	case colorprofile.TrueColor:
		return uint32(c.r)<<16 | uint32(c.g)<<8 | uint32(c.b)
	case colorprofile.ANSI256:
		return uint32(to256(c))
	}
	return uint32(to16(c))
}

var cube = [6]int{0, 95, 135, 175, 215, 255}

func cubeIndex(v uint8) int {
	if v < 48 {
		return 0
	}
	if v < 115 {
		return 1
	}
	return (int(v) - 35) / 40
}

func dist(a, b rgb) int {
	dr, dg, db := int(a.r)-int(b.r), int(a.g)-int(b.g), int(a.b)-int(b.b)
	// Weighted towards green, as the eye is.
	return 2*dr*dr + 4*dg*dg + 3*db*db
}

// to256 picks the nearer of the xterm 6x6x6 cube colour and grey ramp entry.
func to256(c rgb) int {
	ri, gi, bi := cubeIndex(c.r), cubeIndex(c.g), cubeIndex(c.b)
	cc := rgb{uint8(cube[ri]), uint8(cube[gi]), uint8(cube[bi])}
	avg := (int(c.r) + int(c.g) + int(c.b)) / 3
	gi2 := 0
	if avg > 238 {
		gi2 = 23
	} else if avg > 3 {
		gi2 = (avg - 3) / 10
	}
	gv := uint8(8 + 10*gi2)
	if dist(c, rgb{gv, gv, gv}) < dist(c, cc) {
		return 232 + gi2
	}
	return 16 + 36*ri + 6*gi + bi
}

// ansi16 are xterm's default values for the 16 basic colours.
var ansi16 = [16]rgb{
	{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
}

func to16(c rgb) int {
	best, bd := 0, 1<<31-1
	for i, p := range ansi16 {
		if d := dist(c, p); d < bd {
			best, bd = i, d
		}
	}
	return best
}
