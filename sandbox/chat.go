package sandbox

import "time"

// chatState is a placeholder until the vertical lands.
type chatState struct{}

func newChatState(g *gen, scale int, now time.Time) *chatState { return &chatState{} }

func (s *Server) registerChat() {}
