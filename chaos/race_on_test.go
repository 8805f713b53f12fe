//go:build race

package chaos

// raceOn: the race detector slows Update several times over, so the
// responsiveness bound is looser under it.
const raceOn = true
