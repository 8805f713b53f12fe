package ui

import (
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Outbox states as panes show them: a one-cell marker for list rows and a
// sentence for the detail, in the UI language.

// Outbox markers of list rows (see OutboxMarker); the legend explains them.
const (
	MarkSending = "⏳"
	MarkSent    = "✓"
	MarkFailed  = "✗"
)

// OutboxMarker is the list-row marker of an entry's state.
func OutboxMarker(e reply.Entry) string {
	switch e.State {
	case reply.StateQueued, reply.StateSending, reply.StateRetrying:
		return MarkSending
	case reply.StateSent:
		return MarkSent
	case reply.StateFailed:
		return MarkFailed
	}
	return " "
}

// DraftMarker marks an item with an unsent draft.
const DraftMarker = "✎"

// RetryHint is "press r to retry" with the key the retry binding has.
func RetryHint(env Env) string { return env.Tr.Get("status.retry", env.Keys.Global.Retry.Help().Key) }

// OutboxLine is the detail's sentence for an entry, styled by severity.
func OutboxLine(env Env, e reply.Entry, now time.Time) string {
	if held := HeldLine(env, e, now); held != "" {
		return held // "Rejecting the question in 5 s — u to undo"
	}
	st, tr := env.Styles, env.Tr
	what := tr.Label("kind", string(e.Kind))
	switch e.State {
	case reply.StateQueued:
		return st.StatusWarn.Render(tr.Get("outbox.queued", what))
	case reply.StateSending:
		return st.StatusWarn.Render(tr.Get("outbox.sending", what))
	case reply.StateRetrying:
		wait := max(e.NextAttempt.Sub(now).Round(time.Second), 0)
		line := tr.Get("outbox.retrying", what, wait)
		if e.LastError != "" {
			line += " — " + safe.Line(e.LastError)
		}
		return st.StatusWarn.Render(line)
	case reply.StateSent:
		return st.StatusOK.Render(tr.Get("outbox.sent", what, e.Updated.In(time.Local).Format("15:04")))
	case reply.StateFailed:
		return st.ErrorBox.Render(tr.Get("outbox.failed", what, safe.Line(e.LastError), env.Keys.Reply.Answer.Help().Key))
	}
	return ""
}
