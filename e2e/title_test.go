package e2e

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestWindowTitleComesBack: Bubble Tea clears the window title it set when
// the program ends, which left the user's terminal with an empty title.
// The binary saves the terminal's title on its stack before the first
// frame and restores it after the last one, so the terminal shows what it
// showed before.
func TestWindowTitleComesBack(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(binary, "--demo", "--lang", "en")
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=en_US.UTF-8",
		"SELLERINBOX_KEYRING=off", "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".state"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share")}
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var mu sync.Mutex
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	const (
		push     = "\x1b[22;0t"
		pop      = "\x1b[23;0t"
		setTitle = "\x1b]2;sellerinbox"
		clear    = "\x1b]2;\x07"
	)
	seen := func(s string) bool {
		mu.Lock()
		defer mu.Unlock()
		return bytes.Contains(out.Bytes(), []byte(s))
	}
	for deadline := time.Now().Add(30 * time.Second); !seen(setTitle); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the app set no window title within 30s; output:\n%q", out.String())
		}
	}
	if _, err := io.WriteString(f, "q"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the app ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("q did not end the app within 30s")
	}
	select {
	case <-read:
	case <-time.After(5 * time.Second):
	}
	mu.Lock()
	got := out.String()
	mu.Unlock()
	ip, is := bytes.Index([]byte(got), []byte(push)), bytes.Index([]byte(got), []byte(setTitle))
	ic, iq := bytes.LastIndex([]byte(got), []byte(clear)), bytes.LastIndex([]byte(got), []byte(pop))
	switch {
	case ip < 0 || ip > is:
		t.Errorf("the title was not saved before the app set its own (save at %d, set at %d)", ip, is)
	case iq < 0 || iq < ic:
		t.Errorf("the saved title was not restored after the app cleared its own (restore at %d, clear at %d)", iq, ic)
	}
}
