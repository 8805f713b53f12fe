package sandbox

import (
	"fmt"
	"strings"
	"time"
)

// ModesHelp describes the --modes flag of `sellerinbox sandbox`.
const ModesHelp = "comma-separated documented behaviours to switch on: claim-delay=DURATION, repost-edits, rotating-signs, archive-on-answer"

// String lists the modes switched on, in the flag's own syntax.
func (m *Modes) String() string {
	if m == nil {
		return ""
	}
	var on []string
	if m.ClaimAnswerDelay > 0 {
		on = append(on, "claim-delay="+m.ClaimAnswerDelay.String())
	}
	for _, b := range []struct {
		on   bool
		name string
	}{{m.FeedbackRepostEdits, "repost-edits"}, {m.RotatingChatSigns, "rotating-signs"}, {m.ArchiveOnAnswer, "archive-on-answer"}} {
		if b.on {
			on = append(on, b.name)
		}
	}
	return strings.Join(on, ",")
}

// Set switches on the modes named in s (flag.Value); it may be repeated.
func (m *Modes) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch name {
		case "":
		case "claim-delay":
			d, err := time.ParseDuration(value)
			if err != nil || d <= 0 {
				return fmt.Errorf("claim-delay needs a positive duration such as 2s, not %q", value)
			}
			m.ClaimAnswerDelay = d
		case "repost-edits":
			m.FeedbackRepostEdits = true
		case "rotating-signs":
			m.RotatingChatSigns = true
		case "archive-on-answer":
			m.ArchiveOnAnswer = true
		default:
			return fmt.Errorf("unknown mode %q; %s", name, ModesHelp)
		}
	}
	return nil
}
