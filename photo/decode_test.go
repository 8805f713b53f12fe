package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"runtime"
	"strings"
	"testing"
)

// pngHeader is a PNG that is only a valid signature and IHDR chunk: enough
// for DecodeConfig to believe any size.
func pngHeader(w, h uint32) []byte { return pngHeaderDepth(w, h, 8) }

// pngHeaderDepth is pngHeader with a bit depth per channel (8 or 16).
func pngHeaderDepth(w, h uint32, depth byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, 6 // RGBA
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

var (
	pdfBytes  = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	mp4Bytes  = []byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'}
	heicBytes = []byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'}
)

func TestDecodeSupported(t *testing.T) {
	fix := drawFixture(32, 24, false)
	tests := []struct {
		name   string
		data   []byte
		ct     string
		format Format
		w, h   int
	}{
		{"jpeg", encodeJPEG(t, fix, 90), "image/jpeg", FormatJPEG, 32, 24},
		{"png", readFixture(t, fixturePNG), "image/png", FormatPNG, 32, 24},
		{"png with alpha", readFixture(t, fixtureAlphaPNG), "image/png", FormatPNG, 32, 24},
		{"gif first frame", encodeGIF(t), "image/gif", FormatGIF, 20, 12},
		{"webp lossless", readFixture(t, fixtureWebP), "image/webp", FormatWebP, 32, 24},
		{"webp lossy", readFixture(t, fixtureWebPLossy), "image/webp", FormatWebP, 32, 24},
		{"webp with alpha", readFixture(t, fixtureWebPAlpha), "image/webp", FormatWebP, 32, 24},
		// The bytes decide: YM may say octet-stream, a CDN may lie, a URL
		// ending in .webp may serve a PNG.
		{"png sent as image/jpeg", readFixture(t, fixturePNG), "image/jpeg", FormatPNG, 32, 24},
		{"jpeg sent as octet-stream", encodeJPEG(t, fix, 90), "application/octet-stream", FormatJPEG, 32, 24},
		{"webp sent without a type", readFixture(t, fixtureWebP), "", FormatWebP, 32, 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, f, err := Decode(tt.data, tt.ct)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if f != tt.format {
				t.Errorf("format = %v, want %v", f, tt.format)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Errorf("size = %v, want %dx%d", b, tt.w, tt.h)
			}
		})
	}
}

func TestDecodeGIFShowsFirstFrame(t *testing.T) {
	img, _, err := Decode(encodeGIF(t), "image/gif")
	if err != nil {
		t.Fatal(err)
	}
	// Frame 1 has a red disc on white; frame 2 is solid blue.
	r, g, b, _ := img.At(10, 6).RGBA()
	if r>>8 != 200 || g>>8 != 30 || b>>8 != 30 {
		t.Errorf("centre = %d,%d,%d, want the first frame's red", r>>8, g>>8, b>>8)
	}
}

func TestDecodeWebPLosslessMatchesPNG(t *testing.T) {
	w, _, err := Decode(readFixture(t, fixtureWebP), "")
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := Decode(readFixture(t, fixturePNG), "")
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 24; y++ {
		for x := 0; x < 32; x++ {
			if a, b := rgbOverWhite(w.At(x, y)), rgbOverWhite(p.At(x, y)); a != b {
				t.Fatalf("pixel %d,%d: webp %v, png %v", x, y, a, b)
			}
		}
	}
}

