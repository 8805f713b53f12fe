package photo

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"runtime"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// png16 is a w×h 16-bit RGBA PNG (black), built chunk by chunk: a few
// kilobytes that decode to w*h*8 bytes, like the hostile photos.
func png16(t testing.TB, w, h int) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&out, binary.BigEndian, uint32(len(data)))
		c := append([]byte(typ), data...)
		out.Write(c)
		_ = binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	row := make([]byte, 1+w*8) // filter byte 0, then zeros
	for range h {
		if _, err := zw.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// liveHeap is the heap that survives a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestPreviewReleasesLargeImages: previewing several large photos (here
// 1000x1000 16-bit PNGs, 8 MB each decoded) keeps only their thumbnails
// and rendered text, not the decoded images: the live heap afterwards stays
// within a few MB of where it started, however many were shown.
func TestPreviewReleasesLargeImages(t *testing.T) {
	data := png16(t, 1000, 1000)
	p := NewPreviewer(Config{Getenv: noEnv})
	ctx := context.Background()
	base := liveHeap()
	for i := range 6 {
		f := &countingFetch{data: data, ct: "image/png"}
		src := Source{Key: fmt.Sprintf("big/%d", i), Fetch: f.fetch}
		if _, err := p.Preview(ctx, src, Options{Cols: 60, Rows: 20, Profile: colorprofile.TrueColor}); err != nil {
			t.Fatal(err)
		}
	}
	grew := int64(liveHeap()) - int64(base)
	if grew > 8<<20 {
		t.Errorf("after 6 previews the live heap grew by %d MB; the decoded images (8 MB each) were kept", grew>>20)
	}
	// A second look at the same sizes is served from the caches.
	f := &countingFetch{data: data, ct: "image/png"}
	if _, err := p.Preview(ctx, Source{Key: "big/0", Fetch: f.fetch}, Options{Cols: 60, Rows: 20, Profile: colorprofile.TrueColor}); err != nil || f.calls.Load() != 0 {
		t.Errorf("cached preview: %v, %d fetches", err, f.calls.Load())
	}
}

// BenchmarkPreviewLargeImages previews distinct 1500x1500 16-bit PNGs and
// reports the live heap after each round (live-MB), which must not grow
// with the number of photos shown.
func BenchmarkPreviewLargeImages(b *testing.B) {
	data := png16(b, 1500, 1500)
	p := NewPreviewer(Config{Getenv: noEnv})
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f := &countingFetch{data: data, ct: "image/png"}
		if _, err := p.Preview(ctx, Source{Key: fmt.Sprint("big/", i), Fetch: f.fetch}, Options{Cols: 60, Rows: 20, Profile: colorprofile.TrueColor}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(liveHeap())/(1<<20), "live-MB")
	runtime.KeepAlive(p)
}
