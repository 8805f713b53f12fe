package photo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
)

func TestOpenerCommand(t *testing.T) {
	tests := []struct {
		goos, name string
		args       []string
	}{
		{"linux", "xdg-open", []string{"/tmp/a b.jpg"}},
		{"freebsd", "xdg-open", []string{"/tmp/a b.jpg"}},
		{"darwin", "open", []string{"/tmp/a b.jpg"}},
		{"windows", "rundll32", []string{"url.dll,FileProtocolHandler", "/tmp/a b.jpg"}},
	}
	for _, tt := range tests {
		name, args := OpenerCommand(tt.goos, "/tmp/a b.jpg")
		if name != tt.name || !reflect.DeepEqual(args, tt.args) {
			t.Errorf("%s: %s %q", tt.goos, name, args)
		}
	}
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestHasDisplay(t *testing.T) {
	tests := []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"linux", map[string]string{"DISPLAY": ":0"}, true},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"linux", map[string]string{"SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"}, false},
		{"linux", nil, false},
		{"darwin", nil, true},
		{"darwin", map[string]string{"SSH_TTY": "/dev/ttys001"}, false},
		{"windows", nil, true},
	}
	for _, tt := range tests {
		o := Opener{GOOS: tt.goos, Getenv: envOf(tt.env)}
		if got := o.HasDisplay(); got != tt.want {
			t.Errorf("%s %v: %v", tt.goos, tt.env, got)
		}
	}
}

// TestOpenRunsOpenerWithExactArgv: the path is one argument, never a shell
// command line, and the viewer gets no terminal streams.
func TestOpenRunsOpenerWithExactArgv(t *testing.T) {
	dir := t.TempDir()
	// A name a shell would act on, if there were one.
	path := filepath.Join(dir, "a b; rm -rf ~ $(reboot) `id`.jpg")
	if err := os.WriteFile(path, readFixture(t, fixturePNG), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		var got *exec.Cmd
		o := Opener{GOOS: goos, Getenv: envOf(map[string]string{"DISPLAY": ":0"}),
			Start: func(c *exec.Cmd) error { got = c; return nil }}
		res, err := o.Open(path)
		if err != nil || !res.Launched || res.Path != path {
			t.Fatalf("%s: Open = %+v, %v", goos, res, err)
		}
		name, args := OpenerCommand(goos, path)
		if want := append([]string{name}, args...); !reflect.DeepEqual(got.Args, want) {
			t.Errorf("%s: argv %q, want %q", goos, got.Args, want)
		}
		if base := strings.TrimSuffix(filepath.Base(got.Path), ".exe"); base == "sh" || base == "bash" || base == "cmd" || base == "powershell" {
			t.Errorf("%s: run through a shell: %s", goos, got.Path)
		}
		if got.Stdin != nil || got.Stdout != nil || got.Stderr != nil {
			t.Errorf("%s: the viewer is attached to the terminal", goos)
		}
	}
}

