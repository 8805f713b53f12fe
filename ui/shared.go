package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The outbox is attempted outside the app, by one loop per store however
// many inboxes show it (the local app's, or every agent's of the team
// inbox): it reports each attempt with OutboxSettledMsg and a resolved
// item with StoreChangedMsg. Env.ReadOnly is a viewer's session.

// OutboxSettledMsg reports an attempt of the outbox loop. Err is the
// outbox's own trouble (no sender, disk).
type OutboxSettledMsg struct {
	Entry reply.Entry
	Err   error
}

// ResolvesItem reports whether a delivered entry of kind k ends the
// item's turn (it leaves the inbox): edits, "viewed" marks and return
// requests change no one's turn.
func ResolvesItem(k reply.Kind) bool {
	switch k {
	case reply.KindQuestionAnswer, reply.KindQuestionReject, reply.KindFeedbackAnswer,
		reply.KindChatMessage, reply.KindClaimAnswer, reply.KindReturnDecision:
		return true
	}
	return false
}

// outboxSettled shows an attempt of the outbox loop (which runs outside
// the app and has already taken a resolved item out of the store): a sent
// reply's draft is forgotten, the status bar confirms the delivery, and
// the item's pane redraws its state.
func (a *App) outboxSettled(msg OutboxSettledMsg) tea.Cmd {
	r := a.env.Replies
	if r == nil {
		return nil
	}
	if msg.Err != nil {
		a.bar.notice = NoticeMsg{Err: msg.Err}
		return nil
	}
	e := msg.Entry
	if e.State == reply.StateSent {
		if e.Kind.ConsumesDraft() {
			// a viewed mark is not the answer: forgetting would drop the unsaved draft
			r.forget(e.DraftKey())
		}
		if ResolvesItem(e.Kind) {
			tr := a.env.Tr
			a.bar.notice = NoticeMsg{Text: tr.Get("outbox.sent", tr.Label("kind", string(e.Kind)), e.Updated.In(time.Local).Format("15:04"))}
		}
	}
	out := OutboxMsg{Entry: msg.Entry}
	if i := a.tabs.index(out.TargetPane()); i >= 0 {
		return a.tabs.toPane(i, out)
	}
	return nil
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"readonly.refused": "You are signed in as a viewer: viewers read the inbox but cannot send replies or decisions.",
	})
	i18n.Register(i18n.RU, map[string]string{
		"readonly.refused": "Вы вошли как наблюдатель: наблюдатели читают входящие, но не могут отправлять ответы и решения.",
	})
}
