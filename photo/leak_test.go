package photo

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine (a fetch, a timer,
// a server) outlives them. image2ascii's colour dependency starts two
// pipe readers in a package variable's initializer that live for the
// whole process; they are not ours to stop.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/aybabtme/rgbterm.interpret"))
}
