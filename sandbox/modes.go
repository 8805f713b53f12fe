package sandbox

import (
	"strconv"
	"time"
)

// Modes switch on behaviours the marketplaces' documentation allows, or
// that have been reported of the real services, but that the demo does not
// show by default: each breaks a guess a client might make.
type Modes struct {
	// ClaimAnswerDelay: returns-api accepts a claim answer at once, but the
	// claim shows it only this long afterwards (nothing in the document
	// promises that an answer is visible immediately).
	ClaimAnswerDelay time.Duration
	// FeedbackRepostEdits: a POST answer to a feedback that already has one
	// replaces its text and spends the one allowed edit, as a PATCH would.
	FeedbackRepostEdits bool
	// RotatingChatSigns: every accepted message gives its chat a new
	// replySign (returned in the answer's "sign") and older ones are refused
	// with 400, as a third-party SDK reports WB did on 2026-06-04.
	RotatingChatSigns bool
	// ArchiveOnAnswer: an answered feedback moves to the archive at once.
	// The archive method lists "an answer was received" among the reasons a
	// feedback becomes archived and gives no delay.
	ArchiveOnAnswer bool
}

// claimPending is an accepted claim answer that the claim does not show yet.
type claimPending struct {
	action, comment string
	accepted        time.Time
	due             time.Time
}

// settleClaims applies the delayed answers that are due; s.mu is held.
func (s *Server) settleClaims(now time.Time) {
	for id, p := range s.claim.pending {
		if now.Before(p.due) {
			continue
		}
		if c := s.claim.byID[id]; c != nil {
			c.apply(p.action, p.comment, p.accepted)
		}
		delete(s.claim.pending, id)
	}
}

// acceptClaimAnswer applies an answer now, or records it for later in the
// delayed mode; s.mu is held.
func (s *Server) acceptClaimAnswer(c *claimRec, action, comment string, now time.Time) {
	d := s.opts.Modes.ClaimAnswerDelay
	if d <= 0 {
		c.apply(action, comment, now)
		return
	}
	if s.claim.pending == nil {
		s.claim.pending = map[string]claimPending{}
	}
	s.claim.pending[c.id] = claimPending{action: action, comment: comment, accepted: now, due: now.Add(d)}
}

// signSalt varies a chat's replySign with each rotation; the first sign
// is the one the demo has always given.
func signSalt(gen int) string {
	if gen == 0 {
		return ""
	}
	return "#" + strconv.Itoa(gen)
}
