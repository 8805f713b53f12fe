package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// view draws the manager over the whole pane area, w×h cells (the app
// fits it).
func (m *tmplManager) view(w, h int) string {
	if m.form != nil {
		return m.formView(w, h)
	}
	return m.listView(w, h)
}

// title is the screen's heading with the file it edits.
func (m *tmplManager) title(w int, text string) string {
	st := m.env.Styles
	text = safe.Truncate(text, w)
	out := st.DetailTitle.Render(text)
	if room := w - safe.Width(text) - 2; room > 8 {
		out += st.Muted.Render("  " + safe.Truncate(tildePath(m.store.Path()), room))
	}
	return out
}

// notes are the lines about the last write: in flight, or why it failed.
func (m *tmplManager) notes(w int) []string {
	st, tr := m.env.Styles, m.env.Tr
	switch {
	case m.busy:
		return []string{st.Muted.Render(safe.Truncate(tr.Get("tm.saving"), w))}
	case m.err != "":
		return styledLines(st.ErrorBox, "", safe.Wrap(m.err, w))
	}
	return nil
}

func (m *tmplManager) listView(w, h int) string {
	st, tr := m.env.Styles, m.env.Tr
	lines := []string{m.title(w, tr.Get("tm.title"))}
	if notes := m.notes(w); notes != nil {
		lines = append(lines, notes...)
	} else {
		n := len(m.list)
		count := tr.Get("tm.count", n, tr.Plural(n, tr.Get("tm.template.one"), tr.Get("tm.template.few"), tr.Get("tm.template.many")))
		lines = append(lines, st.Muted.Render(safe.Truncate(count, w)))
	}
	lines = append(lines, st.Divider.Render(strings.Repeat("─", max(w, 1))))
	var question []string
	if m.confirm != nil {
		question = append([]string{""}, strings.Split(m.confirm.View(w), "\n")...)
	}
	if len(m.list) == 0 {
		lines = append(lines, st.Muted.Render(safe.Truncate(tr.Get("tm.empty", m.env.Keys.Templates.New.Help().Key), w)))
	} else {
		c := tmplColumns(w)
		lines = append(lines, st.Muted.Render(c.header(tr)))
		rows := max(h-len(lines)-len(question), 1)
		m.offset = max(min(m.offset, m.cursor), m.cursor-rows+1, 0)
		for i := m.offset; i < len(m.list) && i < m.offset+rows; i++ {
			lines = append(lines, m.row(m.list[i], c, i == m.cursor))
		}
	}
	return strings.Join(append(lines, question...), "\n")
}

// tmplCols are the list's column widths; the text takes what is left.
type tmplCols struct{ name, panes, ratings, text int }

func tmplColumns(w int) tmplCols {
	c := tmplCols{name: min(max(w*3/10, 12), 32), panes: min(max(w/5, 10), 26), ratings: 8}
	c.text = max(w-2-c.name-c.panes-c.ratings-3, 0)
	return c
}

func (c tmplCols) header(tr i18n.T) string {
	return "  " + safe.Pad(tr.Get("tm.col.name"), c.name) + " " + safe.Pad(tr.Get("tm.col.panes"), c.panes) + " " +
		safe.Pad(tr.Get("tm.col.ratings"), c.ratings) + " " + safe.Pad(tr.Get("tm.col.text"), c.text)
}

// row is one template: name, panes, ratings, the text's first line; the
// file may have been edited by hand, so every part is sanitized.
func (m *tmplManager) row(t reply.Template, c tmplCols, selected bool) string {
	st, tr := m.env.Styles, m.env.Tr
	head := safe.Pad(t.Name, c.name) + " " + safe.Pad(panesLabel(tr, t.Panes), c.panes) + " " +
		safe.Pad(ratingsLabel(tr, t.Ratings), c.ratings) + " "
	text := safe.Pad(firstLine(t.Text), c.text)
	if selected {
		return st.RowSelected.Render("› " + head + text)
	}
	return st.Row.Render("  "+head) + st.Muted.Render(text)
}

func panesLabel(tr i18n.T, panes []reply.Pane) string {
	if len(panes) == 0 {
		return tr.Get("tm.panes.all")
	}
	names := make([]string, len(panes))
	for i, p := range panes {
		names[i] = tr.Get(TitleID(p))
	}
	return strings.Join(names, ", ")
}

func ratingsLabel(tr i18n.T, ratings []int) string {
	if len(ratings) == 0 {
		return tr.Get("tm.ratings.any")
	}
	return formatRatings(ratings, "–")
}

// firstLine is the first line of text that has something on it.
func firstLine(text string) string {
	for l := range strings.SplitSeq(text, "\n") {
		if l = safe.Line(l); l != "" {
			return l
		}
	}
	return ""
}

