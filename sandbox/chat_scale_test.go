package sandbox

import (
	"runtime"
	"testing"
	"time"
)

// Scale 300 is the performance data set: chats and claims must build in a
// couple of seconds and stay small enough to keep the demo snappy.
func TestChatAndClaimsScale300(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the largest seed")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	now := time.Now()
	start := time.Now()
	chats := newChatState(newGen(1, 3, false), 300, now)
	claims := newClaimState(newGen(1, 4, false), 300, now)
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) >> 20
	t.Logf("scale 300: %d chats, %d events, %d claims in %v, %d MB", len(chats.chats), len(chats.events), len(claims.claims), took, heap)
	if len(chats.chats) != 45000 || len(claims.claims) != 60000 || len(chats.events) < 45000 {
		t.Errorf("unexpected sizes: %d chats, %d events, %d claims", len(chats.chats), len(chats.events), len(claims.claims))
	}
	// Generous bounds: the race detector multiplies the plain ~0.5 s by ~7.
	if took > 10*time.Second {
		t.Errorf("generation took %v", took)
	}
	if heap > 150 {
		t.Errorf("chats and claims hold %d MB", heap)
	}
	runtime.KeepAlive(chats)
	runtime.KeepAlive(claims)
}
