package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Every outbox state has a marker and a sentence in both languages.
func TestEveryOutboxStateIsRendered(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	states := []struct {
		state  reply.State
		marker string
		en, ru string
	}{
		{reply.StateQueued, "⏳", "queued", "в очереди"},
		{reply.StateSending, "⏳", "sending", "отправляем"},
		{reply.StateRetrying, "⏳", "retry in 30s", "повторим через 30s"},
		{reply.StateSent, "✓", "delivered", "доставка выполнена"},
		{reply.StateFailed, "✗", "not sent: too short", "отправка не удалась — too short"},
	}
	for _, s := range states {
		e := reply.Entry{Kind: reply.KindFeedbackAnswer, State: s.state, NextAttempt: now.Add(30 * time.Second),
			LastError: "too short", Updated: now}
		if m := OutboxMarker(e); m != s.marker {
			t.Errorf("%s marker %q", s.state, m)
		}
		for lang, want := range map[i18n.Lang]string{i18n.EN: s.en, i18n.RU: s.ru} {
			line := OutboxLine(NewEnv(context.Background(), lang), e, now)
			if !strings.Contains(line, want) {
				t.Errorf("%s/%s: %q lacks %q", s.state, lang, line, want)
			}
		}
	}
}
