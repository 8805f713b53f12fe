package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// searchChrome is the width the prompt takes beside the query field.
const searchChrome = 12

// searchHeader is the lines above the results: query, state, divider.
const searchHeader = 3

// searchDateWidth fits "02.01.2006".
const searchDateWidth = 10

// rows is how many results fit in a body of height h.
func (s *search) rows(h int) int { return max(h-searchHeader, 0) }

// view draws the overlay over the whole pane area, w×h cells.
func (s *search) view(w, h int) string {
	st, tr := s.env.Styles, s.env.Tr
	lines := make([]string, 0, h)
	prompt := tr.Get("search.prompt")
	s.input.SetWidth(max(w-safe.Width(prompt)-1, 4))
	lines = append(lines, st.FilterPrompt.Render(prompt)+s.input.View())
	lines = append(lines, s.state(w))
	lines = append(lines, st.Divider.Render(strings.Repeat("─", max(w, 1))))
	rows := s.rows(h)
	s.offset = max(min(s.offset, s.cursor), s.cursor-rows+1, 0)
	for i := s.offset; i < len(s.hits) && i < s.offset+rows; i++ {
		lines = append(lines, s.row(s.hits[i], w, i == s.cursor))
	}
	return strings.Join(lines, "\n")
}

// state is the line under the query: a hint, progress, the count, or why
// nothing shows.
func (s *search) state(w int) string {
	st, tr := s.env.Styles, s.env.Tr
	typed := store.MatchExpr(s.input.Value()) != ""
	switch {
	case !typed:
		return st.Muted.Render(safe.Truncate(tr.Get("search.hint"), w))
	case s.busy && s.asked == "":
		return st.Muted.Render(safe.Truncate(tr.Get("search.searching"), w))
	case s.err != nil:
		return st.ErrorBox.Render(safe.Truncate(tr.Get("search.error", ErrorText(s.err, tr)), w))
	case len(s.hits) == 0 && !s.busy:
		return st.Muted.Render(safe.Truncate(tr.Get("search.none", safe.Line(s.asked)), w))
	}
	n := len(s.hits)
	text := tr.Get("search.count", n, tr.Plural(n, tr.Get("search.result.one"), tr.Get("search.result.few"), tr.Get("search.result.many")))
	if n >= searchLimit {
		text = tr.Get("search.count_max", n)
	}
	if s.busy {
		text += " · " + tr.Get("search.searching")
	}
	return st.Muted.Render(safe.Truncate(text, w))
}

// row is one result: pane, date, title — snippet with the matched words
// marked, exactly w cells wide.
func (s *search) row(h searchHit, w int, selected bool) string {
	st, tr := s.env.Styles, s.env.Tr
	base, muted, match := st.Row, st.Muted, st.Match
	if selected {
		base = st.RowSelected
		muted, match = base, base.Underline(true)
	}
	label := safe.Pad(PaneLabel(tr, h.Pane), PaneLabelWidth)
	date := ""
	if !h.At.IsZero() {
		date = h.At.In(models.Moscow).Format("02.01.2006")
	}
	date = safe.Pad(date, searchDateWidth)
	var b strings.Builder
	b.WriteString(muted.Render(label + " " + date + " "))
	used := PaneLabelWidth + 1 + searchDateWidth + 1
	room := max(w-used, 0)
	title := safe.Line(h.Title)
	title = safe.Truncate(title, min(safe.Width(title), max(room/3, 12), room))
	if title != "" {
		b.WriteString(base.Bold(true).Render(title))
		used += safe.Width(title)
		if used+3 < w {
			b.WriteString(base.Render(" — "))
			used += 3
		}
	}
	snip, n := highlight(h.Snippet, max(w-used, 0), base, match)
	b.WriteString(snip)
	used += n
	if used < w {
		b.WriteString(base.Render(strings.Repeat(" ", w-used)))
	}
	return b.String()
}

// highlight renders an FTS snippet in at most room cells: the text is
// sanitized first (the marks, private-use characters, survive it), then
// the marked words are styled with match and the rest with base. It
// returns the width drawn.
func highlight(snippet string, room int, base, match lipgloss.Style) (string, int) {
	s := safe.Line(snippet)
	var b strings.Builder
	used, on := 0, false
	for s != "" && used < room {
		seg, rest := s, ""
		if i := strings.IndexAny(s, store.MarkStart+store.MarkEnd); i >= 0 {
			seg, rest = s[:i], s[i:]
		}
		if seg != "" {
			w := ansi.StringWidth(seg)
			if used+w > room {
				seg = ansi.Truncate(seg, room-used, safe.Ellipsis)
				w, rest = ansi.StringWidth(seg), ""
			}
			style := base
			if on {
				style = match
			}
			b.WriteString(style.Render(seg))
			used += w
		}
		if rest == "" {
			break
		}
		r, size := utf8.DecodeRuneInString(rest)
		on = string(r) == store.MarkStart
		s = rest[size:]
	}
	return b.String(), used
}

// help is the footer while the overlay is open.
func (s *search) help() []key.Binding {
	k := s.env.Keys
	open, closeKey := k.Filter.Apply, k.Filter.Clear
	open.SetHelp(open.Help().Key, s.env.Tr.Get("search.open"))
	closeKey.SetHelp(closeKey.Help().Key, s.env.Tr.Get("search.close"))
	return []key.Binding{open, k.Filter.Down, k.Filter.Up, closeKey}
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"search.prompt":      "Search: ",
		"search.placeholder": "words from a question, feedback, chat, claim or return",
		"search.hint":        "Searches everything saved for this profile. Words match by their beginning; ё = е.",
		"search.searching":   "searching…",
		"search.error":       "Search failed: %s",
		"search.none":        "Nothing found for “%s”",
		"search.count":       "%d %s",
		"search.result.one":  "result",
		"search.result.few":  "results",
		"search.result.many": "results",
		"search.count_max":   "the best %d results",
		"search.open":        "open",
		"search.close":       "close",
	})
	i18n.Register(i18n.RU, map[string]string{
		"search.prompt":      "Поиск: ",
		"search.placeholder": "слова из вопроса, отзыва, чата, заявки или возврата",
		"search.hint":        "Ищет во всём, что сохранено для этого профиля. Слова находятся по началу; ё = е.",
		"search.searching":   "ищем…",
		"search.error":       "Поиск не удался: %s",
		"search.none":        "По запросу «%s» ничего не найдено",
		"search.count":       "%d %s",
		"search.result.one":  "результат",
		"search.result.few":  "результата",
		"search.result.many": "результатов",
		"search.count_max":   "%d лучших результатов",
		"search.open":        "открыть",
		"search.close":       "закрыть",
	})
}
