package panes

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// TestDetailsNameTheirRule: the detail of every kind of item shows its
// deadline (date and time left) or, where the marketplace documents none,
// its age, and names the rule in the UI's language.
func TestDetailsNameTheirRule(t *testing.T) {
	now := wbFixedNow
	day := 24 * time.Hour
	st := wbTestEnv(i18n.EN).Styles
	product := models.WBProductDetails{NmID: 7, ProductName: "Кружка"}
	q := models.Question{ID: "q", Text: "Есть синяя?", CreatedDate: models.Time{Time: now.Add(-3*day - 5*time.Hour)}, ProductDetails: product}
	f := models.Feedback{ID: "f", Text: "Горчит", ProductValuation: 2, CreatedDate: models.Time{Time: now.Add(-10 * day)}, ProductDetails: product}
	c := models.Claim{ID: "c", Dt: models.Time{Time: now.Add(-15 * day)}, ImtName: "Кружка", Actions: []models.ClaimAction{models.ClaimApprove1}}
	y := models.YMReturn{ID: 5, OrderID: 6, CreationDate: models.Time{Time: now.Add(-4 * day)}, RefundStatus: "PREMODERATION_DECISION_WAITING",
		Items: []models.YMReturnItem{{ShopSku: "SKU", Count: 1}}}
	chat := models.Chat{ChatID: "1:c", ClientName: "Иван", LastMessage: &models.ChatLastMessage{Text: "Где заказ?",
		AddTimestamp: models.UnixMillis(now.Add(-2 * day).UnixMilli())}}
	for _, tt := range []struct {
		lang   i18n.Lang
		labels [2]string // deadline, age
	}{{i18n.EN, [2]string{"Deadline: ", "Age: "}}, {i18n.RU, [2]string{"Срок: ", "Возраст: "}}} {
		tr := i18n.New(tt.lang)
		chatRow := newChatRow(chat, now, tr)
		chatRow.setDue(models.ChatDeadline(now.Add(-2*day)), now, tr)
		chats := &chatsPane{ev: chatEvents{byChat: map[string][]models.ChatEvent{}}}
		for _, d := range []struct {
			name, detail string
			rule         models.DeadlineRule
			line         string
		}{
			{"question", questionsDetail(newQuestionRow(q, now, tr), 200, st, tr), models.RuleWBQuestionNone,
				tt.labels[1] + tr.Get("inbox.dh", 3, 5)},
			{"feedback", feedbacksDetail(newFeedbackRow(f, now, tr), 200, st, tr), models.RuleWBFeedbackArchive,
				tt.labels[0] + fullTime(models.Time{Time: now.Add(20 * day)}, tr) + " · " + tr.Get("due.left", tr.Get("inbox.d", 20))},
			{"claim", claimDetail(newClaimItem(c, true, tr, now), claimExtras{}, 200, st, tr), models.RuleWBClaim,
				tt.labels[0] + fullTime(models.Time{Time: now.Add(-day)}, tr) + " · " + tr.Get("inbox.overdue", tr.Get("inbox.d", 1))},
			{"return", retDetail(newRetItem(y, tr, now), retOrderView{}, retExtras{}, 200, st, tr), models.RuleYMReturnNone,
				tt.labels[1] + tr.Get("inbox.d", 4)},
			{"chat", chats.detail(chatRow, 200, st, tr), models.RuleWBChatReply,
				tt.labels[0] + fullTime(models.Time{Time: now.Add(8 * day)}, tr) + " · " + tr.Get("due.left", tr.Get("inbox.d", 8))},
		} {
			plain := ansi.Strip(d.detail)
			if !strings.Contains(plain, d.line) {
				t.Errorf("%s %s: the detail lacks %q:\n%s", tt.lang, d.name, d.line, plain)
			}
			if rule := dueRule(tr, d.rule); !strings.Contains(plain, rule) {
				t.Errorf("%s %s: the detail does not name the rule %q:\n%s", tt.lang, d.name, rule, plain)
			}
		}
	}
	// the rules say their numbers, from models
	en := i18n.New(i18n.EN)
	for rule, want := range map[models.DeadlineRule]string{
		models.RuleWBChatReply: "within 10 days", models.RuleWBClaim: "for 14 days from its date",
		models.RuleWBFeedbackArchive: "unanswered for 30 days", models.RuleWBQuestionNone: "no deadline",
		models.RuleYMReturnNone: "documents no deadline",
	} {
		if got := dueRule(en, rule); !strings.Contains(got, want) || strings.Contains(got, "%!") {
			t.Errorf("rule %s: %q", rule, got)
		}
	}
}

