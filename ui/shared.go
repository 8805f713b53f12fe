package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The team inbox (`sellerinbox serve`) runs one app per SSH session over
// one store, one syncer and one outbox: Live.Shared and
// AppOptions.SharedOutbox turn the app's own sync and sends off, and the
// server reports what its one loop of each did with StoreChangedMsg and
// OutboxSettledMsg. Env.ReadOnly is a viewer's session.

// OutboxSettledMsg reports an attempt made outside the app (serve's one
// outbox loop): a sent reply's draft is forgotten and its pane redraws.
// Err is the outbox's own trouble (no sender, disk), as for the app's own
// attempts.
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

// sharedInit reads the first counts. The server's syncer may be anywhere
// in its first sync, so every pane counts as caught up: the first reading
// is only the baseline, and later gains notify.
func (a *App) sharedInit() tea.Cmd {
	l := a.live
	for _, id := range l.Panes {
		if p, ok := storePane(id); ok {
			l.caughtUp[p] = true
		}
	}
	return a.readCounts()
}

// sharedCounts reads the counts again after a store change the server
// reported, besides what the app does with the message.
func (a *App) sharedCounts(msg tea.Msg, cmd *tea.Cmd) {
	if _, ok := msg.(StoreChangedMsg); !ok || a.live == nil || !a.live.Shared {
		return
	}
	*cmd = tea.Batch(*cmd, a.readCounts())
}

// outboxSettled is outboxAttempted for an attempt made outside the app;
// the server has already taken a resolved item out of the store.
func (a *App) outboxSettled(msg OutboxSettledMsg) tea.Cmd {
	r := a.env.Replies
	if r == nil {
		return nil
	}
	if msg.Err != nil {
		a.notice = NoticeMsg{Err: msg.Err}
		return nil
	}
	if msg.Entry.State == reply.StateSent && msg.Entry.Kind.ConsumesDraft() {
		r.forget(msg.Entry.DraftKey())
	}
	out := OutboxMsg{Entry: msg.Entry}
	if i := a.index(out.TargetPane()); i >= 0 {
		return a.toPane(i, out)
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
