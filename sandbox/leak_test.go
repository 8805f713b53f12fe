package sandbox

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine (a fetch, a timer,
// a server) outlives them.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
