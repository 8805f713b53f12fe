package panes

import (
	"strconv"
	"strings"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// feedbacksStarsPlain is the rating as unstyled stars, for list rows
// (rowLine measures plain text; the row is styled as a whole).
func feedbacksStarsPlain(n int) string {
	n = max(0, min(5, n))
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n)
}

// feedbacksSummary is what the row shows: the text, or pros and cons when
// the buyer left only those.
func feedbacksSummary(f models.Feedback) string {
	if strings.TrimSpace(f.Text) != "" {
		return f.Text
	}
	return strings.TrimSpace(f.Pros + " " + f.Cons)
}

// feedbacksRow: date, stars, waiting marker, deadline, text — product ·
// buyer.
func feedbacksRow(r *feedbackRow, width int, selected bool, st theme.Styles) string {
	return feedbacksRowMarked(r, width, selected, st, "")
}

// feedbacksRowMarked puts the reply column (outbox state, draft) after
// the date when mark is not "".
func feedbacksRowMarked(r *feedbackRow, width int, selected bool, st theme.Styles, reply string) string {
	return r.memo.row(width, selected, reply, st, func() string { return drawFeedbackRow(r, width, selected, st, reply) })
}

func drawFeedbackRow(r *feedbackRow, width int, selected bool, st theme.Styles, reply string) string {
	wait := " "
	waiting := !r.f.Answered()
	if waiting {
		wait = wbMarkWaiting
	}
	words := r.text
	if r.order != "" {
		words = strings.TrimSpace(r.order + " " + words)
	}
	base := rowBase(waiting, st)
	cols := wbCols(r.date, reply, rowCol{text: r.stars}, rowCol{text: wait}, wbDue(r.dueCell, r.due, r.now, base, st))
	return drawRow(width, cols, wbText(words, r.product, r.buyer), base, selected, st)
}

// feedbacksDetail renders the whole feedback.
func feedbacksDetail(r *feedbackRow, width int, st theme.Styles, tr i18n.T) string {
	f := r.f
	pd := f.ProductDetails
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(pd.ProductName, width)) + "\n")
	b.WriteString(stars(f.ProductValuation, st) + " " + strconv.Itoa(f.ProductValuation) + "/5\n\n")
	if strings.TrimSpace(f.Text) != "" {
		b.WriteString(ui.WrapLong(f.Text, width, st, tr) + "\n")
	}
	b.WriteString(longField(st, tr, tr.Get("wbf.pros"), f.Pros, width))
	b.WriteString(longField(st, tr, tr.Get("wbf.cons"), f.Cons, width))
	b.WriteString("\n")
	b.WriteString(field(st, tr.Get("wbf.buyer"), f.UserName, width))
	b.WriteString(field(st, tr.Get("wb.date"), fullTime(f.CreatedDate, tr), width))
	b.WriteString(dueDetail(r.due, r.now, width, st, tr))
	if f.OrderStatus != "" {
		b.WriteString(field(st, tr.Get("wbf.order"), wbOrderStatus(tr, f.OrderStatus), width))
	}
	if m := f.MatchingSize.Normalized(); m != models.SizeNone {
		b.WriteString(field(st, tr.Get("wbf.matching"), tr.Label(wbGroupMatchingSize, string(m)), width))
	}
	b.WriteString(field(st, tr.Get("wbf.media"), feedbacksMedia(f, tr), width))
	if len(f.Bables) > 0 {
		b.WriteString(field(st, tr.Get("wbf.tags"), strings.Join(f.Bables, ", "), width))
	}
	b.WriteString(field(st, tr.Get("wbf.return"), wbYesNo(tr, f.IsAbleReturnProductOrders), width))
	if !f.ReturnProductOrdersDate.IsZero() || f.ReturnProductOrdersDate.IsUnknown() {
		b.WriteString(field(st, tr.Get("wbf.return_date"), fullTime(f.ReturnProductOrdersDate, tr), width))
	}

	b.WriteString(wbProductSection(st, tr, pd, width, true))
	b.WriteString(field(st, tr.Get("wb.product.color"), f.Color, width))

	b.WriteString(section(st, tr.Get("wb.answer")))
	if f.Answer == nil || f.Answer.Text == "" {
		b.WriteString(st.Muted.Render(safe.Truncate(tr.Get("wb.answer.none"), width)) + "\n")
	} else {
		b.WriteString(safe.Wrap(f.Answer.Text, width) + "\n")
		state := tr.Label(wbGroupAnswerState, string(f.Answer.State))
		if f.Answer.State == models.AnswerRejected {
			// A rejected answer is not shown to buyers: make it impossible
			// to miss.
			b.WriteString(st.DetailLabel.Render(tr.Get("wb.answer.moderation")+": ") +
				st.Danger.Render(safe.Truncate(state, max(width-20, 10))) + "\n")
		} else {
			b.WriteString(field(st, tr.Get("wb.answer.moderation"), state, width))
		}
		b.WriteString(field(st, tr.Get("wb.answer.edit"), wbYesNo(tr, f.Answer.Editable), width))
	}
	return strings.TrimRight(b.String(), "\n")
}

