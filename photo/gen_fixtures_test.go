package photo

import (
	"bytes"
	"flag"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var updateFixtures = flag.Bool("update-fixtures", false, "rewrite the PNG fixtures under testdata")

// TestFixturesMatchGenerator keeps the committed PNGs tied to drawFixture
// (and rewrites them with -update-fixtures; the WebPs are then remade with
// the cwebp commands in testdata/README.md).
func TestFixturesMatchGenerator(t *testing.T) {
	for name, alpha := range map[string]bool{fixturePNG: false, fixtureAlphaPNG: true} {
		want := drawFixture(32, 24, alpha)
		path := filepath.Join("testdata", name)
		if *updateFixtures {
			if err := os.WriteFile(path, encodePNG(t, want), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := png.Decode(bytes.NewReader(readFixture(t, name)))
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < 24; y++ {
			for x := 0; x < 32; x++ {
				if c := color.NRGBAModel.Convert(got.At(x, y)); c != want.NRGBAAt(x, y) {
					t.Fatalf("%s differs from drawFixture at %d,%d; regenerate with -update-fixtures", name, x, y)
				}
			}
		}
	}
}
