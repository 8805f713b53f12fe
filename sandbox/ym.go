package sandbox

import "time"

// ymState is a placeholder until the vertical lands.
type ymState struct{}

func newYMState(g *gen, scale int, now time.Time) *ymState { return &ymState{} }

func (s *Server) registerYM() {}
