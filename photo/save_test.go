package photo

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	long := strings.Repeat("фото", 100) + ".jpg"
	tests := []struct {
		in, ext, want string
	}{
		{"photo.jpg", ".jpg", "photo.jpg"},
		{"photo.jpg", ".png", "photo.png"}, // the bytes decide
		{"../../.bashrc", ".jpg", "bashrc.jpg"},
		{"../../.bashrc", ".bin", "bashrc.bin"},
		{`..\..\evil.exe`, ".jpg", "evil.jpg"},
		{"/etc/passwd", ".bin", "passwd.bin"},
		{"фото\x1b[2J.jpg", ".jpg", "фото.jpg"},
		{"a\u202egpj.exe", ".jpg", "agpj.jpg"},
		{"a\u202egpj.exe", ".bin", "agpj.bin"},
		{"invoice\u2066.pdf\u2069.exe", ".pdf", "invoice.pdf.pdf"},
		{"CON", ".jpg", "_CON.jpg"},
		{"con.txt", ".jpg", "_con.jpg"},
		{"LPT1", ".png", "_LPT1.png"},
		{"console", ".png", "console.png"},
		{`a<b>c:d"e|f?g*h.jpg`, ".jpg", "a_b_c_d_e_f_g_h.jpg"},
		{"tab\there\x00nul\x7fdel.jpg", ".jpg", "tabherenuldel.jpg"},
		{"zero\u200bwidth\ufeff.jpg", ".jpg", "zerowidth.jpg"},
		{"trailing dots... .jpg", ".jpg", "trailing dots.jpg"},
		{"  spaced   out  .jpg", ".jpg", "spaced out.jpg"},
		{"title\x1b]0;pwned\x07.jpg", ".jpg", "title.jpg"},
		{"link\x1b]8;;http://x\x1b\\text.jpg", ".jpg", "linktext.jpg"},
		{"ћирилица.jpg", ".jpg", "ћирилица.jpg"}, // UTF-8 with a 0x9b byte survives
		{"bad\xff\xfeutf8.jpg", ".jpg", "badutf8.jpg"},
		{"", ".jpg", "file.jpg"},
		{"...", ".jpg", "file.jpg"},
		{"/", ".jpg", "file.jpg"},
		{"photo.jpg", ".EXE", "photo.bin"}, // an extension must be ours
		{"photo.jpg", "", "photo.bin"},
		{"https://photos.wbstatic.net/claim/12/1.webp?token=abc", ".webp", "1.webp"},
	}
	for _, tt := range tests {
		if got := SafeName(tt.in, tt.ext); got != tt.want {
			t.Errorf("SafeName(%q, %q) = %q, want %q", tt.in, tt.ext, got, tt.want)
		}
	}
	got := SafeName(long, ".jpg")
	if len(got) > maxStemBytes+4 || !utf8.ValidString(got) || !strings.HasSuffix(got, ".jpg") {
		t.Errorf("long name: %d bytes, valid %v: %q", len(got), utf8.ValidString(got), got)
	}
}

func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"../../.bashrc", "CON", "a\u202egpj.exe", "фото\x1b[2J.jpg", `..\..\x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := SafeName(in, ".jpg")
		if !utf8.ValidString(got) || strings.ContainsAny(got, `/\<>:"|?*`) || strings.HasPrefix(got, ".") ||
			!strings.HasSuffix(got, ".jpg") || len(got) > maxStemBytes+5 || got == ".jpg" {
			t.Fatalf("SafeName(%q) = %q", in, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("SafeName(%q) = %q keeps %U", in, got, r)
			}
		}
	})
}

func TestSave(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Downloads", "sellerinbox")
	png := readFixture(t, fixturePNG)
	other := append(append([]byte(nil), png...), 0) // another file, the same name
	tests := []struct {
		name, ct string
		data     []byte
		want     string
		existed  bool
	}{
		{"photo.jpg", "image/jpeg", png, "photo.png", false}, // a PNG named .jpg
		{"photo.jpg", "image/jpeg", other, "photo-1.png", false},
		// the same bytes again: not another copy (each s made one)
		{"photo.jpg", "image/jpeg", png, "photo.png", true},
		{"photo.png", "", other, "photo-1.png", true},
		{"../../.bashrc", "text/plain", []byte("rm -rf ~"), "bashrc.bin", false},
		{"a\u202egpj.exe", "application/octet-stream", png, "agpj.png", false},
		{"заявление", "application/pdf", pdfBytes, "заявление.pdf", false},
		{"video", "video/mp4", mp4Bytes, "video.mp4", false},
	}
	for _, tt := range tests {
		path, existed, err := Save(dir, tt.name, tt.data, tt.ct)
		if err != nil {
			t.Fatalf("Save(%q): %v", tt.name, err)
		}
		if filepath.Dir(path) != dir || filepath.Base(path) != tt.want || existed != tt.existed {
			t.Errorf("Save(%q) = %q (existed %v), want %s (%v)", tt.name, path, existed, filepath.Join(dir, tt.want), tt.existed)
		}
		got, _ := os.ReadFile(path)
		if string(got) != string(tt.data) {
			t.Errorf("%s: content differs", path)
		}
		info, _ := os.Stat(path)
		if perm := info.Mode().Perm(); runtimeUnixPerms() && (perm&^0o644 != 0 || perm&0o600 != 0o600) {
			t.Errorf("%s: mode %v, want 0644 (less the umask)", path, perm)
		}
	}
	if info, _ := os.Stat(dir); runtimeUnixPerms() && info.Mode().Perm()&^0o755 != 0 {
		t.Errorf("dir mode %v", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 6 {
		t.Errorf("%d files saved, want 6 (no identical copies)", len(entries))
	}
	if _, _, err := Save(dir, "x", nil, "image/png"); ReasonOf(err) != ReasonEmpty {
		t.Errorf("empty save: %v", err)
	}
	if _, _, err := Save(filepath.Join(dir, "photo.png", "sub"), "x", png, ""); ReasonOf(err) != ReasonSaveFailed {
		t.Errorf("save under a file: %v", err)
	}
}

func TestSaveConcurrentNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	png := readFixture(t, fixturePNG)
	var wg sync.WaitGroup
	paths := make([]string, 10)
	for i := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// different bytes under one name: identical ones would share a file
			p, _, err := Save(dir, "same.png", append(append([]byte(nil), png...), byte(i)), "image/png")
			if err != nil {
				t.Error(err)
			}
			paths[i] = p
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			t.Errorf("two saves wrote %s", p)
		}
		seen[p] = true
	}
}
