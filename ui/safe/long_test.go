package safe

import (
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	tests := []struct {
		in          string
		limit       int
		want        string
		wantRestLen int
	}{
		{"короткий", 100, "короткий", 0},
		{"абв", 3, "а", 4}, // never inside a character
		{"абв", 4, "аб", 2},
		{"abc", 0, "", 3},
		{"abc", -1, "", 3},
	}
	for _, tt := range tests {
		got, rest := Clip(tt.in, tt.limit)
		if got != tt.want || rest != tt.wantRestLen {
			t.Errorf("Clip(%q, %d) = %q, %d; want %q, %d", tt.in, tt.limit, got, rest, tt.want, tt.wantRestLen)
		}
	}
}

// TestTruncateLongInputIsCheap: a list row cut from a 1 MB text reads a
// bounded prefix of it, and still ends with an ellipsis.
func TestTruncateLongInputIsCheap(t *testing.T) {
	long := strings.Repeat("Пришёл не тот цвет ", 60000)
	if got := Truncate(long, 30); got != "Пришёл не тот цвет Пришёл не …" {
		t.Errorf("Truncate = %q", got)
	}
	// sanitized-away escapes at the start of a long text leave an ellipsis
	if got := Truncate(strings.Repeat("\x1b[31m", 2000)+long, 5); got != "…" && got != "Приш…" {
		t.Errorf("Truncate after escapes = %q", got)
	}
	allocs := testing.AllocsPerRun(5, func() { _ = Truncate(long, 40) })
	res := testing.Benchmark(func(b *testing.B) {
		for b.Loop() {
			_ = Truncate(long, 40)
		}
	})
	if res.AllocedBytesPerOp() > 64<<10 {
		t.Errorf("Truncate of a 1 MB text to 40 cells allocates %d bytes (%v allocs)", res.AllocedBytesPerOp(), allocs)
	}
}

func TestWrapCachedPerWidth(t *testing.T) {
	long := strings.Repeat("Пришёл не тот цвет ", 1000)
	a, b := Wrap(long, 40), Wrap(long, 40)
	if a != b || a != wrap(long, 40) {
		t.Fatal("the cached wrap differs from a fresh one")
	}
	if Wrap(long, 60) == a {
		t.Fatal("another width gave the same lines")
	}
	if n := testing.AllocsPerRun(5, func() { _ = Wrap(long, 40) }); n > 2 {
		t.Errorf("a repeated wrap allocates %v times: it is not cached", n)
	}
}
