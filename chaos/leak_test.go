package chaos

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if a command, timer, request or server outlives
// the session. image2ascii's colour dependency (via photo) starts pipe
// readers in a package variable's initializer; they are not ours to stop.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/aybabtme/rgbterm.interpret"))
}
