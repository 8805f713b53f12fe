//go:build !unix

package photo

import "os/exec"

// detach has nothing to do where there are no sessions; on Windows the
// protocol handler returns at once anyway.
func detach(*exec.Cmd) {}
