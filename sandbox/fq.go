package sandbox

import "time"

// fqState is a placeholder until the vertical lands.
type fqState struct{}

func newFQState(g *gen, scale int, now time.Time) *fqState { return &fqState{} }

func (s *Server) registerFQ() {}
