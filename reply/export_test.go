package reply

import "time"

// Hooks for the backend-independent tests in package reply_test, which
// cannot reach unexported names (they live there because they import the
// database backend, which imports this package).

// TombstoneTTL is tombstoneTTL.
const TombstoneTTL = tombstoneTTL

// DeleteSent is what the outbox calls once a reply was delivered.
func (s *DraftStore) DeleteSent(k DraftKey, text string, queued time.Time) error {
	return s.deleteSent(k, text, queued)
}
