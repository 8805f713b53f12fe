package panes

import (
	"strings"
	"sync"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Every pane shows an item's deadline from models' rules, or its age where
// the marketplace documents none: never an invented date.

// kindRule is the rule of a stored item's kind, for the Inbox, which holds
// no models.
func kindRule(k store.Kind) models.DeadlineRule {
	switch k {
	case store.KindChat:
		return models.RuleWBChatReply
	case store.KindClaim:
		return models.RuleWBClaim
	case store.KindFeedback:
		return models.RuleWBFeedbackArchive
	case store.KindReturn:
		return models.RuleYMReturnNone
	}
	return models.RuleWBQuestionNone
}

// dueAge is an age in its largest unit, years past a year: "3 д", "5 ч".
func dueAge(tr i18n.T, d time.Duration) string {
	const day = 24 * time.Hour
	if d >= 365*day {
		return tr.Get("due.y", int(d/(365*day)))
	}
	return inboxSpan(tr, d, true)
}

// dueShort is a row's deadline column: the time left in its largest unit,
// "overdue", or the item's age ("3 d ago"); "" when not even the age is
// known.
func dueShort(tr i18n.T, d models.Deadline, now time.Time) string {
	if d.Dated() {
		if d.Overdue(now) {
			return tr.Get("due.overdue_short")
		}
		return inboxSpan(tr, d.Left(now), true)
	}
	if age, ok := d.Age(now); ok {
		return tr.Get("due.ago", dueAge(tr, age))
	}
	return ""
}

// dueCell is a row's deadline column, padded to dueWidth: rows keep it
// from when they were read, as they keep their dates.
func dueCell(tr i18n.T, d models.Deadline, now time.Time, dated bool) string {
	return safe.Pad(dueShort(tr, d, now), dueWidth(tr, dated))
}

// dueWidth is the deadline column: as wide as its widest text in tr's
// language, so rows line up. dated: the pane's items can have deadlines
// (otherwise the column only ever holds ages). Every row asks, so the
// width is measured once per language.
func dueWidth(tr i18n.T, dated bool) int {
	k := dueWidthKey{tr.Lang, dated}
	if w, ok := dueWidths.Load(k); ok {
		return w.(int)
	}
	forms := []string{
		tr.Get("due.ago", dueAge(tr, 364*24*time.Hour)),
		tr.Get("due.ago", dueAge(tr, 23*time.Hour)),
		tr.Get("due.ago", dueAge(tr, 59*time.Minute)),
		tr.Get("due.ago", dueAge(tr, 99*365*24*time.Hour)),
	}
	if dated {
		forms = append(forms, tr.Get("due.overdue_short"), inboxSpan(tr, 29*24*time.Hour, true),
			inboxSpan(tr, 23*time.Hour, true), inboxSpan(tr, 59*time.Minute, true))
	}
	w := 1
	for _, s := range forms {
		w = max(w, safe.Width(s))
	}
	dueWidths.Store(k, w)
	return w
}

type dueWidthKey struct {
	lang  i18n.Lang
	dated bool
}

// dueWidths caches dueWidth: the catalogue does not change after init.
var dueWidths sync.Map

// dueStyle is the urgent style of a deadline passed (Danger) or less than
// a day away (Warning), over the row's base style so that the row's
// weight stays without colour; nil when the deadline is not urgent.
func dueStyle(d models.Deadline, now time.Time, base lipgloss.Style, st theme.Styles) *lipgloss.Style {
	switch {
	case d.Overdue(now):
		s := st.Danger.Inherit(base)
		return &s
	case d.Urgent(now):
		s := st.Warning.Inherit(base)
		return &s
	}
	return nil
}

// dueRule names the rule in words, with the number from models.
func dueRule(tr i18n.T, r models.DeadlineRule) string {
	days := int(r.Window() / (24 * time.Hour))
	switch r {
	case models.RuleWBChatReply, models.RuleWBClaim, models.RuleWBFeedbackArchive:
		return tr.Get("due.rule."+string(r), days)
	case models.RuleYMReturnNone:
		return tr.Get("due.rule." + string(r))
	}
	return tr.Get("due.rule." + string(models.RuleWBQuestionNone))
}

// dueDetail is the detail's deadline line (the date and the time left, or
// the age) and the rule behind it, each wrapped to width.
func dueDetail(d models.Deadline, now time.Time, width int, st theme.Styles, tr i18n.T) string {
	var b strings.Builder
	switch {
	case d.Dated():
		l := safe.Line(tr.Get("due.f.deadline")) + ": "
		left := inboxSpan(tr, d.Left(now), false)
		if d.Overdue(now) {
			left = tr.Get("inbox.overdue", inboxSpan(tr, now.Sub(d.At), true))
		} else {
			left = tr.Get("due.left", left)
		}
		when := fullTime(models.Time{Time: d.At}, tr) + " · " + left
		style := st.Text
		if s := dueStyle(d, now, st.Text, st); s != nil {
			style = *s
		}
		b.WriteString(st.DetailLabel.Render(l) + style.Render(safe.Wrap(when, max(width-safe.Width(l), 10))) + "\n")
	default:
		if age, ok := d.Age(now); ok {
			b.WriteString(field(st, tr.Get("due.f.age"), inboxSpan(tr, age, false), width))
		}
	}
	b.WriteString(st.Muted.Render(safe.Wrap(dueRule(tr, d.Rule), width)) + "\n")
	return b.String()
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"due.overdue_short":            "overdue",
		"due.ago":                      "%s ago",
		"due.y":                        "%dy",
		"due.left":                     "%s left",
		"due.f.deadline":               "Deadline",
		"due.f.age":                    "Age",
		"due.rule.wb.chat.reply":       "WB recommends answering a buyer's chat message within %d days.",
		"due.rule.wb.claim":            "WB: a claim can be answered for %d days from its date.",
		"due.rule.wb.feedback.archive": "WB: a feedback left unanswered for %d days moves to the archive.",
		"due.rule.wb.question.none":    "WB sets no deadline for answering a question: its age is shown.",
		"due.rule.ym.return.none":      "Market approves the return itself if you do not decide in time, but documents no deadline: its age is shown.",
	})
	i18n.Register(i18n.RU, map[string]string{
		"due.overdue_short":            "просрочено",
		"due.ago":                      "%s назад",
		"due.y":                        "%d г",
		"due.left":                     "осталось %s",
		"due.f.deadline":               "Срок",
		"due.f.age":                    "Возраст",
		"due.rule.wb.chat.reply":       "WB рекомендует отвечать на сообщения покупателя в чате в течение %d дней.",
		"due.rule.wb.claim":            "WB: на заявку можно ответить в течение %d дней с её даты.",
		"due.rule.wb.feedback.archive": "WB: отзыв без ответа уходит в архив через %d дней.",
		"due.rule.wb.question.none":    "WB не ставит срока ответа на вопрос: показан его возраст.",
		"due.rule.ym.return.none":      "Маркет сам одобрит возврат, если вы не решите вовремя, но срок не публикует: показан возраст.",
	})
}
