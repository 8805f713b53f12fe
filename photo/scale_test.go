package photo

import (
	"image"
	"image/color"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestFit(t *testing.T) {
	tests := []struct {
		name                    string
		w, h, cols, rows, pxPer int
		tw, th                  int
	}{
		{"4:3 blocks, height bound", 1600, 1200, 120, 40, 2, 107, 80},
		{"4:3 ascii, height bound", 1600, 1200, 120, 40, 1, 107, 40},
		{"wide blocks, width bound", 4000, 1000, 120, 40, 2, 120, 30},
		{"wide ascii, width bound", 4000, 1000, 120, 40, 1, 120, 15},
		{"tall blocks", 300, 3000, 120, 40, 2, 8, 80},
		{"square into a line", 100, 100, 80, 1, 2, 2, 2},
		{"one cell", 5000, 10, 1, 1, 2, 1, 1},
		{"tall sliver never 0 wide", 1, 60000, 10, 10, 1, 1, 10},
		{"empty box", 10, 10, 0, 5, 2, 0, 0},
		{"empty image", 0, 10, 5, 5, 2, 0, 0},
	}
	for _, tt := range tests {
		tw, th := fit(tt.w, tt.h, tt.cols, tt.rows, tt.pxPer)
		if tw != tt.tw || th != tt.th {
			t.Errorf("%s: fit = %dx%d, want %dx%d", tt.name, tw, th, tt.tw, tt.th)
		}
	}
}

// refScale is the obvious box filter through the image.Image interface,
// for checking the fast paths.
func refScale(src image.Image, tw, th int) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	colOf, rowOf := spans(b.Dx(), tw), spans(b.Dy(), th)
	sums := make([][4]uint64, tw*th)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := rgbOverWhite(src.At(b.Min.X+x, b.Min.Y+y))
			s := &sums[rowOf[y]*tw+colOf[x]]
			s[0], s[1], s[2], s[3] = s[0]+c[0], s[1]+c[1], s[2]+c[2], s[3]+1
		}
	}
	for i, s := range sums {
		dst.Pix[i*4], dst.Pix[i*4+1], dst.Pix[i*4+2], dst.Pix[i*4+3] = uint8(s[0]/s[3]), uint8(s[1]/s[3]), uint8(s[2]/s[3]), 255
	}
	return dst
}

// refScaleYCC averages luma and chroma samples (found with COffset) per box
// and converts once, which is what the fast path must do exactly.
func refScaleYCC(src image.Image, tw, th int) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	colOf, rowOf := spans(b.Dx(), tw), spans(b.Dy(), th)
	sums := make([][4]uint64, tw*th)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			var yy, cb, cr uint64
			switch m := src.(type) {
			case *image.YCbCr:
				yy, cb, cr = uint64(m.Y[m.YOffset(x, y)]), uint64(m.Cb[m.COffset(x, y)]), uint64(m.Cr[m.COffset(x, y)])
			case *image.NYCbCrA:
				a := uint64(m.A[m.AOffset(x, y)])
				yy, cb, cr = over(uint64(m.Y[m.YOffset(x, y)]), a, 255), over(uint64(m.Cb[m.COffset(x, y)]), a, 128), over(uint64(m.Cr[m.COffset(x, y)]), a, 128)
			}
			s := &sums[rowOf[y-b.Min.Y]*tw+colOf[x-b.Min.X]]
			s[0], s[1], s[2], s[3] = s[0]+yy, s[1]+cb, s[2]+cr, s[3]+1
		}
	}
	for i, s := range sums {
		n := s[3]
		r, g, bb := color.YCbCrToRGB(uint8((s[0]+n/2)/n), uint8((s[1]+n/2)/n), uint8((s[2]+n/2)/n))
		dst.Pix[i*4], dst.Pix[i*4+1], dst.Pix[i*4+2], dst.Pix[i*4+3] = r, g, bb, 255
	}
	return dst
}

