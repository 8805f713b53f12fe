package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The demo's sandbox starts from its seed on every run, so a database kept
// between runs could only disagree with it: an outbox entry of the last
// run shows ✓ "delivered" beside a seeded "No answer yet", and a
// `--demo --scale 300` run would leave half a gigabyte that every later
// plain `--demo` opens. So each demo run gets a database of its own in
// demo-runs/<pid>-<random>/ next to the profiles' databases (on disk, not
// a tmpfs: a scaled demo's database is large), removed when the session
// closes. A run that was killed cannot remove its own; the next demo
// removes every directory whose process is gone.

// demoRunsDir is the directory of the demo runs' databases, beside the
// profile database path given.
func demoRunsDir(profilePath string) string {
	return filepath.Join(filepath.Dir(profilePath), "demo-runs")
}

// demoStore makes this run's directory and returns its database path.
// path is where earlier versions kept the one demo database; it goes too.
func (s *Session) demoStore(path string) (string, error) {
	runs := demoRunsDir(path)
	if err := os.MkdirAll(runs, 0o700); err != nil {
		return "", err
	}
	sweepDemoRuns(runs)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	dir, err := os.MkdirTemp(runs, fmt.Sprintf("%d-", os.Getpid()))
	if err != nil {
		return "", err
	}
	s.demoDir = dir
	return filepath.Join(dir, filepath.Base(path)), nil
}

// sweepDemoRuns removes the directories of demo runs whose process is
// gone. Errors only leave a directory for the next run to try again.
func sweepDemoRuns(runs string) {
	entries, err := os.ReadDir(runs)
	if err != nil {
		return
	}
	for _, e := range entries {
		pidText, _, ok := strings.Cut(e.Name(), "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || !e.IsDir() || !processGone(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(runs, e.Name()))
	}
}
