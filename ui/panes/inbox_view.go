package panes

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// inboxSoon is when a deadline turns from plain to a warning.
const inboxSoon = models.DueSoon

// inboxDeadline is the item's deadline under its kind's rule; without
// one its age counts from its creation.
func inboxDeadline(u store.Urgent) models.Deadline {
	return models.Deadline{Rule: kindRule(u.Kind), At: u.Deadline, Since: u.Created}
}

// inboxLeft is the time left as the deadline column shows it: "5 д 3 ч",
// "просрочено 2 ч", or without a deadline the age ("3 д назад"; "—" when
// not even that is known). Overdue times show their largest unit only:
// the exact lateness matters less than the fact.
func inboxLeft(tr i18n.T, u store.Urgent, now time.Time) string {
	if !u.HasDeadline() {
		if age, ok := inboxDeadline(u).Age(now); ok {
			return tr.Get("due.ago", dueAge(tr, age))
		}
		return "—"
	}
	left := u.Deadline.Sub(now)
	if left < 0 {
		return tr.Get("inbox.overdue", inboxSpan(tr, -left, true))
	}
	return inboxSpan(tr, left, false)
}

// inboxSpan is a duration in days and hours (hours and minutes under a
// day); coarse keeps the largest unit.
func inboxSpan(tr i18n.T, d time.Duration, coarse bool) string {
	const day = 24 * time.Hour
	switch {
	case d >= day:
		days, hours := int(d/day), int(d%day/time.Hour)
		if coarse || hours == 0 {
			return tr.Get("inbox.d", days)
		}
		return tr.Get("inbox.dh", days, hours)
	case d >= time.Hour:
		hours, mins := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if coarse || mins == 0 {
			return tr.Get("inbox.h", hours)
		}
		return tr.Get("inbox.hm", hours, mins)
	}
	return tr.Get("inbox.m", max(int(d/time.Minute), 1))
}

// inboxLeftWidth is the deadline column: the widest it gets in tr's
// language, so rows line up whatever their deadlines.
func inboxLeftWidth(tr i18n.T) int {
	w := dueWidth(tr, false) // the ages
	for _, s := range []string{
		tr.Get("inbox.overdue", inboxSpan(tr, 999*24*time.Hour, true)),
		tr.Get("inbox.overdue", inboxSpan(tr, 23*time.Hour, true)),
		inboxSpan(tr, 29*24*time.Hour+23*time.Hour, false),
		inboxSpan(tr, 23*time.Hour+59*time.Minute, false),
	} {
		w = max(w, safe.Width(s))
	}
	return w
}

// inboxLeftStyle: overdue in the error style, under a day in the warning
// style.
func inboxLeftStyle(u store.Urgent, now time.Time, st theme.Styles) (style func(...string) string) {
	switch left := u.Deadline.Sub(now); {
	case !u.HasDeadline():
		return st.Muted.Render
	case left < 0:
		return st.Danger.Render
	case left < inboxSoon:
		return st.Warning.Render
	}
	return st.Text.Render
}

// inboxRowView: pane, time left, [profile] title — snippet; exactly width
// cells.
func inboxRowView(r *inboxRow, now time.Time, width int, selected bool, st theme.Styles, tr i18n.T) string {
	label := safe.Pad(r.label, ui.PaneLabelWidth)
	left := safe.Pad(inboxLeft(tr, r.u, now), inboxLeftWidth(tr))
	text := r.title
	if r.snippet != "" {
		if text != "" {
			text += " — "
		}
		text += r.snippet
	}
	prefix := ""
	if r.profile != "" {
		prefix = "[" + safe.Line(r.profile) + "] "
	}
	used := safe.Width(label) + 1 + safe.Width(left) + 1
	room := max(width-used, 0)
	if ansi.StringWidth(prefix) > room {
		prefix = ansi.Truncate(prefix, room, safe.Ellipsis)
	}
	room -= ansi.StringWidth(prefix)
	if ansi.StringWidth(text) > room {
		text = ansi.Truncate(text, room, safe.Ellipsis)
	}
	text += strings.Repeat(" ", max(room-ansi.StringWidth(text), 0))
	if selected {
		return st.RowSelected.Render(label + " " + left + " " + prefix + text)
	}
	return st.Muted.Render(label+" ") + inboxLeftStyle(r.u, now, st)(left) + " " + st.Info.Render(prefix) + st.Row.Render(text)
}

// inboxDetail: title, where the item is, its dates and deadline with the
// rule behind it, the buyer's text, and the keys that act on it.
func inboxDetail(r *inboxRow, now time.Time, km keymap.KeyMap, width int, st theme.Styles, tr i18n.T) string {
	var b strings.Builder
	title := r.u.Title
	if r.title != "" {
		title = r.title
	}
	b.WriteString(st.DetailTitle.Render(safe.Wrap(title, width)) + "\n")
	b.WriteString(field(st, tr.Get("inbox.f.pane"), tr.Get(ui.TitleID(r.u.Pane)), width))
	if r.profile != "" {
		b.WriteString(field(st, tr.Get("inbox.f.profile"), r.profile, width))
	}
	b.WriteString(field(st, tr.Get("inbox.f.at"), fullTime(models.Time{Time: r.u.At}, tr), width))
	b.WriteString(dueDetail(inboxDeadline(r.u), now, width, st, tr))
	b.WriteString(st.Divider.Render(strings.Repeat("─", max(width, 1))) + "\n")
	if strings.TrimSpace(r.u.Snippet) != "" {
		b.WriteString(safe.Wrap(r.u.Snippet, width) + "\n\n")
	}
	open, answer := tr.Get("inbox.key.open"), tr.Get("inbox.key.answer")
	if r.profile != "" {
		open = tr.Get("inbox.key.open_other", safe.Line(r.profile))
	}
	keyLine := func(k, desc string) string {
		return st.HelpKey.Render(safe.Line(k)) + " " + st.HelpDesc.Render(safe.Truncate(desc, max(width-safe.Width(k)-1, 1)))
	}
	b.WriteString(keyLine(km.List.Open.Help().Key, open) + "\n")
	b.WriteString(keyLine(km.Reply.Answer.Help().Key, answer))
	return b.String()
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"inbox.d":              "%dd",
		"inbox.dh":             "%dd %dh",
		"inbox.h":              "%dh",
		"inbox.hm":             "%dh %dm",
		"inbox.m":              "%dm",
		"inbox.overdue":        "overdue %s",
		"inbox.f.pane":         "Tab",
		"inbox.f.profile":      "Profile",
		"inbox.f.at":           "Date",
		"inbox.key.open":       "open in its tab",
		"inbox.key.open_other": "switch to profile %s and open it there",
		"inbox.key.answer":     "answer in its tab",
		"inbox.switch":         "Switch to profile %s to open this item?",
	})
	i18n.Register(i18n.RU, map[string]string{
		"inbox.d":              "%d д",
		"inbox.dh":             "%d д %d ч",
		"inbox.h":              "%d ч",
		"inbox.hm":             "%d ч %d мин",
		"inbox.m":              "%d мин",
		"inbox.overdue":        "просрочено %s",
		"inbox.f.pane":         "Вкладка",
		"inbox.f.profile":      "Профиль",
		"inbox.f.at":           "Дата",
		"inbox.key.open":       "открыть во вкладке",
		"inbox.key.open_other": "перейти в профиль %s и открыть там",
		"inbox.key.answer":     "ответить во вкладке",
		"inbox.switch":         "Перейти в профиль %s, чтобы открыть этот элемент?",
	})
}
