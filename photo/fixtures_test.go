package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// drawFixture paints a deterministic "product shot": a vertical gradient,
// a shaded disc, a dark diagonal scratch and, when alpha is set, a fully
// transparent left band and a half-transparent top band.
func drawFixture(w, h int, alpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	cx, cy, r := w/2, h/2, min(w, h)/3
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{uint8(40 + 200*y/h), uint8(90 + 100*x/w), 200, 255}
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy < r*r {
				c = color.NRGBA{uint8(220 - 3*(dx+r)), uint8(60 + 2*(dy+r)), 40, 255}
			}
			if d := x - y; d > -2 && d < 2 {
				c = color.NRGBA{20, 20, 20, 255}
			}
			if alpha && x < w/6 {
				c.A = 0
			} else if alpha && y < h/6 {
				c.A = 128
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// encodeGIF makes a two-frame animation; only the first frame (the disc)
// must be shown.
func encodeGIF(t testing.TB) []byte {
	t.Helper()
	pal := color.Palette{color.White, color.Black, color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255}}
	f1 := image.NewPaletted(image.Rect(0, 0, 20, 12), pal)
	f2 := image.NewPaletted(image.Rect(0, 0, 20, 12), pal)
	for y := 0; y < 12; y++ {
		for x := 0; x < 20; x++ {
			if (x-10)*(x-10)+(y-6)*(y-6)*4 < 40 {
				f1.SetColorIndex(x, y, 2)
			}
			f2.SetColorIndex(x, y, 3)
		}
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{f1, f2}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Fixture files, made once and committed (see testdata/README.md).
const (
	fixturePNG         = "fixture.png"        // drawFixture(32, 24, false)
	fixtureAlphaPNG    = "fixture-alpha.png"  // drawFixture(32, 24, true)
	fixtureWebP        = "fixture.webp"       // cwebp -lossless fixture.png
	fixtureWebPLossy   = "fixture-lossy.webp" // cwebp -q 80 fixture.png
	fixtureWebPAlpha   = "fixture-alpha.webp" // cwebp -q 80 -alpha_q 100 fixture-alpha.png
	fixtureGoldenWidth = 24
)