func TestOpenRelativePathCannotBeAnOption(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("-h", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got *exec.Cmd
	o := Opener{GOOS: "linux", Getenv: envOf(map[string]string{"DISPLAY": ":0"}), Start: func(c *exec.Cmd) error { got = c; return nil }}
	if _, err := o.Open("-h"); err != nil {
		t.Fatal(err)
	}
	if arg := got.Args[len(got.Args)-1]; !filepath.IsAbs(arg) {
		t.Errorf("argument %q", arg)
	}
}

func TestOpenWithoutDisplaySaves(t *testing.T) {
	cache := t.TempDir()
	dl := filepath.Join(t.TempDir(), "dl")
	src := filepath.Join(cache, "0123abcd")
	if err := os.WriteFile(src, readFixture(t, fixturePNG), 0o600); err != nil {
		t.Fatal(err)
	}
	started := false
	o := Opener{GOOS: "linux", Getenv: envOf(map[string]string{"SSH_TTY": "/dev/pts/0"}), DownloadDir: dl,
		Hostname: func() (string, error) { return "seller-box", nil },
		Start:    func(*exec.Cmd) error { started = true; return nil }}
	res, err := o.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	if started || res.Launched || res.Why != ReasonNoDisplay {
		t.Errorf("Open = %+v, started %v", res, started)
	}
	if res.Path != filepath.Join(dl, "0123abcd.png") {
		t.Errorf("saved to %q", res.Path)
	}
	if _, err := os.Stat(res.Path); err != nil {
		t.Error(err)
	}
	wantLink := "\x1b]8;;file://seller-box" + filepath.ToSlash(res.Path) + "\x1b\\" + res.Path + "\x1b]8;;\x1b\\"
	if res.Link != wantLink {
		t.Errorf("link %q, want %q", res.Link, wantLink)
	}
	// Opening a file already in the download folder does not copy it.
	again, err := o.Open(res.Path)
	if err != nil || again.Path != res.Path {
		t.Errorf("second Open = %+v, %v", again, err)
	}
}

func TestOpenDataWithoutDisplay(t *testing.T) {
	dl := t.TempDir()
	o := Opener{GOOS: "linux", Getenv: envOf(nil), DownloadDir: dl, Hostname: func() (string, error) { return "h", nil }}
	res, err := o.OpenData("видео.mp4", mp4Bytes, "video/mp4")
	if err != nil || res.Launched || res.Path != filepath.Join(dl, "видео.mp4") || !strings.Contains(res.Link, "file://h/") {
		t.Fatalf("OpenData = %+v, %v", res, err)
	}
}

func TestOpenDataWithDisplayUsesScratch(t *testing.T) {
	scratch := t.TempDir()
	var args [][]string
	o := Opener{GOOS: "darwin", Getenv: envOf(nil), ScratchDir: scratch,
		Start: func(c *exec.Cmd) error { args = append(args, c.Args); return nil }}
	for i := 0; i < 2; i++ {
		res, err := o.OpenData("../заявление.pdf", pdfBytes, "application/pdf")
		if err != nil || !res.Launched {
			t.Fatalf("OpenData = %+v, %v", res, err)
		}
		if !strings.HasPrefix(res.Path, scratch) || filepath.Base(res.Path) != "заявление.pdf" {
			t.Errorf("opened %q", res.Path)
		}
	}
	if len(args) != 2 || args[0][1] != args[1][1] {
		t.Errorf("the same bytes were not reused: %q", args)
	}
	if _, err := o.OpenData("x", nil, ""); ReasonOf(err) != ReasonEmpty {
		t.Errorf("empty: %v", err)
	}
}

func TestOpenWithoutOpenerSaves(t *testing.T) {
	dl := t.TempDir()
	src := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(src, readFixture(t, fixturePNG), 0o644); err != nil {
		t.Fatal(err)
	}
	o := Opener{GOOS: "linux", Getenv: envOf(map[string]string{"DISPLAY": ":0"}), DownloadDir: dl,
		Command: func(string, string) (string, []string) { return "sellerinbox-no-such-opener", nil }}
	res, err := o.Open(src)
	if err != nil || res.Launched || res.Why != ReasonNoOpener || res.Path != filepath.Join(dl, "photo.png") {
		t.Fatalf("Open = %+v, %v", res, err)
	}
	if _, err := o.Open(filepath.Join(dl, "missing.jpg")); ReasonOf(err) != ReasonOpenFailed {
		t.Errorf("missing file: %v", err)
	}
	if _, err := o.Open(dl); ReasonOf(err) != ReasonOpenFailed {
		t.Errorf("a directory: %v", err)
	}
	failing := Opener{GOOS: "linux", Getenv: envOf(map[string]string{"DISPLAY": ":0"}), Start: func(*exec.Cmd) error { return errors.New("fork: resource busy") }}
	if _, err := failing.Open(src); ReasonOf(err) != ReasonOpenFailed || !strings.Contains(err.Error(), "resource busy") {
		t.Errorf("start failure: %v", err)
	}
}

const helperEnv = "SELLERINBOX_PHOTO_OPENER_HELPER"

// TestDetachedStartReal runs the default start path with this test binary
// as the "viewer": it must get the exact argv, /dev/null streams, and Open
// must return without waiting for it.
func TestDetachedStartReal(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	out := filepath.Join(t.TempDir(), "report")
	t.Setenv(helperEnv, out)
	file := filepath.Join(t.TempDir(), "a b.jpg")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := Opener{GOOS: "linux", Getenv: envOf(map[string]string{"DISPLAY": ":0"}),
		Command: func(_, path string) (string, []string) {
			return exe, []string{"-test.run=^TestOpenerHelperProcess$", "--", path}
		}}
	start := time.Now()
	res, err := o.Open(file)
	if err != nil || !res.Launched {
		t.Fatalf("Open = %+v, %v", res, err)
	}
	if d := time.Since(start); d > 400*time.Millisecond {
		t.Errorf("Open waited %v for the viewer (it sleeps 500 ms)", d)
	}
	var report []byte
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if report, err = os.ReadFile(out); err == nil && strings.HasSuffix(string(report), "end\n") {
			break
		}
	}
	want := "arg=" + file + "\nstdin=null\nstdout=null\nstderr=null\nend\n"
	if string(report) != want {
		t.Errorf("viewer saw:\n%s\nwant:\n%s", report, want)
	}
}

// TestOpenerHelperProcess is the fake viewer of TestDetachedStartReal; run
// directly it has nothing to check and returns at once.
func TestOpenerHelperProcess(t *testing.T) {
	out := os.Getenv(helperEnv)
	if out == "" {
		t.Skip("only runs as TestDetachedStartReal's child")
	}
	time.Sleep(500 * time.Millisecond) // a viewer lives on after Open returns
	var b strings.Builder
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	for _, a := range args {
		b.WriteString("arg=" + a + "\n")
	}
	null, _ := os.Stat(os.DevNull)
	for _, f := range []struct {
		name string
		f    *os.File
	}{{"stdin", os.Stdin}, {"stdout", os.Stdout}, {"stderr", os.Stderr}} {
		st, err := f.f.Stat()
		state := "terminal-or-pipe"
		if err == nil && os.SameFile(st, null) {
			state = "null"
		}
		b.WriteString(f.name + "=" + state + "\n")
	}
	b.WriteString("end\n")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHyperlink(t *testing.T) {
	tests := []struct{ path, host, want string }{
		{"/home/u/Downloads/sellerinbox/фото 1.jpg", "box", "\x1b]8;;file://box/home/u/Downloads/sellerinbox/%D1%84%D0%BE%D1%82%D0%BE%201.jpg\x1b\\/home/u/Downloads/sellerinbox/фото 1.jpg\x1b]8;;\x1b\\"},
		{"/tmp/a\x1b]8;;x\x07.jpg", "evil host\x1b", "\x1b]8;;file:///tmp/a%1B%5D8;;x%07.jpg\x1b\\/tmp/a]8;;x.jpg\x1b]8;;\x1b\\"},
	}
	for _, tt := range tests {
		got := Hyperlink(tt.path, tt.host)
		if got != tt.want {
			t.Errorf("Hyperlink(%q, %q) =\n%q\nwant\n%q", tt.path, tt.host, got, tt.want)
		}
		if w, pw := lipgloss.Width(got), lipgloss.Width(strings.Map(func(r rune) rune {
			if r < 0x20 {
				return -1
			}
			return r
		}, tt.path)); w != pw {
			t.Errorf("link measures %d cells, the path %d", w, pw)
		}
	}
}
