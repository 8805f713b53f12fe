package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// bulkView draws the picker or the preview over the whole pane; ok is
// false when neither is open.
func (s *Split[T]) bulkView() (string, bool) {
	w, h := s.width, s.height
	switch {
	case s.bulk.preview != nil:
		return fit(s.previewView(w, h), w, h), true
	case s.bulk.picker != nil:
		title := s.env.Styles.Accent.Render(safe.Truncate(s.pickTitle(), w))
		return fit(title+"\n"+s.bulk.picker.View(w, h-1), w, h), true
	}
	return "", false
}

// pickTitle says what the template will answer.
func (s *Split[T]) pickTitle() string {
	tr := s.env.Tr
	if t := s.bulk.target; t.ids != nil {
		return tr.Get("bulk.pick.marked", len(t.ids))
	}
	if sec, ok := s.bulk.sections.active(); ok {
		return tr.Get("bulk.pick.section", safe.Line(sec.Name))
	}
	return ""
}

// previewView is every text that will go out, numbered, and every item
// left out with its reason, scrolled; the question and its keys last.
func (s *Split[T]) previewView(w, h int) string {
	p := s.bulk.preview
	st, tr := s.env.Styles, s.env.Tr
	var body []string
	n := 0
	for _, l := range p.lines {
		n++
		label := safe.Line(l.label)
		if label == "" {
			label = safe.Line(l.entry.ItemID)
		}
		num := strconv.Itoa(n) + ". "
		if l.skip != "" {
			body = append(body, st.Subtle.Render(safe.Truncate(num+label, w)))
			for _, line := range strings.Split(safe.Wrap(MarkFailed+" "+tr.Get("bulk.skipped", safe.Line(l.skip)), max(w-4, 10)), "\n") {
				body = append(body, "    "+st.Muted.Render(line))
			}
		} else {
			body = append(body, st.DetailLabel.Render(safe.Truncate(num+label, w)))
			for _, line := range strings.Split(safe.Wrap(safe.Text(l.entry.Text), max(w-4, 10)), "\n") {
				body = append(body, "    "+line)
			}
		}
		body = append(body, "")
	}
	rows := max(h-3, 1)
	p.top = min(p.top, max(len(body)-rows, 0))
	shown := body[p.top:min(p.top+rows, len(body))]

	title := tr.Get("bulk.preview.title", p.ready, len(p.lines), safe.Line(p.tmpl.Name))
	k, d := s.env.Keys.Confirm, s.env.Keys.Detail
	ask := tr.Get("bulk.preview.ask", k.Yes.Help().Key, p.ready, k.No.Help().Key, d.Down.Help().Key+"/"+d.Up.Help().Key)
	if p.ready == 0 {
		ask = tr.Get("bulk.preview.nothing", k.No.Help().Key)
	}
	if len(body) > rows {
		ask += "  " + tr.Get("bulk.preview.lines", p.top+1, p.top+len(shown), len(body))
	}
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(title, w)) + "\n\n")
	b.WriteString(strings.Join(shown, "\n"))
	for range rows - len(shown) {
		b.WriteString("\n")
	}
	b.WriteString("\n" + st.StatusWarn.Render(safe.Truncate(ask, w)))
	return b.String()
}

// marksLine is the banner line while items are marked: how many, and the
// keys that answer or clear them; "" when none is.
func (s *Split[T]) marksLine(width int) string {
	n := s.bulk.marks.n()
	if n == 0 {
		return ""
	}
	l := s.env.Keys.List
	line := MarkMarked + " " + s.env.Tr.Get("bulk.marked", n, l.Bulk.Help().Key, l.Back.Help().Key)
	return s.env.Styles.Accent.Render(safe.Pad(safe.Truncate(line, width), width))
}

// bulkBanner is the lines the sections and marks add above the list.
func (s *Split[T]) bulkBanner() []string {
	var out []string
	if bar := s.sectionBar(s.width); bar != "" {
		out = append(out, bar)
	}
	if m := s.marksLine(s.width); m != "" {
		out = append(out, m)
	}
	return out
}

func (s *Split[T]) bulkBannerLines() int {
	n := 0
	if len(s.bulk.sections.list) > 0 {
		n++
	}
	if s.bulk.marks.n() > 0 {
		n++
	}
	return n
}

// bulkHelp is the footer while the picker or the preview is open, or
// while items are marked; ok is false otherwise.
func (s *Split[T]) bulkHelp() ([]key.Binding, bool) {
	k := s.env.Keys
	switch {
	case s.bulk.preview != nil:
		return []key.Binding{k.Confirm.Yes, k.Confirm.No, k.Detail.Down, k.Detail.Up, k.Detail.PageDown}, true
	case s.bulk.picker != nil:
		return []key.Binding{k.Form.Apply, k.Form.Cancel, k.Filter.Down}, true
	case s.bulk.marks.n() > 0 && !s.list.Typing() && s.focus == focusList:
		return []key.Binding{k.List.Bulk, k.List.Mark, k.List.MarkRange, k.List.Back, k.List.Down, k.List.Up}, true
	}
	return nil, false
}

// bulkFullHelp is the ? screen's column of marks, bulk answers and
// sections, for the panes that have them.
func (s *Split[T]) bulkFullHelp() []key.Binding {
	l := s.env.Keys.List
	var out []key.Binding
	if s.marking() {
		out = append(out, l.Mark, l.MarkRange, l.Bulk)
	}
	if len(s.bulk.sections.list) > 0 {
		out = append(out, l.PrevSection, l.NextSection)
	}
	return out
}