func TestDecodeHostile(t *testing.T) {
	jpg := encodeJPEG(t, drawFixture(64, 48, false), 85)
	png := readFixture(t, fixturePNG)
	webp := readFixture(t, fixtureWebPLossy)
	gif := encodeGIF(t)
	damaged := append([]byte{}, jpg...)
	for i := 200; i < len(damaged)-10; i += 7 {
		damaged[i] = 0xFF // markers everywhere; the EOI is kept
	}
	tests := []struct {
		name string
		data []byte
		ct   string
		want Reason
	}{
		{"empty body", nil, "image/jpeg", ReasonEmpty},
		{"zero-length body", []byte{}, "", ReasonEmpty},
		{"truncated jpeg", jpg[:len(jpg)/2], "image/jpeg", ReasonTruncated},
		{"jpeg cut after the header", jpg[:10], "image/jpeg", ReasonTruncated},
		{"truncated png", png[:len(png)/2], "image/png", ReasonTruncated},
		{"truncated webp", webp[:len(webp)/2], "image/webp", ReasonTruncated},
		{"truncated gif", gif[:len(gif)/2], "image/gif", ReasonTruncated},
		{"damaged jpeg", damaged, "image/jpeg", ReasonCorrupt},
		{"png header claiming 30000x30000", pngHeader(30000, 30000), "image/png", ReasonTooManyPixels},
		{"png header claiming 8001x8000", pngHeader(8001, 8000), "image/png", ReasonTooManyPixels},
		{"png header claiming 0x10", pngHeader(0, 10), "image/png", ReasonBadSize},
		{"png header claiming 2^31 wide", pngHeader(1<<31, 1), "image/png", ReasonBadSize},
		{"gif of 0x0", []byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"), "image/gif", ReasonBadSize},
		{"pdf", pdfBytes, "application/pdf", ReasonPDF},
		{"pdf sent as image/jpeg", pdfBytes, "image/jpeg", ReasonPDF},
		{"mp4", mp4Bytes, "video/mp4", ReasonVideo},
		{"video by content type only", []byte("\x00\x00\x00\x08moov????"), "video/quicktime", ReasonVideo},
		{"webm", []byte{0x1A, 0x45, 0xDF, 0xA3, 1, 2, 3}, "", ReasonVideo},
		{"heic", heicBytes, "image/heic", ReasonUnsupportedImage},
		{"bmp", append([]byte("BM"), make([]byte, 60)...), "image/bmp", ReasonUnsupportedImage},
		{"html error page", []byte("<html><body>502 Bad Gateway</body></html>"), "text/html", ReasonUnsupported},
		{"json error", []byte(`{"status":"ERROR"}`), "image/jpeg", ReasonUnsupported},
		{"50 MB + 1", append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, MaxBytes-2)...), "image/jpeg", ReasonTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, _, err := Decode(tt.data, tt.ct)
			if img != nil {
				t.Fatalf("got an image %v", img.Bounds())
			}
			if got := ReasonOf(err); got != tt.want {
				t.Fatalf("reason = %s (%v), want %s", got.Code(), err, tt.want.Code())
			}
			msg := err.Error()
			if msg == "" || strings.ContainsAny(msg, "\n\r") {
				t.Errorf("error %q is not one line", msg)
			}
		})
	}
}

func TestDecodeExactly50MBIsNotTooLarge(t *testing.T) {
	data := append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, MaxBytes-3)...)
	_, _, err := Decode(data, "image/jpeg")
	if r := ReasonOf(err); r == ReasonTooLarge || r == ReasonNone {
		t.Fatalf("reason = %s (%v): the size limit must be inclusive and the garbage refused", r.Code(), err)
	}
}

func TestDecodeLimits(t *testing.T) {
	png := readFixture(t, fixturePNG) // 32x24 = 768 px
	if _, _, err := DecodeLimited(png, "", Limits{MaxPixels: 767}); ReasonOf(err) != ReasonTooManyPixels {
		t.Errorf("767 px limit: %v", err)
	}
	if _, _, err := DecodeLimited(png, "", Limits{MaxPixels: 768}); err != nil {
		t.Errorf("768 px limit: %v", err)
	}
	if _, _, err := DecodeLimited(png, "", Limits{MaxBytes: int64(len(png) - 1)}); ReasonOf(err) != ReasonTooLarge {
		t.Errorf("byte limit: %v", err)
	}
}

