package panes

import (
	"strings"
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestDetailsBoundLongTexts: a 1 MB buyer text (question, feedback with
// pros and cons) renders as a bounded prefix with the "KB more" line, not
// as 1 MB of wrapped lines on every redraw.
func TestDetailsBoundLongTexts(t *testing.T) {
	long := strings.Repeat("Пришёл не тот цвет, верните деньги ", 30000) // ~1 MB, one line
	env := wbTestEnv(i18n.EN)
	st, tr := env.Styles, env.Tr
	details := map[string]string{
		"question": questionsDetail(&questionRow{q: models.Question{Text: long}}, 80, st, tr),
		"feedback": feedbacksDetail(&feedbackRow{f: models.Feedback{Text: long, Pros: long, Cons: "ok"}}, 80, st, tr),
		"claim":    claimDetail(claimItem{c: models.Claim{UserComment: long, WBComment: long}}, claimExtras{}, 80, st, tr),
	}
	if got := fullText("short", "texts", strings.Repeat("ж", 5000), strings.Repeat("ж", 5000)); got != "" {
		t.Errorf("nothing is cut, yet the pager gets %d bytes", len(got))
	}
	if got := fullText("Плюсы", long); !strings.HasPrefix(got, "Плюсы\n\nПришёл") || len(got) < len(long) {
		t.Errorf("a cut text is not given whole to the pager: %d bytes", len(got))
	}
	for name, d := range details {
		if len(d) > 4*ui.LongTextLimit {
			t.Errorf("%s: the detail is %d bytes for a %d-byte text", name, len(d), len(long))
		}
		if !strings.Contains(d, "KB more: the whole text opens in $PAGER (key below)") {
			t.Errorf("%s: no line says the text goes on", name)
		}
	}
}
