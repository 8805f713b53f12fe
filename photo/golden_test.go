package photo

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

type renderCase struct {
	name     string
	renderer Renderer
	profile  colorprofile.Profile
}

var renderCases = []renderCase{
	{"blocks-truecolor", RendererBlocks, colorprofile.TrueColor},
	{"blocks-256", RendererBlocks, colorprofile.ANSI256},
	{"blocks-16", RendererBlocks, colorprofile.ANSI},
	{"ascii-256", RendererASCII, colorprofile.ANSI256},
	{"ascii-16", RendererASCII, colorprofile.ANSI},
	{"ascii-mono", RendererASCII, colorprofile.ASCII},
	{"auto-nocolor", RendererAuto, colorprofile.NoTTY},
}

func staticSource(key string, data []byte, ct string) Source {
	return Source{Key: key, Fetch: func(context.Context) ([]byte, string, error) { return data, ct, nil }}
}

func noEnv(string) string { return "" }

// TestGolden pins the previews of the fixtures. The WebP is lossless, so it
// must match the PNG's golden exactly.
func TestGolden(t *testing.T) {
	fixtures := []struct {
		golden, file string
		data         []byte
	}{
		{"fixture", fixturePNG, nil},
		{"fixture", fixtureWebP, nil},
		{"fixture-alpha", fixtureAlphaPNG, nil},
		{"gif", "", encodeGIF(t)},
	}
	p := NewPreviewer(Config{Getenv: noEnv})
	for _, fx := range fixtures {
		data := fx.data
		if fx.file != "" {
			data = readFixture(t, fx.file)
		}
		for _, rc := range renderCases {
			name := fx.golden + "-" + rc.name
			t.Run(name+"/"+fx.file, func(t *testing.T) {
				got, err := p.Preview(context.Background(), staticSource(name+fx.file, data, ""),
					Options{Cols: fixtureGoldenWidth, Rows: 8, Profile: rc.profile, Renderer: rc.renderer})
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", name+".golden"), got, fx.file != fixtureWebP)
			})
		}
	}
}

func checkGolden(t *testing.T, path, got string, mayWrite bool) {
	t.Helper()
	if *update && mayWrite {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		// A trailing newline keeps `cat` tidy; it is not part of the preview.
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got+"\n" != string(want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

var sgrOnly = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestPreviewShape checks every renderer and profile for the layout
// contract: no trailing newline, at most Rows lines, each exactly Cols
// cells as lipgloss measures them, and no escape other than SGR.
func TestPreviewShape(t *testing.T) {
	images := map[string][]byte{
		"landscape": encodeJPEG(t, drawFixture(400, 100, false), 80),
		"portrait":  encodePNG(t, drawFixture(90, 300, true)),
		"square":    readFixture(t, fixtureWebPAlpha),
		"tiny":      encodePNG(t, drawFixture(3, 2, false)),
		"one pixel": encodePNG(t, drawFixture(1, 1, false)),
	}
	boxes := [][2]int{{1, 1}, {2, 1}, {7, 3}, {24, 8}, {80, 1}, {120, 40}, {33, 17}}
	p := NewPreviewer(Config{Getenv: noEnv})
	for name, data := range images {
		for _, rc := range renderCases {
			for _, box := range boxes {
				cols, rows := box[0], box[1]
				got, err := p.Preview(context.Background(), staticSource(name, data, ""),
					Options{Cols: cols, Rows: rows, Profile: rc.profile, Renderer: rc.renderer})
				if err != nil {
					t.Fatalf("%s %s %dx%d: %v", name, rc.name, cols, rows, err)
				}
				if strings.HasSuffix(got, "\n") {
					t.Errorf("%s %s %dx%d: trailing newline", name, rc.name, cols, rows)
				}
				lines := strings.Split(got, "\n")
				if len(lines) > rows || len(lines) == 0 {
					t.Errorf("%s %s %dx%d: %d lines", name, rc.name, cols, rows, len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w != cols {
						t.Errorf("%s %s %dx%d: line %d is %d wide", name, rc.name, cols, rows, i, w)
					}
					if rest := sgrOnly.ReplaceAllString(l, ""); strings.ContainsAny(rest, "\x1b\x07\r\t") {
						t.Errorf("%s %s %dx%d: line %d has a non-SGR control: %q", name, rc.name, cols, rows, i, l)
					}
				}
				if rc.profile == colorprofile.ASCII || rc.profile == colorprofile.NoTTY {
					if strings.Contains(got, "\x1b") {
						t.Errorf("%s %s: escapes without colours", name, rc.name)
					}
				}
			}
		}
	}
}

// TestPreviewFillsTheBox: a 4:3 photo into 120x40 cells fills the height
// and keeps its proportions (a cell is twice as tall as wide).
func TestPreviewFillsTheBox(t *testing.T) {
	data := encodeJPEG(t, drawFixture(1600, 1200, false), 80)
	p := NewPreviewer(Config{Getenv: noEnv})
	for _, r := range []Renderer{RendererBlocks, RendererASCII} {
		got, err := p.Preview(context.Background(), staticSource("4:3", data, "image/jpeg"),
			Options{Cols: 120, Rows: 40, Profile: colorprofile.TrueColor, Renderer: r})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(got, "\n")
		if len(lines) != 40 {
			t.Errorf("%v: %d lines, want 40", r, len(lines))
		}
		// 40 rows are 80 cell-widths tall, so 4:3 is ~107 cells wide.
		lead := len(sgrOnly.ReplaceAllString(lines[0], "")) - len(strings.TrimLeft(sgrOnly.ReplaceAllString(lines[0], ""), " "))
		if lead != (120-107)/2 {
			t.Errorf("%v: left margin %d, want %d", r, lead, (120-107)/2)
		}
	}
}
