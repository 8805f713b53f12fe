//go:build !race

package chaos

const raceOn = false