// feedbacksMedia is "3 photos, video 0:42" or "none".
func feedbacksMedia(f models.Feedback, tr i18n.T) string {
	var parts []string
	if n := len(f.PhotoLinks); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" "+tr.Plural(n, tr.Get("wbf.photo.one"), tr.Get("wbf.photo.few"), tr.Get("wbf.photo.many")))
	}
	if f.Video != nil && f.Video.Link != "" {
		v := tr.Get("wbf.video")
		if d := f.Video.DurationSec; d > 0 {
			v += " " + strconv.Itoa(d/60) + ":" + pad2(d%60)
		}
		parts = append(parts, v)
	}
	if len(parts) == 0 {
		return tr.Get("wbf.media.none")
	}
	return strings.Join(parts, ", ")
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"wbf.filter.title":   "Feedbacks filter",
		"wbf.filter.archive": "archive",
		"wbf.filter.rating":  "Rating",
		"wbf.filter.any":     "any",
		"wbf.filter.all":     "all",
		"wbf.filter.yes":     "only these",
		"wbf.filter.photos":  "With photos",
		"wbf.filter.return":  "Return available",
		"wbf.pros":           "Pros",
		"wbf.cons":           "Cons",
		"wbf.buyer":          "Buyer",
		"wbf.matching":       "Size",
		"wbf.order":          "Order",
		"wbf.media":          "Media",
		"wbf.media.none":     "none",
		"wbf.photo.one":      "photo",
		"wbf.photo.few":      "photos",
		"wbf.photo.many":     "photos",
		"wbf.video":          "video",
		"wbf.tags":           "Tags",
		"wbf.return":         "Return available",
		"wbf.return_date":    "Return requested",
	})
	i18n.Register(i18n.RU, map[string]string{
		"wbf.filter.title":   "Фильтр отзывов",
		"wbf.filter.archive": "архив",
		"wbf.filter.rating":  "Оценка",
		"wbf.filter.any":     "любая",
		"wbf.filter.all":     "все",
		"wbf.filter.yes":     "только такие",
		"wbf.filter.photos":  "С фото",
		"wbf.filter.return":  "Можно вернуть",
		"wbf.pros":           "Достоинства",
		"wbf.cons":           "Недостатки",
		"wbf.buyer":          "Покупатель",
		"wbf.matching":       "Размер",
		"wbf.order":          "Заказ",
		"wbf.media":          "Медиа",
		"wbf.media.none":     "нет",
		"wbf.photo.one":      "фото",
		"wbf.photo.few":      "фото",
		"wbf.photo.many":     "фото",
		"wbf.video":          "видео",
		"wbf.tags":           "Теги",
		"wbf.return":         "Можно оформить возврат",
		"wbf.return_date":    "Возврат запрошен",
	})
}
