//go:build race

package syncer

// raceEnabled: modernc.org/sqlite is C translated to Go, and under the race
// detector it runs some 20 times slower, so tests that store tens of
// thousands of items scale down (see their comments).
const raceEnabled = true
