package photo

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Opener hands files to the desktop's viewer. The zero value works; the
// fields are for tests and odd setups.
type Opener struct {
	GOOS     string              // default runtime.GOOS
	Getenv   func(string) string // default os.Getenv
	Hostname func() (string, error)
	// Command builds the opener's argv for a path; default OpenerCommand.
	Command func(goos, path string) (name string, args []string)
	// Start launches the prepared command; the default starts it detached
	// and reaps it in the background. Tests record the *exec.Cmd instead.
	Start func(*exec.Cmd) error
	// DownloadDir receives files when nothing can show them ("" means
	// DownloadDir()); ScratchDir holds files opened from memory ("" means
	// a per-user folder under os.TempDir()).
	DownloadDir string
	ScratchDir  string
}

// Opened says what happened to a file.
type Opened struct {
	Path     string // the file on disk
	Launched bool   // a viewer was started
	// Link is an OSC 8 hyperlink to Path for the status line when no
	// viewer could be started.
	Link string
	// Why is ReasonNoDisplay or ReasonNoOpener when Launched is false.
	Why Reason
}

// OpenerCommand is the platform's "open with the default application":
// xdg-open on Linux and the BSDs, open on macOS, the URL protocol handler
// on Windows (start is a cmd.exe builtin, and we never go through a shell).
func OpenerCommand(goos, path string) (string, []string) {
	switch goos {
	case "darwin":
		return "open", []string{path}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", path}
	}
	return "xdg-open", []string{path}
}

func (o *Opener) goos() string {
	if o.GOOS != "" {
		return o.GOOS
	}
	return runtime.GOOS
}

func (o *Opener) getenv(k string) string {
	if o.Getenv != nil {
		return o.Getenv(k)
	}
	return os.Getenv(k)
}

// HasDisplay reports whether a viewer started now would appear in front of
// the user. Over SSH a Linux viewer has no screen, and a macOS one would
// open on the remote machine's.
func (o *Opener) HasDisplay() bool {
	switch o.goos() {
	case "windows":
		return true
	case "darwin":
		return o.getenv("SSH_CONNECTION") == "" && o.getenv("SSH_TTY") == ""
	}
	return o.getenv("DISPLAY") != "" || o.getenv("WAYLAND_DISPLAY") != ""
}

// Open shows the file at path in the default viewer without waiting for it
// to close. Without a display it does not try: the file is copied into the
// download folder (the original may be a cache entry that will be
// evicted) and Opened carries the saved path and a hyperlink.
func (o *Opener) Open(path string) (Opened, error) {
	abs, err := filepath.Abs(path) // also keeps a "-name" from reading as an option
	if err != nil {
		return Opened{}, fail(ReasonOpenFailed, err)
	}
	if info, err := os.Stat(abs); err != nil {
		return Opened{}, fail(ReasonOpenFailed, err)
	} else if !info.Mode().IsRegular() {
		return Opened{}, fail(ReasonOpenFailed, fmt.Errorf("%s is not a file", filepath.Base(abs)))
	}
	if !o.HasDisplay() {
		return o.keep(abs, ReasonNoDisplay)
	}
	if err := o.launch(abs); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return o.keep(abs, ReasonNoOpener)
		}
		return Opened{}, fail(ReasonOpenFailed, err)
	}
	return Opened{Path: abs, Launched: true}, nil
}

// OpenData shows bytes held in memory (a downloaded video or PDF): with a
// display they go to a scratch file named after the content, so opening
// the same file twice reuses it; without one they are saved for the user.
func (o *Opener) OpenData(suggestedName string, data []byte, contentType string) (Opened, error) {
	if len(data) == 0 {
		return Opened{}, fail(ReasonEmpty, nil)
	}
	if !o.HasDisplay() {
		p, _, err := Save(o.DownloadDir, suggestedName, data, contentType)
		if err != nil {
			return Opened{}, err
		}
		return o.opened(p, ReasonNoDisplay), nil
	}
	p, err := o.scratch(suggestedName, data, contentType)
	if err != nil {
		return Opened{}, err
	}
	return o.Open(p)
}

func (o *Opener) scratch(suggestedName string, data []byte, contentType string) (string, error) {
	dir := o.ScratchDir
	if dir == "" {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("sellerinbox-%d", os.Getuid()))
	}
	sum := sha256.Sum256(data)
	dir = filepath.Join(dir, hex.EncodeToString(sum[:8]))
	// 0700: other users on a shared machine must not read buyers' files.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fail(ReasonOpenFailed, err)
	}
	path := filepath.Join(dir, SafeName(suggestedName, Identify(data, contentType).Ext()))
	if b, err := os.ReadFile(path); err == nil && sha256.Sum256(b) == sum {
		return path, nil
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fail(ReasonOpenFailed, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return "", fail(ReasonOpenFailed, err)
	}
	return path, nil
}

// keep copies a file into the download folder unless it is already there.
func (o *Opener) keep(abs string, why Reason) (Opened, error) {
	dl := o.DownloadDir
	if dl == "" {
		d, err := DownloadDir()
		if err != nil {
			return Opened{}, fail(ReasonSaveFailed, err)
		}
		dl = d
	}
	if dlAbs, err := filepath.Abs(dl); err == nil && filepath.Dir(abs) == dlAbs {
		return o.opened(abs, why), nil
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return Opened{}, fail(ReasonSaveFailed, err)
	}
	p, _, err := Save(dl, filepath.Base(abs), data, "")
	if err != nil {
		return Opened{}, err
	}
	return o.opened(p, why), nil
}

func (o *Opener) opened(path string, why Reason) Opened {
	host := ""
	hn := o.Hostname
	if hn == nil {
		hn = os.Hostname
	}
	if h, err := hn(); err == nil {
		host = h
	}
	return Opened{Path: path, Link: Hyperlink(path, host), Why: why}
}

func (o *Opener) launch(path string) error {
	build := o.Command
	if build == nil {
		build = OpenerCommand
	}
	name, args := build(o.goos(), path)
	if strings.TrimSpace(name) == "" {
		return exec.ErrNotFound
	}
	// A missing program shows up as cmd.Err, which Start returns.
	cmd := exec.Command(name, args...)
	// nil streams are /dev/null: a viewer's chatter must not land on the
	// TUI's screen, and it must not read the user's keystrokes.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	start := o.Start
	if start == nil {
		start = startDetached
	}
	return start(cmd)
}

// startDetached starts cmd in its own session (no controlling terminal, so
// neither Ctrl-C in the TUI nor its exit reaches the viewer) and waits for
// it in the background only to reap it.
func startDetached(cmd *exec.Cmd) error {
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
