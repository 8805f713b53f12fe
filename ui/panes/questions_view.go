package panes

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Row markers. They are plain characters so rowLine can measure them and
// the whole row is styled once.
const (
	wbMarkWaiting  = "●" // needs an answer
	wbMarkRejected = "×" // question rejected by the seller
	wbMarkUnseen   = "•" // nobody has opened it on the portal yet
	wbDateWidth    = 6   // "14:05", "12 Mar"; older years overflow by design
)

// wbLine is buyer or server text as one inert line.
func wbLine(s string) string { return safe.Line(s) }

// wbRowLine joins row columns into one line exactly width cells wide,
// truncating the last (free-text) column. Unlike rowLine it keeps the
// padding of the fixed columns (rowLine's final safe.Pad collapses runs
// of spaces, which misaligns them); that is safe because every column
// was sanitized when the row was built and the others are ours.
func wbRowLine(width int, cols ...string) string {
	var b strings.Builder
	used := 0
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(' ')
			used++
		}
		if i == len(cols)-1 {
			if room := max(width-used, 0); ansi.StringWidth(c) > room {
				c = ansi.Truncate(c, room, safe.Ellipsis)
			}
		}
		b.WriteString(c)
		used += ansi.StringWidth(c)
	}
	if used > width {
		return ansi.Truncate(b.String(), width, "")
	}
	return b.String() + strings.Repeat(" ", width-used)
}

// wbRowStyle styles a finished row: selection wins, then items waiting
// for the seller stand out.
func wbRowStyle(line string, selected, waiting bool, st theme.Styles) string {
	switch {
	case selected:
		return st.RowSelected.Render(line)
	case waiting:
		return st.RowUnread.Render(line)
	}
	return st.Row.Render(line)
}

// questionsRow: date, state marker, viewed marker, product — question.
func questionsRow(r *questionRow, width int, selected bool, st theme.Styles) string {
	return questionsRowMarked(r, width, selected, st, "")
}

// questionsRowMarked puts the reply column (outbox state, draft) after
// the date when mark is not "".
func questionsRowMarked(r *questionRow, width int, selected bool, st theme.Styles, mark string) string {
	state := " "
	switch {
	case !r.q.Answered():
		state = wbMarkWaiting
	case r.q.State == models.QuestionRejected:
		state = wbMarkRejected
	}
	seen := " "
	if !r.q.WasViewed {
		seen = wbMarkUnseen
	}
	line := wbRowLine(width, wbwCols(safe.Pad(r.date, wbDateWidth), mark, state+seen, r.product+" — "+r.text)...)
	return wbRowStyle(line, selected, !r.q.Answered(), st)
}

// questionsDetail renders the whole question: text, dates, state, the
// product and the answer.
func questionsDetail(r *questionRow, width int, st theme.Styles, tr i18n.T) string {
	q := r.q
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(q.ProductDetails.ProductName, width)) + "\n\n")
	b.WriteString(ui.WrapLong(q.Text, width, st, tr) + "\n")
	b.WriteString("\n")
	b.WriteString(field(st, tr.Get("wb.date"), fullTime(q.CreatedDate, tr), width))
	b.WriteString(field(st, tr.Get("wb.state"), tr.Label(wbGroupQuestionState, string(q.State)), width))
	b.WriteString(field(st, tr.Get("wbq.viewed"), wbYesNo(tr, q.WasViewed), width))
	if q.IsWarned {
		b.WriteString(st.Warning.Render(safe.Truncate(tr.Get("wbq.warned"), width)) + "\n")
	}
	b.WriteString(wbProductSection(st, tr, q.ProductDetails, width, false))
	b.WriteString(section(st, tr.Get("wb.answer")))
	if q.Answer == nil {
		b.WriteString(st.Muted.Render(safe.Truncate(tr.Get("wb.answer.none"), width)) + "\n")
	} else {
		b.WriteString(safe.Wrap(q.Answer.Text, width) + "\n")
		b.WriteString(field(st, tr.Get("wb.answer.date"), fullTime(q.Answer.CreateDate, tr), width))
		b.WriteString(field(st, tr.Get("wb.answer.edit"), wbYesNo(tr, q.Answer.Editable), width))
	}
	return strings.TrimRight(b.String(), "\n")
}

// wbProductSection is the product block of questions and feedbacks.
func wbProductSection(st theme.Styles, tr i18n.T, pd models.WBProductDetails, width int, withSize bool) string {
	var b strings.Builder
	b.WriteString(section(st, tr.Get("wb.product")))
	b.WriteString(field(st, tr.Get("wb.product.name"), pd.ProductName, width))
	if pd.NmID != 0 {
		b.WriteString(field(st, tr.Get("wb.product.nm"), strconv.FormatInt(pd.NmID, 10), width))
	}
	b.WriteString(field(st, tr.Get("wb.product.art"), pd.SupplierArticle, width))
	b.WriteString(field(st, tr.Get("wb.product.brand"), pd.BrandName, width))
	b.WriteString(field(st, tr.Get("wb.product.seller"), pd.SupplierName, width))
	if withSize {
		b.WriteString(field(st, tr.Get("wb.product.size"), strings.TrimSpace(pd.Size), width))
	}
	return b.String()
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"wbq.filter.title": "Questions filter",
		"wbq.viewed":       "Viewed",
		"wbq.warned":       "Flagged as suspicious by Wildberries",
	})
	i18n.Register(i18n.RU, map[string]string{
		"wbq.filter.title": "Фильтр вопросов",
		"wbq.viewed":       "Просмотрен",
		"wbq.warned":       "Wildberries пометил вопрос как подозрительный",
	})
}