// TestDecodeRefusesMemoryHungryHeaders: the size in memory is computed
// from the header (dimensions × bytes per pixel of the colour model)
// before anything is decoded; a 7999x7999 16-bit PNG is under the pixel
// limit but would take 512 MB.
func TestDecodeRefusesMemoryHungryHeaders(t *testing.T) {
	hungry := pngHeaderDepth(7999, 7999, 16)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	img, _, err := Decode(hungry, "image/png")
	runtime.ReadMemStats(&after)
	if img != nil || ReasonOf(err) != ReasonTooMuchMemory {
		t.Fatalf("7999x7999 16-bit PNG: %v, reason %s (%v)", img != nil, ReasonOf(err).Code(), err)
	}
	if got := err.Error(); got != ReasonTooMuchMemory.String()+": 7999×7999: 489 MB decoded" {
		t.Errorf("reason = %q", got)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("refusing the header allocated %d bytes", grew)
	}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want Reason
	}{
		{"8-bit 5000x5000 RGBA is 95 MB", pngHeader(5000, 5000), Limits{}, ReasonTruncated},
		{"16-bit 4000x4000 RGBA is 122 MB", pngHeaderDepth(4000, 4000, 16), Limits{}, ReasonTruncated},
		{"16-bit 4100x4100 RGBA is 128.3 MB", pngHeaderDepth(4100, 4100, 16), Limits{}, ReasonTooMuchMemory},
		{"8-bit 7999x7999 RGBA is 244 MB", pngHeader(7999, 7999), Limits{}, ReasonTooMuchMemory},
		{"the fixture under a tight limit", readFixture(t, fixturePNG), Limits{MaxDecodedBytes: 32*24*4 - 1}, ReasonTooMuchMemory},
		{"the fixture at its size", readFixture(t, fixturePNG), Limits{MaxDecodedBytes: 32 * 24 * 4}, ReasonNone},
	}
	for _, tt := range tests {
		_, _, err := DecodeLimited(tt.data, "image/png", tt.lim)
		if got := ReasonOf(err); got != tt.want {
			t.Errorf("%s: reason %s (%v), want %s", tt.name, got.Code(), err, tt.want.Code())
		}
	}
}

// jpegHeader is a JPEG that is only SOI, a frame header (SOF0, or SOF2
// when progressive) with components at the given sampling factors, and
// the start of a scan (DecodeConfig reads up to it).
func jpegHeader(w, h int, progressive bool, sampling ...byte) []byte {
	marker := byte(0xC0)
	if progressive {
		marker = 0xC2
	}
	seg := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(len(sampling))}
	for i, s := range sampling {
		seg = append(seg, byte(i+1), s, 0)
	}
	out := []byte{0xFF, 0xD8, 0xFF, marker, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out = append(out, seg...)
	sos := []byte{byte(len(sampling))}
	for i := range sampling {
		sos = append(sos, byte(i+1), 0)
	}
	sos = append(sos, 0, 63, 0)
	out = append(out, 0xFF, 0xDA, 0, byte(len(sos)+2))
	return append(out, sos...)
}

