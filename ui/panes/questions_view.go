package panes

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// Row markers. They are plain characters so drawRow can measure them.
const (
	wbMarkWaiting  = "●" // needs an answer
	wbMarkRejected = "×" // question rejected by the seller
	wbMarkUnseen   = "•" // nobody has opened it on the portal yet
	wbDateWidth    = 6   // "14:05", "12 Mar"; older years overflow by design
)

// wbLine is buyer or server text as one inert line.
func wbLine(s string) string { return safe.Line(s) }

// wbDue is a row's deadline column (cell: dueCell's text), in the urgent
// style when the deadline is near or passed.
func wbDue(cell string, d models.Deadline, now time.Time, base lipgloss.Style, st theme.Styles) rowCol {
	return rowCol{text: cell, style: dueStyle(d, now, base, st)}
}

// wbCols is a WB row's fixed columns: the date (the first to go on a
// narrow list: the deadline or age tells the time), the reply column when
// answering is on, then the rest.
func wbCols(date, reply string, rest ...rowCol) []rowCol {
	cols := []rowCol{{text: safe.Pad(date, wbDateWidth), drop: 1}}
	if reply != "" {
		cols = append(cols, rowCol{text: reply})
	}
	return append(cols, rest...)
}

// wbText joins the buyer's words and what they are about: the words
// first, as they are what a row is read for.
func wbText(words string, about ...string) string {
	var tail []string
	for _, a := range about {
		if a != "" {
			tail = append(tail, a)
		}
	}
	switch {
	case len(tail) == 0:
		return words
	case words == "":
		return strings.Join(tail, " · ")
	}
	return words + " — " + strings.Join(tail, " · ")
}

// questionsRow: date, state marker, viewed marker, age, question — product.
func questionsRow(r *questionRow, width int, selected bool, st theme.Styles) string {
	return questionsRowMarked(r, width, selected, st, "")
}

// questionsRowMarked puts the reply column (outbox state, draft) after
// the date when mark is not "".
func questionsRowMarked(r *questionRow, width int, selected bool, st theme.Styles, mark string) string {
	return r.memo.row(width, selected, mark, st, func() string { return drawQuestionRow(r, width, selected, st, mark) })
}

func drawQuestionRow(r *questionRow, width int, selected bool, st theme.Styles, mark string) string {
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
	base := rowBase(!r.q.Answered(), st)
	cols := wbCols(r.date, mark, rowCol{text: state + seen}, wbDue(r.dueCell, r.due, r.now, base, st))
	return drawRow(width, cols, wbText(r.text, r.product), base, selected, st)
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
	b.WriteString(dueDetail(r.due, r.now, width, st, tr))
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
