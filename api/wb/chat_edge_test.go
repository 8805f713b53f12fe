package wb

import "testing"

// Two readers hand out the same cursor after seeing its millisecond at
// different moments: only what both saw is dropped after it, so an event
// written in between reaches the reader that missed it.
func TestEdgeKeepsWhatOnlyOneReaderSaw(t *testing.T) {
	s := &chatSignCache{edge: map[int64]map[string]bool{}}
	s.putEdge(100, map[string]bool{"a": true})
	s.putEdge(100, map[string]bool{"a": true, "b": true})
	if got := s.seenAt(100); !got["a"] || got["b"] {
		t.Fatalf("edge %v, want only a", got)
	}
	for i := range maxEdges + 5 {
		s.putEdge(int64(1000+i), map[string]bool{"x": true})
	}
	if len(s.edge) > maxEdges {
		t.Errorf("%d edges kept", len(s.edge))
	}
}
