package sandbox

import "time"

// SetOrderCreated re-dates the order behind a return, as a buyer who
// returns something bought long ago would; false when no return has that
// order. The order must still precede its return.
func (s *Server) SetOrderCreated(orderID int64, created time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.ymOrderAnywhere(orderID)
	if r == nil || !created.Before(r.created) {
		return false
	}
	r.ordered = created.Truncate(time.Second)
	return true
}
