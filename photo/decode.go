package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"golang.org/x/image/webp"
)

// Guards against hostile or absurd input.
const (
	// MaxBytes is Yandex Market's documented maximum for a return photo.
	MaxBytes = 50 << 20
	// MaxPixels bounds what a header may claim before anything is
	// allocated: a 30000x30000 PNG is a few hundred bytes on the wire and
	// 3.6 GB in memory.
	MaxPixels = 64_000_000
	// MaxDecodedBytes bounds the memory one decoded image may take. The
	// pixel limit alone is not enough: a 497 KB 7999x7999 16-bit PNG is
	// under 64 megapixels but decodes to 512 MB.
	MaxDecodedBytes = 128 << 20
)

// Limits overrides the guards (tests use small numbers).
type Limits struct {
	MaxBytes        int64
	MaxPixels       int64
	MaxDecodedBytes int64
}

func (l Limits) orDefault() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = MaxBytes
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = MaxPixels
	}
	if l.MaxDecodedBytes <= 0 {
		l.MaxDecodedBytes = MaxDecodedBytes
	}
	return l
}

type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// codecs are called directly rather than through image.Decode so that a
// format registered by some other import can never be picked by its magic.
var codecs = map[Format]codec{
	FormatJPEG: {jpeg.DecodeConfig, jpeg.Decode},
	FormatPNG:  {png.DecodeConfig, png.Decode},
	FormatGIF:  {gif.DecodeConfig, gif.Decode}, // gif.Decode returns the first frame
	FormatWebP: {webp.DecodeConfig, webp.Decode},
}

// Decode turns bytes into an image with the default limits. It never
// panics: every failure is an *Error with a Reason.
func Decode(data []byte, contentType string) (image.Image, Format, error) {
	return DecodeLimited(data, contentType, Limits{})
}

// DecodeLimited is Decode with explicit limits.
func DecodeLimited(data []byte, contentType string, lim Limits) (image.Image, Format, error) {
	lim = lim.orDefault()
	if len(data) == 0 {
		return nil, FormatUnknown, fail(ReasonEmpty, nil)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, FormatUnknown, fail(ReasonTooLarge, fmt.Errorf("%d bytes", len(data)))
	}
	f := Identify(data, contentType)
	if err := notRenderable(f); err != nil {
		return nil, f, err
	}
	c := codecs[f]
	cfg, err := guarded(func() (image.Config, error) { return c.config(bytes.NewReader(data)) })
	if err != nil {
		return nil, f, decodeFailure(f, data, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, f, fail(ReasonBadSize, fmt.Errorf("%dx%d", cfg.Width, cfg.Height))
	}
	if int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
		return nil, f, fail(ReasonTooManyPixels, fmt.Errorf("%dx%d", cfg.Width, cfg.Height))
	}
	need := decodedBytes(cfg)
	if f == FormatJPEG {
		if n, ok := jpegDecodedBytes(data); ok {
			need = n
		}
	}
	if need > lim.MaxDecodedBytes {
		return nil, f, fail(ReasonTooMuchMemory, fmt.Errorf("%d×%d: %d MB decoded", cfg.Width, cfg.Height, (need+(1<<20)-1)>>20))
	}
	img, err := guarded(func() (image.Image, error) { return c.decode(bytes.NewReader(data)) })
	if err != nil {
		return nil, f, decodeFailure(f, data, err)
	}
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 || int64(b.Dx())*int64(b.Dy()) > lim.MaxPixels {
		return nil, f, fail(ReasonBadSize, fmt.Errorf("decoded %v", b))
	}
	return img, f, nil
}

// decodedBytes is what decoding an image of this header will allocate,
// known before anything is allocated.
func decodedBytes(cfg image.Config) int64 {
	return int64(cfg.Width) * int64(cfg.Height) * bytesPerPixel(cfg.ColorModel)
}