func TestScaleFastPathsMatchReference(t *testing.T) {
	fix := drawFixture(97, 61, true) // odd sizes: uneven boxes
	var sources = map[string]image.Image{"nrgba": fix}
	rgba := image.NewRGBA(fix.Bounds())
	gray := image.NewGray(fix.Bounds())
	pal := image.NewPaletted(fix.Bounds(), color.Palette{color.White, color.Black, color.NRGBA{200, 0, 0, 128}, color.RGBA{0, 0, 200, 255}})
	cmyk := image.NewCMYK(fix.Bounds())
	for y := 0; y < 61; y++ {
		for x := 0; x < 97; x++ {
			rgba.Set(x, y, fix.At(x, y))
			gray.Set(x, y, fix.At(x, y))
			pal.Set(x, y, fix.At(x, y))
			cmyk.Set(x, y, fix.At(x, y))
		}
	}
	sources["rgba"], sources["gray"], sources["paletted"], sources["cmyk (generic)"] = rgba, gray, pal, cmyk
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		y := image.NewYCbCr(fix.Bounds(), ratio)
		a := image.NewNYCbCrA(fix.Bounds(), ratio)
		for py := 0; py < 61; py++ {
			for px := 0; px < 97; px++ {
				c := fix.NRGBAAt(px, py)
				yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
				y.Y[y.YOffset(px, py)], y.Cb[y.COffset(px, py)], y.Cr[y.COffset(px, py)] = yy, cb, cr
				a.Y[a.YOffset(px, py)], a.Cb[a.COffset(px, py)], a.Cr[a.COffset(px, py)] = yy, cb, cr
				a.A[a.AOffset(px, py)] = c.A
			}
		}
		sources["ycbcr "+ratio.String()] = y
		sources["nycbcra "+ratio.String()] = a
	}
	// A sub-image: the planes start mid-buffer.
	sources["ycbcr sub-image"] = sources["ycbcr YCbCrSubsampleRatio420"].(*image.YCbCr).SubImage(image.Rect(5, 3, 90, 60))
	sources["rgba sub-image"] = rgba.SubImage(image.Rect(7, 1, 80, 55))
	neg := image.NewRGBA(image.Rect(-7, -3, 90, 58))
	for y := -3; y < 58; y++ {
		for x := -7; x < 90; x++ {
			neg.Set(x, y, fix.At(x+7, y+3))
		}
	}
	sources["rgba negative origin (generic path)"] = neg

	for name, src := range sources {
		for _, size := range [][2]int{{24, 16}, {10, 3}, {1, 1}, {src.Bounds().Dx(), src.Bounds().Dy()}} {
			got := scale(src, size[0], size[1])
			want := refScale(src, size[0], size[1])
			tol := 1
			switch src.(type) {
			case *image.YCbCr, *image.NYCbCrA:
				want = refScaleYCC(src, size[0], size[1])
				// Rounding of the averages may differ by one level.
				tol = 2
			}
			worst, total := 0, 0
			for i := range got.Pix {
				d := int(got.Pix[i]) - int(want.Pix[i])
				worst, total = max(worst, d, -d), total+max(d, -d)
			}
			if worst > tol || float64(total)/float64(len(got.Pix)) > 1 {
				t.Errorf("%s %v: worst difference %d, mean %.2f", name, size, worst, float64(total)/float64(len(got.Pix)))
			}
		}
	}
}

func TestScaleUpUsesNearest(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 2, 1))
	src.Set(0, 0, color.RGBA{255, 0, 0, 255})
	src.Set(1, 0, color.RGBA{0, 0, 255, 255})
	got := scale(src, 4, 2)
	for y := 0; y < 2; y++ {
		for x := 0; x < 4; x++ {
			want := color.RGBA{255, 0, 0, 255}
			if x >= 2 {
				want = color.RGBA{0, 0, 255, 255}
			}
			if c := got.RGBAAt(x, y); c != want {
				t.Errorf("%d,%d = %v, want %v", x, y, c, want)
			}
		}
	}
}

func TestTransparencyIsWhite(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 4, 4)) // all transparent black
	if c := scale(src, 2, 2).RGBAAt(0, 0); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("transparent pixel = %v, want white", c)
	}
}

func TestChoose(t *testing.T) {
	tests := []struct {
		p    colorprofile.Profile
		want Renderer
		env  string
		out  Renderer
	}{
		{colorprofile.TrueColor, RendererAuto, "", RendererBlocks},
		{colorprofile.ANSI256, RendererAuto, "", RendererBlocks},
		{colorprofile.ANSI, RendererAuto, "", RendererASCII},
		{colorprofile.ASCII, RendererAuto, "", RendererASCII},
		{colorprofile.NoTTY, RendererAuto, "", RendererASCII},
		{colorprofile.Unknown, RendererAuto, "", RendererASCII},
		{colorprofile.TrueColor, RendererAuto, "ascii", RendererASCII},
		{colorprofile.TrueColor, RendererAuto, " ASCII ", RendererASCII},
		{colorprofile.ANSI, RendererAuto, "blocks", RendererBlocks},
		{colorprofile.ASCII, RendererAuto, "blocks", RendererASCII}, // "▀" without colour shows nothing
		{colorprofile.TrueColor, RendererAuto, "sixel", RendererBlocks},
		{colorprofile.TrueColor, RendererASCII, "blocks", RendererASCII}, // the caller's choice wins
	}
	for _, tt := range tests {
		if got := Choose(tt.p, tt.want, tt.env); got != tt.out {
			t.Errorf("Choose(%v, %v, %q) = %v, want %v", tt.p, tt.want, tt.env, got, tt.out)
		}
	}
}

func TestPalettes(t *testing.T) {
	tests := []struct {
		c         rgb
		c256, c16 int
	}{
		{rgb{0, 0, 0}, 16, 0},
		{rgb{255, 255, 255}, 231, 15},
		{rgb{255, 0, 0}, 196, 9},
		{rgb{128, 128, 128}, 244, 8},
		{rgb{0, 0, 238}, 21, 4},
		{rgb{95, 135, 175}, 67, 8},
	}
	for _, tt := range tests {
		if got := to256(tt.c); got != tt.c256 {
			t.Errorf("to256(%v) = %d, want %d", tt.c, got, tt.c256)
		}
		if got := to16(tt.c); got != tt.c16 {
			t.Errorf("to16(%v) = %d, want %d", tt.c, got, tt.c16)
		}
	}
}
