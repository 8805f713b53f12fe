package photo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"sync"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

var (
	benchOnce sync.Once
	benchJPEG []byte
)

// benchPhoto is a 1600x1200 JPEG like a buyer's phone photo scaled by the
// marketplace: a gradient, a few shapes and some texture, encoded once.
func benchPhoto(b *testing.B) []byte {
	benchOnce.Do(func() {
		const w, h = 1600, 1200
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c := color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0x3f), 255}
				if dx, dy := x-800, y-600; dx*dx+dy*dy < 350*350 {
					c = color.RGBA{220, uint8(80 + dy/8), 60, 255}
				}
				if x > 200 && x < 500 && y > 150 && y < 400 {
					c = color.RGBA{30, 60, uint8(150 + (x+y)%100), 255}
				}
				if d := x - 2*y + 400; d > -6 && d < 6 {
					c = color.RGBA{15, 15, 15, 255}
				}
				img.SetRGBA(x, y, c)
			}
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
			panic(err)
		}
		benchJPEG = buf.Bytes()
	})
	return benchJPEG
}

// BenchmarkPhotoPreview: "first" is a photo never seen (decode, scale,
// render; caches cold), "cached" the same preview again (a pane re-shown),
// "resized" the decoded photo at a new size (a terminal resize).
// Targets: first <= 45 ms, cached <= 5 ms.
func BenchmarkPhotoPreview(b *testing.B) {
	data := benchPhoto(b)
	src := Source{Key: "bench", Fetch: func(context.Context) ([]byte, string, error) { return data, "image/jpeg", nil }}
	ctx := context.Background()
	for _, r := range []Renderer{RendererBlocks, RendererASCII} {
		opt := Options{Cols: 120, Rows: 40, Profile: colorprofile.TrueColor, Renderer: r}
		b.Run(r.String()+"/first", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p := NewPreviewer(Config{Getenv: noEnv})
				if _, err := p.Preview(ctx, src, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(r.String()+"/cached", func(b *testing.B) {
			p := NewPreviewer(Config{Getenv: noEnv})
			if _, err := p.Preview(ctx, src, opt); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Preview(ctx, src, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(r.String()+"/resized", func(b *testing.B) {
			p := NewPreviewer(Config{Getenv: noEnv})
			if _, err := p.Preview(ctx, src, opt); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				// Forget the thumbnail and the text, keep the decoded photo.
				p.thumbs = newLRU[thumbKey, *image.RGBA](256, 32<<20)
				p.renders = newLRU[renderKey, string](256, 32<<20)
				if _, err := p.Preview(ctx, src, Options{Cols: 100, Rows: 30, Profile: opt.Profile, Renderer: r}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
