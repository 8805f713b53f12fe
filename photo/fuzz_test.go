package photo

import (
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// FuzzDecode: whatever the bytes and the content type, Decode returns an
// image or a Reason, never both, never neither, never a panic. The seed
// corpus (testdata/fuzz/FuzzDecode) holds small valid files of every format
// so the fuzzer mutates real structure.
func FuzzDecode(f *testing.F) {
	f.Add(readFixture(f, fixturePNG), "image/png")
	f.Add(readFixture(f, fixtureWebP), "image/webp")
	f.Add(readFixture(f, fixtureWebPAlpha), "")
	f.Add(encodeGIF(f), "image/gif")
	f.Add(encodeJPEG(f, drawFixture(16, 8, false), 50), "application/octet-stream")
	f.Add(pngHeader(30000, 30000), "image/png")
	f.Add(pdfBytes, "application/pdf")
	f.Add(mp4Bytes, "video/mp4")
	f.Fuzz(func(t *testing.T, data []byte, ct string) {
		// Small limits keep each run fast; the logic is the same.
		img, format, err := DecodeLimited(data, ct, Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 20})
		switch {
		case err == nil && img == nil:
			t.Fatal("no image and no error")
		case err != nil && img != nil:
			t.Fatalf("both an image and %v", err)
		case err != nil:
			if r := ReasonOf(err); r == ReasonNone {
				t.Fatalf("error without a reason: %v", err)
			}
		default:
			b := img.Bounds()
			if b.Dx() <= 0 || b.Dy() <= 0 || b.Dx()*b.Dy() > 1<<20 || !format.Renderable() {
				t.Fatalf("image %v format %v", b, format)
			}
			// Whatever decodes must also scale and render.
			tw, th := fit(b.Dx(), b.Dy(), 12, 4, 2)
			if s := renderBlocks(colorprofile.ANSI256, scale(img, tw, th), 12); s == "" {
				t.Fatal("empty rendering")
			}
		}
	})
}
