package ui

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine (a fetch, a timer,
// a program) outlives them. Two are not ours to stop: image2ascii's colour
// dependency (via photo) starts pipe readers in a package variable's
// initializer, and teatest leaves a SIGINT watcher per test model that
// only a signal ends.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("github.com/aybabtme/rgbterm.interpret"),
		goleak.IgnoreAnyFunction("github.com/charmbracelet/x/exp/teatest/v2.NewTestModel.func2"))
}
