package cli

import (
	"fmt"
	"runtime/debug"
)

// version is stamped by the Makefile: -ldflags "-X github.com/sellerinbox/sellerinbox/internal/cli.version=...".
var version = "dev"

func versionString() string {
	v := version
	if v == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return fmt.Sprintf("sellerinbox %s", v)
}
