//go:build unix

package app

import (
	"errors"
	"syscall"
)

// processGone reports a process that surely no longer exists (in this
// host's pid namespace, which the data directory is assumed to be in).
func processGone(pid int) bool {
	return pid > 0 && errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
