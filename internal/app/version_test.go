package app

import (
	"os"
	"regexp"
	"testing"
)

func TestVersionStamp(t *testing.T) {
	version = "v1.2.3-test"
	defer func() { version = "dev" }()
	if got := VersionString(); got != "sellerinbox v1.2.3-test" {
		t.Errorf("stamped version %q", got)
	}
}

// TestMakefileStampsThisVariable: `make build` stamps the version with
// -ldflags -X, which silently does nothing when the path names no
// variable (as after a package move).
func TestMakefileStampsThisVariable(t *testing.T) {
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^LDFLAGS\s*:=.*-X\s+([^=\s]+)=`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("the Makefile has no LDFLAGS with -X")
	}
	if want := "github.com/sellerinbox/sellerinbox/internal/app.version"; string(m[1]) != want {
		t.Errorf("the Makefile stamps %s, want %s", m[1], want)
	}
}
