package panes

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Shared formatting for every pane. Everything buyer- or server-supplied
// goes through package safe before it is styled.

// shortTime is "14:05" today, "12 мар" / "12 Mar" this year, else "12.03.2025",
// in Moscow time: the marketplaces' and the sellers' clock.
func shortTime(t models.Time, now time.Time, tr i18n.T) string {
	if t.IsUnknown() { // the column is 6 wide; the detail says "unknown"
		return tr.Get("time.unknown_short")
	}
	if t.IsZero() {
		return ""
	}
	lt, ln := t.In(models.Moscow), now.In(models.Moscow)
	switch {
	case lt.YearDay() == ln.YearDay() && lt.Year() == ln.Year():
		return lt.Format("15:04")
	case lt.Year() == ln.Year():
		return strconv.Itoa(lt.Day()) + " " + monthShort(lt.Month(), tr)
	}
	return lt.Format("02.01.2006")
}

// fullTime is "12.03.2026 14:05 MSK"; a timestamp the marketplace sent
// in no readable form is "unknown", never year 1.
func fullTime(t models.Time, tr i18n.T) string {
	if t.IsUnknown() {
		return tr.Get("time.unknown")
	}
	if t.IsZero() {
		return "—"
	}
	return t.In(models.Moscow).Format("02.01.2006 15:04") + " MSK"
}

var monthsRU = [...]string{"янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"}

func monthShort(m time.Month, tr i18n.T) string {
	if tr.Lang == i18n.RU {
		return monthsRU[m-1]
	}
	return m.String()[:3]
}

// money formats 1234.5 as "1 234,50 ₽" (ru) or "1,234.50 RUB" (en).
func money(v float64, currency string, tr i18n.T) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	intPart, frac := s[:len(s)-3], s[len(s)-2:]
	sep, dec := ",", "."
	if tr.Lang == i18n.RU {
		sep, dec = "\u00a0", ","
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	out := b.String() + dec + frac
	if neg {
		out = "−" + out
	}
	switch currency {
	case "", "RUR", "RUB", "643":
		if tr.Lang == i18n.RU {
			return out + "\u00a0₽"
		}
		return out + " RUB"
	}
	return out + " " + safe.Line(currency)
}

// stars renders a 1..5 rating as ★★★☆☆ in the star styles.
func stars(n int, st theme.Styles) string {
	n = max(0, min(5, n))
	return st.Star.Render(strings.Repeat("★", n)) + st.StarEmpty.Render(strings.Repeat("☆", 5-n))
}

// field is one "Label: value" line of a detail view, the value sanitized
// and wrapped under the label.
func field(st theme.Styles, label, value string, width int) string {
	if value == "" {
		return ""
	}
	// a value is normally short; a hostile one is cut like WrapLong cuts
	// (longField says how much is left)
	if v, rest := safe.Clip(value, ui.LongTextLimit); rest > 0 {
		value = v + "…"
	}
	l := safe.Line(label) + ": "
	return st.DetailLabel.Render(l) + safe.Wrap(safe.Text(value), max(width-safe.Width(l), 10)) + "\n"
}

// longField is field for a buyer's free text (pros, cons, a comment): a
// long one is cut with a line saying how much more o shows in the pager.
func longField(st theme.Styles, tr i18n.T, label, value string, width int) string {
	if value == "" {
		return ""
	}
	l := safe.Line(label) + ": "
	return st.DetailLabel.Render(l) + ui.WrapLong(value, max(width-safe.Width(l), 10), st, tr) + "\n"
}

// fullText joins an item's texts for the pager (SplitConfig.FullText),
// a blank line between them, when the detail cuts one of them; "" when it
// shows them all (o then stays with its other uses).
func fullText(parts ...string) string {
	if !slices.ContainsFunc(parts, ui.IsLong) {
		return ""
	}
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n\n")
}

// section is a bold heading followed by a blank-free body.
func section(st theme.Styles, title string) string {
	return "\n" + st.DetailTitle.Render(safe.Line(title)) + "\n"
}

func init() {
	i18n.Register(i18n.EN, map[string]string{"time.unknown": "unknown", "time.unknown_short": "?"})
	i18n.Register(i18n.RU, map[string]string{"time.unknown": "неизвестно", "time.unknown_short": "?"})
}
