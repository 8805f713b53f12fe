package photo

import (
	"image"
	"image/color"
	"math/bits"
)

// scale box-averages src into a tw x th opaque image. Every source pixel is
// read once, straight from the decoder's planes where the type is known:
// draw.CatmullRom costs ~46 ms for 2 MP, this ~3 ms. Transparency is
// composited over white, the page marketplace product shots assume.
func scale(src image.Image, tw, th int) *image.RGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	if tw > sw || th > sh {
		// A thumbnail smaller than the box: nearest neighbour keeps it
		// crisp and costs at most tw*th lookups.
		nearest(dst, src)
		return dst
	}
	colOf := spans(sw, tw)
	rowOf := spans(sh, th)
	colN := counts(colOf, tw)
	rowN := counts(rowOf, th)
	acc := make([]uint64, tw*th*3)
	ycc := false
	var typed image.Image = src
	if b.Min.X < 0 || b.Min.Y < 0 {
		// Shifts below stand for divisions only for non-negative
		// coordinates; no decoder makes others, so the slow path is fine.
		typed = genericImage{src}
	}
	switch s := typed.(type) {
	case *image.YCbCr:
		ycc = true
		cx, cy := chromaDiv(s.SubsampleRatio)
		shift := uint(bits.TrailingZeros(uint(cx))) // cx is 1, 2 or 4
		starts := boxStarts(colOf, tw)
		for y := 0; y < sh; y++ {
			yrow := s.Y[y*s.YStride : y*s.YStride+sw]
			coff := ((b.Min.Y+y)/cy - b.Min.Y/cy) * s.CStride
			cb := s.Cb[coff : coff+(b.Min.X+sw-1)/cx-b.Min.X/cx+1]
			cr := s.Cr[coff : coff+len(cb)]
			a := acc[rowOf[y]*tw*3 : (rowOf[y]+1)*tw*3]
			// One box at a time: sums stay in registers and the chroma
			// index is a division by a constant per subsampling.
			for tx := 0; tx < tw; tx++ {
				x0, x1 := starts[tx], starts[tx+1]
				var sy, sb, sr uint64
				for x, v := range yrow[x0:x1] {
					c := (b.Min.X+x0+x)>>shift - b.Min.X>>shift
					sy += uint64(v)
					sb += uint64(cb[c])
					sr += uint64(cr[c])
				}
				a[tx*3] += sy
				a[tx*3+1] += sb
				a[tx*3+2] += sr
			}
		}
	case *image.NYCbCrA:
		ycc = true
		cx, cy := chromaDiv(s.SubsampleRatio)
		for y := 0; y < sh; y++ {
			crow := ((b.Min.Y+y)/cy - b.Min.Y/cy) * s.CStride
			a := acc[rowOf[y]*tw*3:]
			for x := 0; x < sw; x++ {
				i := colOf[x] * 3
				c := crow + (b.Min.X+x)/cx - b.Min.X/cx
				al := uint64(s.A[y*s.AStride+x])
				a[i] += over(uint64(s.Y[y*s.YStride+x]), al, 255)
				a[i+1] += over(uint64(s.Cb[c]), al, 128)
				a[i+2] += over(uint64(s.Cr[c]), al, 128)
			}
		}
	case *image.RGBA:
		for y := 0; y < sh; y++ {
			row := s.Pix[y*s.Stride : y*s.Stride+sw*4]
			a := acc[rowOf[y]*tw*3:]
			for x := 0; x < sw; x++ {
				p := row[x*4 : x*4+4 : x*4+4]
				i := colOf[x] * 3
				// Premultiplied: adding the uncovered share of white.
				white := 255 - uint64(p[3])
				a[i] += uint64(p[0]) + white
				a[i+1] += uint64(p[1]) + white
				a[i+2] += uint64(p[2]) + white
			}
		}
	case *image.NRGBA:
		for y := 0; y < sh; y++ {
			row := s.Pix[y*s.Stride : y*s.Stride+sw*4]
			a := acc[rowOf[y]*tw*3:]
			for x := 0; x < sw; x++ {
				p := row[x*4 : x*4+4 : x*4+4]
				i := colOf[x] * 3
				al := uint64(p[3])
				a[i] += over(uint64(p[0]), al, 255)
				a[i+1] += over(uint64(p[1]), al, 255)
				a[i+2] += over(uint64(p[2]), al, 255)
			}
		}
	case *image.Gray:
		for y := 0; y < sh; y++ {
			row := s.Pix[y*s.Stride : y*s.Stride+sw]
			a := acc[rowOf[y]*tw*3:]
			for x, v := range row {
				i := colOf[x] * 3
				a[i] += uint64(v)
				a[i+1] += uint64(v)
				a[i+2] += uint64(v)
			}
		}
	case *image.Paletted:
		pal := make([][3]uint64, 256)
		for i := range pal {
			pal[i] = [3]uint64{255, 255, 255} // out-of-range indices show as background
			if i < len(s.Palette) {
				pal[i] = rgbOverWhite(s.Palette[i])
			}
		}
		for y := 0; y < sh; y++ {
			row := s.Pix[y*s.Stride : y*s.Stride+sw]
			a := acc[rowOf[y]*tw*3:]
			for x, v := range row {
				i := colOf[x] * 3
				c := pal[v]
				a[i] += c[0]
				a[i+1] += c[1]
				a[i+2] += c[2]
			}
		}
	default:
		// CMYK JPEGs, 16-bit PNGs: rare enough for the interface path.
		for y := 0; y < sh; y++ {
			a := acc[rowOf[y]*tw*3:]
			for x := 0; x < sw; x++ {
				c := rgbOverWhite(src.At(b.Min.X+x, b.Min.Y+y))
				i := colOf[x] * 3
				a[i] += c[0]
				a[i+1] += c[1]
				a[i+2] += c[2]
			}
		}
	}
	for ty := 0; ty < th; ty++ {
		for tx := 0; tx < tw; tx++ {
			n := colN[tx] * rowN[ty]
			i := (ty*tw + tx) * 3
			v0, v1, v2 := uint8((acc[i]+n/2)/n), uint8((acc[i+1]+n/2)/n), uint8((acc[i+2]+n/2)/n)
			if ycc {
				v0, v1, v2 = color.YCbCrToRGB(v0, v1, v2)
			}
			o := dst.PixOffset(tx, ty)
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = v0, v1, v2, 255
		}
	}
	return dst
}

