package photo

import "runtime"

// runtimeUnixPerms: Windows has no permission bits to check.
func runtimeUnixPerms() bool { return runtime.GOOS != "windows" }
