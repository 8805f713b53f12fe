package app

import (
	"fmt"
	"runtime/debug"
)

// version is stamped by the Makefile: -ldflags "-X github.com/sellerinbox/sellerinbox/internal/app.version=...".
var version = "dev"

// VersionString is the program's name and version, as `version` prints it.
func VersionString() string {
	v := version
	if v == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return fmt.Sprintf("sellerinbox %s", v)
}