// genericImage hides the concrete type so scale takes the At path.
type genericImage struct{ image.Image }

// spans maps each of n source positions to one of m boxes (m <= n).
func spans(n, m int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i * m / n
	}
	return s
}

// boxStarts lists where each box begins, plus the end: box i covers
// [starts[i], starts[i+1]).
func boxStarts(of []int, m int) []int {
	st := make([]int, m+1)
	st[m] = len(of)
	for i := len(of) - 1; i >= 0; i-- {
		st[of[i]] = i
	}
	return st
}

func counts(of []int, m int) []uint64 {
	c := make([]uint64, m)
	for _, v := range of {
		c[v]++
	}
	return c
}

// chromaDiv is how many luma pixels share one chroma sample across and down,
// matching image.YCbCr.COffset.
func chromaDiv(r image.YCbCrSubsampleRatio) (x, y int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 1, 1
}

// over composites a straight-alpha channel value over a background value.
func over(v, alpha, bg uint64) uint64 { return (v*alpha + bg*(255-alpha) + 127) / 255 }

func rgbOverWhite(c color.Color) [3]uint64 {
	r, g, b, a := c.RGBA() // premultiplied, 16 bit
	white := 0xffff - a
	return [3]uint64{uint64(r+white) >> 8, uint64(g+white) >> 8, uint64(b+white) >> 8}
}

func nearest(dst *image.RGBA, src image.Image) {
	b := src.Bounds()
	tw, th := dst.Rect.Dx(), dst.Rect.Dy()
	for ty := 0; ty < th; ty++ {
		sy := b.Min.Y + (2*ty+1)*b.Dy()/(2*th)
		for tx := 0; tx < tw; tx++ {
			sx := b.Min.X + (2*tx+1)*b.Dx()/(2*tw)
			c := rgbOverWhite(src.At(sx, sy))
			o := dst.PixOffset(tx, ty)
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = uint8(c[0]), uint8(c[1]), uint8(c[2]), 255
		}
	}
}