// jpegDecodedBytes is what image/jpeg allocates for this file, from its
// frame header: the luma plane plus chroma planes at their subsampling
// (a 4:2:0 photo is 1.5 bytes per pixel, not the 3 of 4:4:4), padded to
// whole blocks as the decoder pads them. ok is false when no frame header
// is found before the scan; the colour model's worst case applies then.
func jpegDecodedBytes(data []byte) (n int64, ok bool) {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 0, false
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		size := int(data[i+2])<<8 | int(data[i+3])
		if size < 2 || i+2+size > len(data) {
			return 0, false
		}
		seg := data[i+4 : i+2+size]
		switch {
		case marker == 0xDA: // start of scan: no frame header came first
			return 0, false
		case marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			n, ok := sofBytes(seg)
			if marker&0x03 == 0x02 {
				// progressive: image/jpeg also keeps every block's 64
				// int32 coefficients until the last scan, 4 bytes a sample
				n *= 5
			}
			return n, ok
		}
		i += 2 + size
	}
	return 0, false
}

// sofBytes sizes the planes a frame header describes.
func sofBytes(seg []byte) (int64, bool) {
	if len(seg) < 6 {
		return 0, false
	}
	h, w, nc := int64(seg[1])<<8|int64(seg[2]), int64(seg[3])<<8|int64(seg[4]), int(seg[5])
	if len(seg) < 6+3*nc || nc == 0 {
		return 0, false
	}
	var hmax, vmax int64 = 1, 1
	for c := range nc {
		s := seg[6+3*c+1]
		hmax, vmax = max(hmax, int64(s>>4)), max(vmax, int64(s&0x0F))
	}
	if nc != 3 {
		// grey is one plane; CMYK/YCCK (4) decode to 4 bytes per pixel
		return w * h * int64(nc), true
	}
	mcuW, mcuH := 8*hmax, 8*vmax
	pw, ph := (w+mcuW-1)/mcuW*mcuW, (h+mcuH-1)/mcuH*mcuH
	var total int64
	for c := range nc {
		s := seg[6+3*c+1]
		hs, vs := max(int64(s>>4), 1), max(int64(s&0x0F), 1)
		total += (pw * hs / hmax) * (ph * vs / vmax)
	}
	return total, true
}

// bytesPerPixel is the size of one pixel of the image type each decoder
// returns for a colour model; unknown models count as the widest (8).
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4, the largest subsampling JPEG and WebP give
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel, color.NYCbCrAModel:
		return 4
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8
}

func notRenderable(f Format) error {
	switch {
	case f.Renderable():
		return nil
	case f == FormatPDF:
		return fail(ReasonPDF, nil)
	case f == FormatMP4 || f == FormatWebM:
		return fail(ReasonVideo, nil)
	case f == FormatHEIF || f == FormatBMP || f == FormatTIFF:
		return fail(ReasonUnsupportedImage, fmt.Errorf("%s", f))
	}
	return fail(ReasonUnsupported, nil)
}

var errPanic = errors.New("decoder panicked")

// guarded turns a decoder panic (a bug exposed by hostile input) into an
// error instead of taking the whole TUI down.
func guarded[T any](fn func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			v, err = zero, fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	return fn()
}

// decodeFailure tells a cut-short download from damaged data. Decoders
// report truncation inconsistently ("unexpected EOF", "short Huffman
// data", "not enough pixel data"), so the file's own end marker decides
// when there is one.
func decodeFailure(f Format, data []byte, err error) *Error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "dimension"):
		return fail(ReasonBadSize, err) // png: "non-positive dimension", "dimension overflow"
	case missingEnd(f, data),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), strings.Contains(msg, "unexpected EOF"):
		return fail(ReasonTruncated, err)
	}
	return fail(ReasonCorrupt, err)
}

// missingEnd reports that a file stops before its format's end: JPEG's EOI
// marker, PNG's IEND chunk, GIF's trailer, or the length in WebP's RIFF
// header.
func missingEnd(f Format, data []byte) bool {
	tail := data[max(0, len(data)-64):]
	switch f {
	case FormatJPEG:
		return !bytes.Contains(tail, []byte{0xFF, 0xD9})
	case FormatPNG:
		return !bytes.Contains(tail, []byte("IEND"))
	case FormatGIF:
		return !bytes.Contains(tail, []byte{0x3B})
	case FormatWebP:
		return len(data) >= 8 && int64(len(data)) < 8+int64(binary.LittleEndian.Uint32(data[4:8]))
	}
	return false
}