func (m *tmplManager) formView(w, h int) string {
	f := m.form
	st, tr := m.env.Styles, m.env.Tr
	heading := tr.Get("tm.new")
	if f.editing {
		heading = tr.Get("tm.edit", safe.Line(f.orig))
	}
	labels := [fieldCount]string{tr.Get("tm.field.name"), tr.Get("tm.field.panes"), tr.Get("tm.field.ratings"), tr.Get("tm.field.text")}
	lw := 0
	for _, l := range labels {
		lw = max(lw, safe.Width(l))
	}
	indent := strings.Repeat(" ", 2+lw+2)
	label := func(i tmplField) string {
		marker := "  "
		if f.focus == i {
			marker = st.Accent.Render("› ")
		}
		return marker + st.DetailLabel.Render(safe.Pad(labels[i], lw)) + "  "
	}
	inputW := max(w-len(indent)-1, 4)
	f.name.SetWidth(inputW)
	f.ratings.SetWidth(inputW)

	top := []string{label(fieldName) + f.name.View()}
	top = append(top, f.panesLines(label(fieldPanes), indent, w)...)
	top = append(top, label(fieldRatings)+f.ratings.View())
	names := make([]string, len(reply.Placeholders))
	for i, p := range reply.Placeholders {
		names[i] = p.Name
	}
	known := strings.Split(safe.Wrap(tr.Get("tm.known", braced(names)), max(w-len(indent), 10)), "\n")
	var problems []string
	for _, p := range f.problems() {
		problems = append(problems, styledLines(st.ErrorBox, "  ", safe.Wrap(p, max(w-2, 10)))...)
	}
	problems = append(problems, m.notes(w)...)
	if m.confirm != nil {
		problems = append(problems, strings.Split(m.confirm.View(w), "\n")...)
	}
	title := []string{m.title(w, heading), ""}
	used := []string{f.usedLine(w)}

	// The text keeps at least textMin rows and the problems stay in view:
	// in a short window the blank line, the placeholder list, the title
	// and the used placeholders give way, in that order.
	const textMin = 2
	rest := func() int {
		return h - len(title) - len(top) - max(len(known), 1) - len(used) - len(problems)
	}
	for _, drop := range []func(){
		func() { title = title[:1] }, func() { known = nil }, func() { title = nil }, func() { used = nil },
	} {
		if rest() >= textMin {
			break
		}
		drop()
	}
	lines := append(title, top...)
	if len(known) == 0 {
		lines = append(lines, label(fieldText))
	}
	for i, l := range known {
		lead := indent
		if i == 0 {
			lead = label(fieldText)
		}
		lines = append(lines, lead+st.Muted.Render(l))
	}
	f.text.SetWidth(max(w-2, 10))
	f.text.SetHeight(max(rest(), textMin))
	for l := range strings.SplitSeq(f.text.View(), "\n") {
		lines = append(lines, "  "+l)
	}
	lines = append(lines, used...)
	return strings.Join(append(lines, problems...), "\n")
}

// panesLines draws the panes field: "all" and each pane, ticked ones in
// brackets, the cursor highlighted while the field has focus; wrapped to
// w after first, continuing at indent.
func (f *tmplForm) panesLines(first, indent string, w int) []string {
	st, tr := f.env.Styles, f.env.Tr
	items := []string{tr.Get("tm.panes.all_choice")}
	ticked := []bool{len(f.panes) == 0}
	for _, p := range reply.Panes {
		items = append(items, tr.Get(TitleID(p)))
		ticked = append(ticked, slices.Contains(f.panes, p))
	}
	var lines []string
	cur, curW := first, safe.Width(first)
	for i, it := range items {
		text, style := " "+it+" ", st.Text
		if ticked[i] {
			text, style = "["+it+"]", st.Accent
		}
		if f.focus == fieldPanes && f.choice == i {
			style = st.RowSelected
		}
		cw := safe.Width(text)
		if curW+cw > w && curW > len(indent) {
			lines = append(lines, cur)
			cur, curW = indent, len(indent)
		}
		cur += style.Render(text) + " "
		curW += cw + 1
	}
	return append(lines, cur)
}

// usedLine lists the placeholders of the text, unknown ones marked as
// errors.
func (f *tmplForm) usedLine(w int) string {
	st, tr := f.env.Styles, f.env.Tr
	names, known := f.used()
	if len(names) == 0 {
		return "  " + st.Muted.Render(safe.Truncate(tr.Get("tm.used.none"), max(w-2, 1)))
	}
	lead := tr.Get("tm.used") + " "
	out, used := "  "+st.Muted.Render(lead), 2+safe.Width(lead)
	for i, n := range names {
		cell := safe.Line("{" + n + "}")
		if used+safe.Width(cell) > w {
			break
		}
		style := st.Accent
		if !known[i] {
			style = st.ErrorBox
		}
		out += style.Render(cell) + " "
		used += safe.Width(cell) + 1
	}
	return out
}

// styledLines styles each line of text, after lead.
func styledLines(style lipgloss.Style, lead, text string) []string {
	var out []string
	for l := range strings.SplitSeq(text, "\n") {
		out = append(out, lead+style.Render(l))
	}
	return out
}

// help is the footer while the manager is open.
func (m *tmplManager) help() []key.Binding {
	k, c := m.env.Keys.Templates, m.env.Keys.Confirm
	switch {
	case m.confirm != nil:
		return []key.Binding{c.Yes, c.No}
	case m.form != nil:
		out := []key.Binding{k.Save, k.NextField}
		if m.form.focus == fieldPanes {
			out = append(out, k.Toggle, k.NextChoice)
		}
		return append(out, k.Close)
	}
	closeKey := k.Close
	closeKey.SetHelp(closeKey.Help().Key, m.env.Tr.Get("tm.help.close"))
	return []key.Binding{k.New, k.Edit, k.Delete, k.Down, k.Up, closeKey}
}
