package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Row markers the panes draw in a list row's state columns. They are
// plain characters, so a row can measure them; the legend explains each.
const (
	MarkWaiting  = "●" // the item needs the seller: an answer, a decision
	MarkUnseen   = "•" // a question nobody has opened on the portal yet
	MarkRejected = "×" // a question the seller rejected
	MarkLook     = "?" // a chat the events feed cannot vouch for
	MarkPending  = "…" // a chat whose events are still being read
	MarkHeld     = "✍" // a colleague is writing to the item (team inbox)
	// MarkMarked is an item marked for a bulk answer (space, V); the
	// mark column shows only while something is marked.
	MarkMarked = "◆"
)

// bulkPanes are the panes whose items can be marked and answered in bulk.
var bulkPanes = []PaneID{PaneQuestions, PaneFeedbacks, PaneChats}

// legendItem explains one marker. Its sample is the marker itself, or a
// message id for samples that are words ("[fast]", "3p 0v").
type legendItem struct {
	mark   string
	markID string
	desc   string
	panes  []PaneID
}

func (l legendItem) sample(tr i18n.T) string {
	if l.markID != "" {
		return tr.Get(l.markID)
	}
	return l.mark
}

// replyPanes are the panes whose items can be answered or decided.
var replyPanes = []PaneID{PaneReturns, PaneQuestions, PaneFeedbacks, PaneChats, PaneClaims}

// legend is every row marker, in the ? screen's columns: what waits, the
// reply's state, what a pane adds to its rows, the inbox's deadlines.
var legend = [][]legendItem{
	{
		{mark: MarkWaiting, desc: "legend.waiting", panes: replyPanes},
		{mark: MarkUnseen, desc: "legend.unseen", panes: []PaneID{PaneQuestions}},
		{mark: MarkRejected, desc: "legend.rejected", panes: []PaneID{PaneQuestions}},
		{mark: MarkLook, desc: "legend.look", panes: []PaneID{PaneChats}},
		{mark: MarkPending, desc: "legend.pending", panes: []PaneID{PaneChats}},
	},
	{
		{mark: DraftMarker, desc: "legend.draft", panes: replyPanes},
		{mark: MarkSending, desc: "legend.sending", panes: replyPanes},
		{mark: MarkSent, desc: "legend.sent", panes: replyPanes},
		{mark: MarkFailed, desc: "legend.failed", panes: replyPanes},
	},
	{
		{mark: "★☆", desc: "legend.stars", panes: []PaneID{PaneFeedbacks}},
		{markID: "legend.fast.mark", desc: "legend.fast", panes: []PaneID{PaneReturns}},
		{mark: "+2", desc: "legend.more", panes: []PaneID{PaneReturns}},
		{markID: "legend.media.mark", desc: "legend.media", panes: []PaneID{PaneClaims}},
		{mark: MarkMarked, desc: "legend.marked", panes: bulkPanes},
	},
	{
		{markID: "legend.left.mark", desc: "legend.left", panes: []PaneID{PaneInbox, PaneFeedbacks, PaneChats, PaneClaims}},
		{markID: "legend.overdue.mark", desc: "legend.overdue", panes: []PaneID{PaneInbox, PaneFeedbacks, PaneChats, PaneClaims}},
		{markID: "legend.age.mark", desc: "legend.age", panes: append([]PaneID{PaneInbox}, replyPanes...)},
		{mark: "—", desc: "legend.none", panes: []PaneID{PaneInbox}},
		{markID: "legend.profile.mark", desc: "legend.profile", panes: []PaneID{PaneInbox}},
		// last: only the team inbox shows it, so the one-line legend
		// gives its room to the others first
		{mark: MarkHeld, desc: "legend.held", panes: append([]PaneID{PaneInbox}, replyPanes...)},
	},
}

