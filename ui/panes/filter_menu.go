package panes

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The `f` filter menu of every pane: the modal form drawn over the list,
// the summary line of the filters in force, and the nmId and date-range
// fields the WB menus share.

// filterMenu holds a pane's open filter form (nil: closed) and, for the
// panes that name their filters above the list rather than in the Split's
// filter note (returns, claims), the summary of those in force ("" while
// they are the defaults), so a narrowed list never passes for the whole
// inbox.
type filterMenu struct {
	form    *ui.Form
	summary string
}

func (m *filterMenu) isOpen() bool { return m.form != nil }

// key feeds a key or paste to the open form. applied is the form, once,
// when enter closed it with every field valid; esc closes it too.
func (m *filterMenu) key(msg tea.Msg) (applied *ui.Form, cmd tea.Cmd) {
	form := m.form
	res, cmd := form.Update(msg)
	switch res {
	case ui.FormApplied:
		m.form = nil
		return form, cmd
	case ui.FormCanceled:
		m.form = nil
	}
	return nil, cmd
}

// bodyHeight is what is left for the Split under the summary line.
func (m *filterMenu) bodyHeight(h int) int {
	if m.summary != "" {
		return max(h-1, 0)
	}
	return h
}

// view draws the summary line above the Split's view and the open form
// over both, centred, so the list stays visible around it.
func (m *filterMenu) view(st theme.Styles, body func() string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	base := body()
	if m.summary != "" {
		base = st.Muted.Render(safe.Pad(m.summary, w)) + "\n" + base
	}
	if m.form == nil {
		return base
	}
	return overlay(base, m.form.View(w), w, h)
}

// overlay places box in the middle of base (w×h cells), cutting the
// base lines it covers.
func overlay(base, box string, w, h int) string {
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

// formatDay is the inverse of parseDay, for pre-filling a form.
func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Moscow).Format(dayLayout)
}

// endOfDay makes a "to" day inclusive.
func endOfDay(t time.Time) time.Time {
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
		if _, err := parseDay(s); err != nil {
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
			from, err := parseDay(form().Value("from"))
			to, _ := parseDay(s)
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
		from, to := formatDay(f.from), formatDay(f.to)
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
	form.SetValue("from", formatDay(f.from))
	form.SetValue("to", formatDay(f.to))
}

// read takes the values of an applied form (already validated).
func (f *wbFilterBase) read(form *ui.Form) {
	f.nmID, _ = strconv.ParseInt(form.Value("nm"), 10, 64)
	f.article = strings.TrimSpace(form.Value("nm"))
	f.product = strings.TrimSpace(form.Value("product"))
	f.from, _ = parseDay(form.Value("from"))
	to, _ := parseDay(form.Value("to"))
	f.to = endOfDay(to)
}

// wbEnv fills what a hand-built Env may leave unset and the panes'
// commands need: a context (quitting cancels it in the real app).
func wbEnv(env ui.Env) ui.Env {
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	return env
}
