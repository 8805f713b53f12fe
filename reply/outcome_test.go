package reply

import (
	"testing"
	"time"
)

func TestBackoffJitterStaysInRange(t *testing.T) {
	b := Backoff{Base: time.Second, Max: time.Minute}
	for attempts := 1; attempts < 12; attempts++ {
		full := min(time.Second<<(attempts-1), time.Minute)
		for range 50 {
			d := b.delay(attempts, randJitter)
			if d < full/2 || d > full {
				t.Fatalf("attempt %d: %s outside [%s, %s]", attempts, d, full/2, full)
			}
		}
	}
}