// legendColumns are the legend as help columns: a sample and what it means.
// The bindings only describe; nothing matches them against keys.
func legendColumns(tr i18n.T) [][]key.Binding {
	out := make([][]key.Binding, 0, len(legend))
	for _, col := range legend {
		bs := make([]key.Binding, 0, len(col))
		for _, l := range col {
			s := l.sample(tr)
			bs = append(bs, key.NewBinding(key.WithKeys(s), key.WithHelp(s, tr.Get(l.desc))))
		}
		out = append(out, bs)
	}
	return out
}

// legendLine is the one-line legend of a pane's markers, "● needs you ·
// ✎ draft · …", as many whole entries as fit in width cells; "" when not
// even two fit, since one marker alone explains too little to be worth
// the room.
func legendLine(tr i18n.T, pane PaneID, width int) string {
	var parts []string
	used := 0
	for _, col := range legend {
		for _, l := range col {
			if !slices.Contains(l.panes, pane) {
				continue
			}
			part := l.sample(tr) + " " + tr.Get(l.desc)
			w := ansi.StringWidth(part)
			if len(parts) > 0 {
				w += len(" · ")
			}
			if used+w > width {
				return joinLegend(parts)
			}
			parts = append(parts, part)
			used += w
		}
	}
	return joinLegend(parts)
}

func joinLegend(parts []string) string {
	if len(parts) < 2 {
		return ""
	}
	return strings.Join(parts, " · ")
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"legend.title":        "Row markers",
		"legend.waiting":      "needs you",
		"legend.unseen":       "not opened on the portal",
		"legend.rejected":     "rejected",
		"legend.look":         "buyer may be waiting [why]",
		"legend.pending":      "chat still being read",
		"legend.draft":        "unsent draft",
		"legend.sending":      "reply on its way",
		"legend.sent":         "reply delivered",
		"legend.failed":       "reply not sent",
		"legend.held":         "colleague answers",
		"legend.stars":        "rating",
		"legend.fast.mark":    "[fast]",
		"legend.fast":         "refunded before arrival",
		"legend.more":         "more items",
		"legend.media.mark":   "3p 0v",
		"legend.media":        "photos, videos",
		"legend.marked":       "marked for a bulk answer",
		"legend.left.mark":    "2d 5h",
		"legend.left":         "time left",
		"legend.overdue.mark": "overdue 1d",
		"legend.overdue":      "deadline passed",
		"legend.none":         "no deadline",
		"legend.age.mark":     "3d ago",
		"legend.age":          "age, no deadline",
		"legend.profile.mark": "[shop]",
		"legend.profile":      "another profile",
		"help.keys_more":      "more keys",
		"help.scroll":         "%s/%s scroll · %d%%",
		"help.profiles_one":   "profiles (add one with login)",
	})
	i18n.Register(i18n.RU, map[string]string{
		"legend.title":        "Значки в строках",
		"legend.waiting":      "ждёт вас",
		"legend.unseen":       "не открыт на портале",
		"legend.rejected":     "отклонён",
		"legend.look":         "покупатель может ждать [почему]",
		"legend.pending":      "чат ещё читается",
		"legend.draft":        "черновик",
		"legend.sending":      "ответ отправляется",
		"legend.sent":         "ответ доставлен",
		"legend.failed":       "ответ не отправлен",
		"legend.held":         "отвечает коллега",
		"legend.stars":        "оценка",
		"legend.fast.mark":    "[быстрый]",
		"legend.fast":         "деньги до получения товара",
		"legend.more":         "ещё товары",
		"legend.media.mark":   "3ф 0в",
		"legend.media":        "фото, видео",
		"legend.marked":       "отмечено для ответа разом",
		"legend.left.mark":    "2 д 5 ч",
		"legend.left":         "осталось",
		"legend.overdue.mark": "просрочено 1 д",
		"legend.overdue":      "срок прошёл",
		"legend.none":         "срока нет",
		"legend.age.mark":     "3 д назад",
		"legend.age":          "возраст, срока нет",
		"legend.profile.mark": "[магазин]",
		"legend.profile":      "другой профиль",
		"help.keys_more":      "ещё клавиши",
		"help.scroll":         "%s/%s прокрутка · %d%%",
		"help.profiles_one":   "профили (добавьте через login)",
	})
}
