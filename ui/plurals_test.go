package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestCountsAgreeWithTheirNouns: no "(s)", "(ies)" or "1 days": counts on
// the quit question and in a long rate-limit wait agree with their nouns
// in both languages.
func TestCountsAgreeWithTheirNouns(t *testing.T) {
	quit := func(tr i18n.T, id, noun string, n int) string {
		return tr.Get(id, n, tr.Plural(n, tr.Get(noun+".one"), tr.Get(noun+".few"), tr.Get(noun+".many")))
	}
	en, ru := i18n.New(i18n.EN), i18n.New(i18n.RU)
	tests := []struct{ got, want string }{
		{quit(en, "quit.drafts", "quit.draft", 1), "1 unsent draft (kept for next time)"},
		{quit(en, "quit.drafts", "quit.draft", 3), "3 unsent drafts (kept for next time)"},
		{quit(en, "quit.outbox", "quit.reply", 1), "1 reply not delivered yet (sent when you start again)"},
		{quit(en, "quit.outbox", "quit.reply", 2), "2 replies not delivered yet (sent when you start again)"},
		{quit(ru, "quit.drafts", "quit.draft", 1), "1 неотправленный черновик (в сохранности)"},
		{quit(ru, "quit.drafts", "quit.draft", 3), "3 неотправленных черновика (в сохранности)"},
		{quit(ru, "quit.drafts", "quit.draft", 11), "11 неотправленных черновиков (в сохранности)"},
		{quit(ru, "quit.outbox", "quit.reply", 21), "21 ответ ещё не доставлен (отправка — при следующем запуске)"},
		{quit(ru, "quit.outbox", "quit.reply", 5), "5 ответов ещё не доставлены (отправка — при следующем запуске)"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	for _, d := range []struct {
		days int
		en   string
		ru   string
	}{{3, "3 days", "3 дня"}, {21, "21 days", "21 день"}, {5, "5 days", "5 дней"}} {
		e := &api.Error{Marketplace: api.Wildberries, Service: api.ServiceWBChat, Kind: api.KindWaitTooLong, Status: 429,
			RetryAfter: time.Duration(d.days) * 24 * time.Hour}
		if s := ErrorText(e, en); !strings.Contains(s, d.en) {
			t.Errorf("%q lacks %q", s, d.en)
		}
		if s := ErrorText(e, ru); !strings.Contains(s, d.ru) {
			t.Errorf("%q lacks %q", s, d.ru)
		}
	}
}
