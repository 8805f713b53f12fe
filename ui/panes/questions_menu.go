package panes

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The `f` filter menu machinery shared by the questions, feedbacks and
// chats panes: the modal form, its overlay, and the nmId and date-range
// fields with their validation.

// wbMenu holds a pane's open filter form; nil form means closed.
type wbMenu struct{ form *ui.Form }

func (m *wbMenu) isOpen() bool { return m.form != nil }

// help is the footer while the menu is open: the form's own keys, not
// the list's the pane would otherwise show.
func (m *wbMenu) help(tr i18n.T) []key.Binding {
	return m.form.ShortHelp()
}

// update feeds a key or paste to the open form. applied is true once when
// enter closed it with every field valid; the caller then reads the
// returned form's values.
func (m *wbMenu) update(msg tea.Msg) (applied bool, form *ui.Form, cmd tea.Cmd) {
	form = m.form
	res, cmd := form.Update(msg)
	switch res {
	case ui.FormApplied:
		m.form = nil
		return true, form, cmd
	case ui.FormCanceled:
		m.form = nil
	}
	return false, form, cmd
}

// view draws the form over the pane's own view, centred, so the list
// stays visible around it.
func (m *wbMenu) view(base string, w, h int) string {
	if m.form == nil || w <= 0 || h <= 0 {
		return base
	}
	return wbOverlay(base, m.form.View(w), w, h)
}

// wbOverlay places box in the middle of base (w×h cells), cutting the
// base lines it covers.
func wbOverlay(base, box string, w, h int) string {
	lines := strings.Split(base, "\n")
	for len(lines) < h {
		lines = append(lines, "")
	}
	boxLines := strings.Split(box, "\n")
	bw := 0
	for _, l := range boxLines {
		bw = max(bw, ansi.StringWidth(l))
	}
	bw = min(bw, w)
	x := max((w-bw)/2, 0)
	y := max((h-len(boxLines))/2, 0)
	for i, bl := range boxLines {
		r := y + i
		if r >= len(lines) {
			break
		}
		bl = ansi.Truncate(bl, bw, "")
		if pad := bw - ansi.StringWidth(bl); pad > 0 {
			bl += strings.Repeat(" ", pad)
		}
		base := lines[r]
		left := ansi.Truncate(base, x, "")
		if gap := x - ansi.StringWidth(left); gap > 0 {
			left += strings.Repeat(" ", gap)
		}
		right := ansi.Cut(base, x+bw, max(ansi.StringWidth(base), x+bw))
		lines[r] = left + bl + right
	}
	return strings.Join(lines[:h], "\n")
}

// wbDateLayout is how users type dates in the filter menu.
const wbDateLayout = "02.01.2006"

// wbParseDate reads DD.MM.YYYY as a Moscow calendar day; "" is no bound.
func wbParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(wbDateLayout, s, models.Moscow)
}

// wbFormatDate is the inverse of wbParseDate, for pre-filling the form.
func wbFormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Moscow).Format(wbDateLayout)
}

// wbEndOfDay makes a "to" day inclusive.
func wbEndOfDay(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.AddDate(0, 0, 1).Add(-time.Second)
}

// wbFilterBase is what the questions and feedbacks menus share: one
// product and a creation period (from and to are whole Moscow days; to
// is already its last second).
type wbFilterBase struct {
	nmID     int64
	from, to time.Time
	// article and product are what a pane reading the store filters by:
	// a vendor code or WB article as typed, a part of the product name.
	article, product string
}

// in reports whether t falls in the period; zero bounds are open.
func (f wbFilterBase) in(t time.Time) bool {
	return (f.from.IsZero() || !t.Before(f.from)) && (f.to.IsZero() || !t.After(f.to))
}

