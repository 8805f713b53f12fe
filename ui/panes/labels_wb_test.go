package panes

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Every id the WB panes register exists in both languages.
func TestWBCataloguesComplete(t *testing.T) {
	prefixes := []string{"wb.", "wbq.", "wbf.", "wbc.", "act."}
	ids := func(l i18n.Lang) map[string]bool {
		out := map[string]bool{}
		for _, id := range i18n.IDs(l) {
			for _, p := range prefixes {
				if strings.HasPrefix(id, p) {
					out[id] = true
				}
			}
		}
		return out
	}
	en, ru := ids(i18n.EN), ids(i18n.RU)
	if len(en) < 50 {
		t.Fatalf("only %d WB ids registered", len(en))
	}
	for id := range en {
		if !ru[id] {
			t.Errorf("%s missing in ru", id)
		}
	}
	for id := range ru {
		if !en[id] {
			t.Errorf("%s missing in en", id)
		}
	}
}

// Every enum value the models know has a label in both languages, and
// unknown values show as they came.
func TestWBEnumLabels(t *testing.T) {
	values := map[string][]string{
		wbGroupQuestionState: {string(models.QuestionNew), string(models.QuestionAnswered), string(models.QuestionRejected)},
		wbGroupFeedbackState: {string(models.FeedbackNew), string(models.FeedbackProcessed)},
		wbGroupAnswerState: {string(models.AnswerNew), string(models.AnswerPublished), string(models.AnswerReviewRequired),
			string(models.AnswerRejected)},
		wbGroupMatchingSize: {string(models.SizeOK), string(models.SizeSmaller), string(models.SizeBigger)},
		wbGroupChatSender:   {string(models.ChatSenderClient), string(models.ChatSenderSeller), string(models.ChatSenderWB)},
		wbGroupChatSource: {string(models.ChatSourceSellerPortal), string(models.ChatSourcePublicAPI), string(models.ChatSourceRuSite),
			string(models.ChatSourceGlobal), string(models.ChatSourceIOS), string(models.ChatSourceAndroid)},
		wbGroupChatEvent: {string(models.ChatEventMessage)},
	}
	values[wbGroupOrderStatus] = []string{string(models.OrderBuyout), string(models.OrderRejected), string(models.OrderReturned),
		string(models.OrderNotSpecified)}
	en, ru := i18n.New(i18n.EN), i18n.New(i18n.RU)
	for group, vs := range values {
		for _, v := range vs {
			e, r := en.Label(group, v), ru.Label(group, v)
			if _, ok := wbLabelsEN[group+"."+v]; !ok {
				t.Errorf("%s.%s has no English label", group, v)
			}
			if _, ok := wbLabelsRU[group+"."+v]; !ok {
				t.Errorf("%s.%s has no Russian label", group, v)
			}
			if r == "" || e == "" {
				t.Errorf("%s.%s: empty label", group, v)
			}
		}
		if got := ru.Label(group, "somethingNew"); got != "somethingNew" {
			t.Errorf("%s: unknown value shows as %q", group, got)
		}
	}
	// The models' own English names agree with the catalogue where they
	// are meant to (the catalogue may be more explicit).
	if en.Label(wbGroupMatchingSize, string(models.MatchingSize("ок").Normalized())) != models.SizeOK.Label() {
		t.Error("the Cyrillic «ок» does not fold to true to size")
	}
}

// Hostile buyer texts (escape sequences, control characters, bidi
// overrides) reach the screen inert: once styling is stripped, nothing
// but printable text and newlines is left in any row or detail.
func TestWBPanesSanitize(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{Hostile: true})
	check := func(what, s string) {
		t.Helper()
		plain := ansi.Strip(s)
		for _, r := range plain {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("%s carries %U:\n%q", what, r, plain)
			}
		}
		if strings.Contains(s, "\x1b]") || strings.Contains(s, "\x1b[2J") || strings.Contains(s, "\x1bP") {
			t.Fatalf("%s carries a live escape sequence: %q", what, s)
		}
	}
	q := loadedQuestions(t, c)
	f := loadedFeedbacks(t, c)
	ch := loadedChats(t, c)
	env := wbTestEnv(i18n.RU)
	st, tr := env.Styles, env.Tr
	hostile := 0
	for _, r := range q.Items() {
		if strings.ContainsRune(r.q.Text, 0x1b) {
			hostile++
		}
		check("question row", questionsRow(r, 80, true, st))
		check("question", questionsDetail(r, 70, st, tr))
	}
	for _, r := range f.Items() {
		if strings.ContainsRune(r.f.Text, 0x1b) || strings.ContainsRune(r.f.UserName, 0x1b) {
			hostile++
		}
		check("feedback row", feedbacksRow(r, 80, false, st))
		check("feedback", feedbacksDetail(r, 70, st, tr))
	}
	for _, r := range ch.all {
		check("chat row", chatsRow(r, 80, false, st))
		check("chat", ch.detail(r, 70, st, tr))
		for _, e := range ch.ev.byChat[r.c.ChatID] {
			if strings.ContainsRune(e.Text(), 0x1b) {
				hostile++
			}
		}
	}
	if hostile == 0 {
		t.Fatal("the hostile sandbox sent nothing hostile: the test proves nothing")
	}
}

// Rows are drawn on every keypress for a screenful of items: they must
// cost string joins, not sanitizing or formatting.
func BenchmarkWBRows(b *testing.B) {
	c := wbSandbox(b, sandbox.Options{})
	env := storeTestEnv(b, i18n.RU, c, nil, store.PaneQuestions, store.PaneFeedbacks, store.PaneChats)
	q := newQuestionsPane(env, Deps{WB: c}).(*questionsPane)
	f := newFeedbacksPane(env, Deps{WB: c}).(*feedbacksPane)
	ch := newChatsPane(env, Deps{WB: c}).(*chatsPane)
	wbDrive(b, q, wbRun(b, q.Init())...)
	wbDrive(b, f, wbRun(b, f.Init())...)
	wbDrive(b, ch, wbRun(b, ch.Init())...)
	st := env.Styles
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := 0; j < 40; j++ {
			questionsRow(q.Items()[j%len(q.Items())], 70, j == 0, st)
			feedbacksRow(f.Items()[j%len(f.Items())], 70, false, st)
			chatsRow(ch.all[j%len(ch.all)], 70, false, st)
		}
	}
}
