package panes

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// A timestamp WB sent in no readable form shows as "unknown" in the detail
// and "?" in the narrow date column, never as a year-1 date.
func TestUnknownTimestampsRead(t *testing.T) {
	st := wbTestEnv(i18n.EN).Styles
	fb := models.Feedback{ID: "f1", Text: "Хорошо", ProductValuation: 5, UserName: "Анна",
		CreatedDate: models.UnknownTime(), ReturnProductOrdersDate: models.UnknownTime()}
	ev := models.ChatEvent{ChatID: "1:a", EventID: "e1", EventType: models.ChatEventMessage, Sender: models.ChatSenderClient,
		AddTime: models.UnknownTime(), Message: &models.ChatMessage{Text: "Здравствуйте"}}
	for lang, word := range map[i18n.Lang]string{i18n.EN: "unknown", i18n.RU: "неизвестно"} {
		tr := i18n.New(lang)
		r := newFeedbackRow(fb, wbFixedNow, tr)
		row := stripSGR(feedbacksRow(r, 120, false, st))
		detail := stripSGR(feedbacksDetail(r, 70, st, tr))
		chat := stripSGR(chatsEvent(ev, 80, st, tr))
		if !contains(row, "?      ★★★★★") || contains(row, "0001") {
			t.Errorf("%s row does not mark the date unknown: %q", lang, row)
		}
		for name, got := range map[string]string{"detail": detail, "chat event": chat} {
			if !contains(got, word) || contains(got, "0001") || contains(got, "01.01.1") {
				t.Errorf("%s %s does not say %q:\n%s", lang, name, word, got)
			}
		}
		if got := fullTime(models.UnknownTime(), tr); got != word {
			t.Errorf("%s fullTime = %q", lang, got)
		}
		if got := fullTime(models.Time{}, tr); got != "—" {
			t.Errorf("%s: an absent time must stay a dash, got %q", lang, got)
		}
	}
}