// TestDecodeJPEGMemoryBySubsampling: a JPEG's decoded size comes from its
// frame header: phone photos (4:2:0, 1.5 bytes a pixel) of 48 megapixels
// pass, the same size at 4:4:4 or progressive (coefficients kept) do not.
func TestDecodeJPEGMemoryBySubsampling(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want int64
		ok   bool
	}{
		{"48 MP 4:2:0", jpegHeader(8000, 6000, false, 0x22, 0x11, 0x11), 8000 * 6000 * 3 / 2, true},
		{"48 MP 4:4:4", jpegHeader(8000, 6000, false, 0x11, 0x11, 0x11), 8000 * 6000 * 3, true},
		{"24 MP progressive 4:2:0", jpegHeader(6000, 4000, true, 0x22, 0x11, 0x11), 6000 * 4000 * 3 / 2 * 5, true},
		{"padded to whole blocks", jpegHeader(17, 9, false, 0x22, 0x11, 0x11), 32*16 + 2*16*8, true},
		{"grey", jpegHeader(100, 100, false, 0x11), 100 * 100, true},
		{"no frame header", []byte{0xFF, 0xD8, 0xFF, 0xDA, 0, 2}, 0, false},
		{"cut short", jpegHeader(100, 100, false, 0x11)[:8], 0, false},
	}
	for _, tt := range tests {
		if got, ok := jpegDecodedBytes(tt.data); got != tt.want || ok != tt.ok {
			t.Errorf("%s: %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	for _, tt := range []struct {
		name string
		data []byte
		want Reason
	}{
		{"48 MP 4:2:0 is 69 MB", jpegHeader(8000, 6000, false, 0x22, 0x11, 0x11), ReasonTruncated},
		{"48 MP 4:4:4 is 137 MB", jpegHeader(8000, 6000, false, 0x11, 0x11, 0x11), ReasonTooMuchMemory},
		{"24 MP progressive is 172 MB", jpegHeader(6000, 4000, true, 0x22, 0x11, 0x11), ReasonTooMuchMemory},
	} {
		if _, _, err := Decode(tt.data, "image/jpeg"); ReasonOf(err) != tt.want {
			t.Errorf("%s: %s (%v), want %s", tt.name, ReasonOf(err).Code(), err, tt.want.Code())
		}
	}
	// a real encoded 4:2:0 file at exactly its size passes the limit
	jpg := encodeJPEG(t, drawFixture(64, 48, false), 85)
	if _, _, err := DecodeLimited(jpg, "", Limits{MaxDecodedBytes: 64 * 48 * 3 / 2}); err != nil {
		t.Errorf("64x48 4:2:0 at its size: %v", err)
	}
	if _, _, err := DecodeLimited(jpg, "", Limits{MaxDecodedBytes: 64*48*3/2 - 1}); ReasonOf(err) != ReasonTooMuchMemory {
		t.Errorf("64x48 4:2:0 one byte over: %v", err)
	}
}

func TestGuardedRecoversPanics(t *testing.T) {
	img, err := guarded(func() (image.Image, error) { panic("index out of range") })
	if img != nil || !errors.Is(err, errPanic) {
		t.Fatalf("guarded = %v, %v", img, err)
	}
	if r := decodeFailure(FormatJPEG, []byte{0xFF, 0xD8, 0xFF, 0xD9}, err).Reason; r != ReasonCorrupt {
		t.Errorf("a panic is reported as %s", r.Code())
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data []byte
		want Format
	}{
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0}, FormatJPEG},
		{[]byte("\x89PNG\r\n\x1a\n"), FormatPNG},
		{[]byte("GIF87a"), FormatGIF},
		{[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), FormatWebP},
		{[]byte("RIFF\x00\x00\x00\x00WAVEfmt "), FormatUnknown},
		{pdfBytes, FormatPDF},
		{mp4Bytes, FormatMP4},
		{heicBytes, FormatHEIF},
		{[]byte("II*\x00"), FormatTIFF},
		{[]byte("hello"), FormatUnknown},
		{nil, FormatUnknown},
	}
	for _, tt := range tests {
		if got := Sniff(tt.data); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func TestReasonTexts(t *testing.T) {
	codes := map[string]bool{}
	for r := ReasonNone; r <= ReasonTooMuchMemory; r++ {
		if _, ok := reasonTexts[r]; !ok {
			t.Errorf("reason %d has no text", r)
			continue
		}
		if r.String() == "" || r.Russian() == "" || r.Russian() == r.String() {
			t.Errorf("%s: en %q ru %q", r.Code(), r.String(), r.Russian())
		}
		if codes[r.Code()] {
			t.Errorf("duplicate code %s", r.Code())
		}
		codes[r.Code()] = true
	}
	if got := Reason(999).Code(); got != "unknown" {
		t.Errorf("unknown reason code %q", got)
	}
	e := fail(ReasonFetch, errors.New("cannot reach Wildberries:\ntimed out"))
	if got := e.Error(); got != "the photo could not be downloaded: cannot reach Wildberries: timed out" {
		t.Errorf("fetch error = %q", got)
	}
	if got := fail(ReasonCorrupt, errors.New("invalid JPEG format: missing SOI marker")).Error(); got != ReasonCorrupt.String() {
		t.Errorf("decoder jargon leaked: %q", got)
	}
}
