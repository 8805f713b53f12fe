package sandbox

import "time"

// claimState is a placeholder until the vertical lands.
type claimState struct{}

func newClaimState(g *gen, scale int, now time.Time) *claimState { return &claimState{} }

func (s *Server) registerClaims() {}