// TestRowDeadlineUrgency: a deadline under a day away takes the warning
// style in its row, one passed the danger style; others and ages keep the
// row's.
func TestRowDeadlineUrgency(t *testing.T) {
	now := rcFixedNow
	st := theme.NewWith(theme.Options{Dark: true}) // colours on: the styles differ
	tr := i18n.New(i18n.RU)
	claim := func(age time.Duration) claimItem {
		c := models.Claim{ID: "c", Dt: models.Time{Time: now.Add(-age)}, Price: 990, ImtName: "Кружка", UserComment: "Скол на ручке",
			Actions: []models.ClaimAction{models.ClaimApprove1}}
		return newClaimItem(c, true, tr, now)
	}
	day := 24 * time.Hour
	for _, tc := range []struct {
		name  string
		it    claimItem
		style func(string) string // "" when the column keeps the row's style
	}{
		{"days left", claim(5 * day), nil},
		{"under a day", claim(13*day + 2*time.Hour), func(s string) string { return st.Warning.Inherit(st.RowUnread).Render(s) }},
		{"overdue", claim(15 * day), func(s string) string { return st.Danger.Inherit(st.RowUnread).Render(s) }},
	} {
		row := claimRow(tc.it, "● ", 80, false, st)
		urgent := tc.style != nil
		if got := strings.Contains(row, st.Danger.Inherit(st.RowUnread).Render(tc.it.dueCol)) ||
			strings.Contains(row, st.Warning.Inherit(st.RowUnread).Render(tc.it.dueCol)); got != urgent {
			t.Errorf("%s: urgent style %v, want %v: %q", tc.name, got, urgent, row)
		}
		if urgent && !strings.Contains(row, tc.style(tc.it.dueCol)) {
			t.Errorf("%s: the deadline is not in its style: %q", tc.name, row)
		}
		if w := ansi.StringWidth(ansi.Strip(row)); w != 80 {
			t.Errorf("%s: %d cells", tc.name, w)
		}
		if sel := claimRow(tc.it, "● ", 80, true, st); sel != st.RowSelected.Render(ansi.Strip(sel)) {
			t.Errorf("%s: a selected row is not styled whole: %q", tc.name, sel)
		}
	}
}

// TestInboxReturnShowsAge: a YM return awaiting a decision has no
// deadline (Market documents none; the inbox allowed itself 72 hours): it
// shows its age, follows the dated items, and its detail says why.
func TestInboxReturnShowsAge(t *testing.T) {
	now := wbFixedNow
	st := inboxTempStore(t)
	ctx := context.Background()
	if _, err := st.PutReturns(ctx, []models.YMReturn{{ID: 9, OrderID: 1, CreationDate: models.Time{Time: now.Add(-5 * 24 * time.Hour)},
		RefundStatus: "PREMODERATION_DECISION_WAITING", Items: []models.YMReturnItem{{ShopSku: "SKU", Count: 1}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutFeedbacks(ctx, []models.Feedback{inboxFeedback("f", 2*24*time.Hour, "Горчит")}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.RU} {
		tr := i18n.New(lang)
		p := inboxLoaded(t, lang, 160, st)
		if ids := inboxIDs(p); len(ids) != 2 || ids[0] != "/f" || ids[1] != "/9" {
			t.Fatalf("%s: inbox order %v: the dated feedback comes first", lang, ids)
		}
		view := ansi.Strip(p.View())
		age := tr.Get("due.ago", tr.Get("inbox.d", 5))
		line := strings.Split(view, "\n")[1]
		if !strings.Contains(line, age) || strings.Contains(line, tr.Get("inbox.overdue", "")) {
			t.Errorf("%s: the return's row %q does not show its age %q", lang, line, age)
		}
		u := p.Items()[1].u
		if u.Kind != store.KindReturn || u.HasDeadline() {
			t.Fatalf("%s: %+v", lang, u)
		}
		d := strings.Join(strings.Fields(ansi.Strip(inboxDetail(p.Items()[1], now, p.env.Keys, 100, p.env.Styles, tr))), " ")
		if !strings.Contains(d, dueRule(tr, models.RuleYMReturnNone)) || strings.Contains(d, "72") {
			t.Errorf("%s: the return's detail:\n%s", lang, d)
		}
	}
}