// fields are the nmId and period fields of the menu, pre-filled. The "to"
// check reads the "from" field, so a reversed period keeps the form open
// with an explanation instead of failing in the API.
func (f wbFilterBase) fields(tr i18n.T, form func() *ui.Form) []*ui.Field {
	errDate := errors.New(tr.Get("wb.filter.bad_date"))
	checkDate := func(s string) error {
		if _, err := wbParseDate(s); err != nil {
			return errDate
		}
		return nil
	}
	// The store matches vendor codes as well as WB articles, and
	// product names: any text goes.
	return []*ui.Field{
		{ID: "nm", Label: tr.Get("wb.filter.article"), Kind: ui.FieldText, Placeholder: tr.Get("wb.filter.nm_any")},
		{ID: "product", Label: tr.Get("wb.filter.product"), Kind: ui.FieldText, Placeholder: tr.Get("wb.filter.nm_any")},
		{ID: "from", Label: tr.Get("wb.filter.from"), Kind: ui.FieldText, Placeholder: tr.Get("wb.filter.date_ph"), Validate: checkDate},
		f.toField(tr, form, checkDate),
	}
}

// toField is the period's end; its check reads "from".
func (f wbFilterBase) toField(tr i18n.T, form func() *ui.Form, checkDate func(string) error) *ui.Field {
	return &ui.Field{ID: "to", Label: tr.Get("wb.filter.to"), Kind: ui.FieldText, Placeholder: tr.Get("wb.filter.date_ph"),
		Validate: func(s string) error {
			if err := checkDate(s); err != nil {
				return err
			}
			from, err := wbParseDate(form().Value("from"))
			to, _ := wbParseDate(s)
			if err == nil && !from.IsZero() && !to.IsZero() && to.Before(from) {
				return errors.New(tr.Get("wb.filter.bad_period"))
			}
			return nil
		}}
}

// storeFilter is the product and period as a store filter: the article
// matches the nmID exactly.
func (f wbFilterBase) storeFilter() store.Filter {
	sf := store.Filter{Article: f.article, Product: f.product, From: f.from, To: f.to}
	if sf.Article == "" && f.nmID != 0 {
		sf.Article = strconv.FormatInt(f.nmID, 10)
	}
	return sf
}

// noteParts name the product and period in force, for the filter note.
func (f wbFilterBase) noteParts() []string {
	var parts []string
	switch {
	case f.article != "":
		parts = append(parts, f.article)
	case f.nmID != 0:
		parts = append(parts, strconv.FormatInt(f.nmID, 10))
	}
	if f.product != "" {
		parts = append(parts, "«"+f.product+"»")
	}
	if !f.from.IsZero() || !f.to.IsZero() {
		from, to := wbFormatDate(f.from), wbFormatDate(f.to)
		if from == "" {
			from = "…"
		}
		if to == "" {
			to = "…"
		}
		parts = append(parts, from+"–"+to)
	}
	return parts
}

// prefill writes the current values into a new form.
func (f wbFilterBase) prefill(form *ui.Form) {
	if f.nmID != 0 {
		form.SetValue("nm", strconv.FormatInt(f.nmID, 10))
	}
	if f.article != "" {
		form.SetValue("nm", f.article)
	}
	form.SetValue("product", f.product)
	form.SetValue("from", wbFormatDate(f.from))
	form.SetValue("to", wbFormatDate(f.to))
}

// read takes the values of an applied form (already validated).
func (f *wbFilterBase) read(form *ui.Form) {
	f.nmID, _ = strconv.ParseInt(form.Value("nm"), 10, 64)
	f.article = strings.TrimSpace(form.Value("nm"))
	f.product = strings.TrimSpace(form.Value("product"))
	f.from, _ = wbParseDate(form.Value("from"))
	to, _ := wbParseDate(form.Value("to"))
	f.to = wbEndOfDay(to)
}

// wbEnv fills what a hand-built Env may leave unset and the panes'
// commands need: a context (quitting cancels it in the real app).
func wbEnv(env ui.Env) ui.Env {
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	return env
}
