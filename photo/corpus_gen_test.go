package photo

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/fuzz/FuzzDecode")

// hostileSeeds are the committed fuzz seeds: each is a hostile case that
// must keep producing its reason, checked here on every run.
func hostileSeeds(t testing.TB) map[string]struct {
	data []byte
	ct   string
	want Reason
} {
	jpg := encodeJPEG(t, drawFixture(24, 16, false), 60)
	webp := readFixture(t, fixtureWebPLossy)
	return map[string]struct {
		data []byte
		ct   string
		want Reason
	}{
		"truncated-jpeg":     {jpg[:len(jpg)/2], "image/jpeg", ReasonTruncated},
		"png-30000x30000":    {pngHeader(30000, 30000), "image/png", ReasonTooManyPixels},
		"gif-0x0":            {[]byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"), "image/gif", ReasonBadSize},
		"truncated-webp":     {webp[:len(webp)/2], "image/webp", ReasonTruncated},
		"heic":               {heicBytes, "image/heic", ReasonUnsupportedImage},
		"mp4":                {mp4Bytes, "video/mp4", ReasonVideo},
		"pdf-as-jpeg":        {pdfBytes, "image/jpeg", ReasonPDF},
		"empty":              {[]byte{}, "", ReasonEmpty},
		"png-as-jpeg":        {readFixture(t, fixturePNG), "image/jpeg", ReasonNone},
		"webp-alpha-no-type": {readFixture(t, fixtureWebPAlpha), "", ReasonNone},
	}
}

// TestFuzzSeedCorpus checks that every committed seed still gives its
// reason (and rewrites them with -update-corpus). The files are read back
// rather than compared byte for byte, so a new Go JPEG encoder does not
// make them stale.
func TestFuzzSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	for name, s := range hostileSeeds(t) {
		path := filepath.Join(dir, name)
		if *updateCorpus {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nstring(%q)\n", s.data, s.ct)
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update-corpus)", err)
		}
		lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
		if len(lines) != 3 || lines[0] != "go test fuzz v1" {
			t.Fatalf("%s: not a fuzz corpus file", path)
		}
		data, err1 := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		ct, err2 := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[2], "string("), ")"))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", path, err1, err2)
		}
		_, _, derr := Decode([]byte(data), ct)
		if r := ReasonOf(derr); r != s.want {
			t.Errorf("%s: reason %s, want %s", name, r.Code(), s.want.Code())
		}
	}
}
