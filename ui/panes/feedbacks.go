package panes

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// feedbacksList is which list the pane shows; the store keeps answered
// and archived feedbacks as one.
type feedbacksList string

const (
	feedbacksUnanswered feedbacksList = "unanswered"
	feedbacksAnswered   feedbacksList = "answered"
)

// feedbacksFilter is the `f` menu's state. rating 0 is any.
type feedbacksFilter struct {
	wbFilterBase
	list   feedbacksList
	rating int
	// ratingMax > rating is a range ("1–3 ★"); photos and canReturn keep
	// only feedbacks with photos, or whose order may
	// still be taken back.
	ratingMax         int
	photos, canReturn bool
}

// storeQuery is the filter over the stored feedbacks.
func (f feedbacksFilter) storeQuery() store.PaneQuery {
	sf := f.storeFilter()
	sf.Status = store.StatusNeedsAction
	if f.list != feedbacksUnanswered {
		sf.Status = store.StatusDone
	}
	sf.RatingMin, sf.RatingMax = f.rating, max(f.ratingMax, f.rating)
	sf.WithPhotos, sf.ReturnAvailable = f.photos, f.canReturn
	return store.PaneQuery{Kind: store.KindFeedback, Filter: sf}
}

// note names what differs from the default view (unanswered, any
// rating), for the filter note above the list.
func (f feedbacksFilter) note(tr i18n.T) string {
	var parts []string
	if f.list != feedbacksUnanswered && f.list != "" {
		parts = append(parts, tr.Get("wb.filter.answered"))
	}
	switch {
	case f.ratingMax > f.rating:
		parts = append(parts, strconv.Itoa(f.rating)+"–"+strconv.Itoa(f.ratingMax)+" ★")
	case f.rating > 0:
		parts = append(parts, strconv.Itoa(f.rating)+" ★")
	}
	if f.photos {
		parts = append(parts, tr.Get("wbf.filter.photos"))
	}
	if f.canReturn {
		parts = append(parts, tr.Get("wbf.filter.return"))
	}
	return strings.Join(append(parts, f.noteParts()...), " · ")
}

// ratingValue and readRating are the rating choice: "0" any, "4" one
// rating, "1-3" a range.
func (f feedbacksFilter) ratingValue() string {
	if f.ratingMax > f.rating {
		return strconv.Itoa(f.rating) + "-" + strconv.Itoa(f.ratingMax)
	}
	return strconv.Itoa(f.rating)
}

func (f *feedbacksFilter) readRating(v string) {
	lo, hi, isRange := strings.Cut(v, "-")
	f.rating, _ = strconv.Atoi(lo)
	f.ratingMax = 0
	if isRange {
		f.ratingMax, _ = strconv.Atoi(hi)
	}
}

// feedbackRow is a feedback with its row columns rendered once on load.
type feedbackRow struct {
	f       models.Feedback
	date    string
	stars   string // plain ★★★☆☆, styled with the row
	buyer   string
	product string
	text    string
	order   string // "[returned]" when the buyer gave the order back, else ""
	due     models.Deadline
	now     time.Time // when the row was read: its deadline counts to it
	dueCell string
	memo    rowMemo
}

type feedbacksPane struct {
	paneShell[*feedbackRow]
	env    ui.Env
	client *wb.Client
	sy     *syncer.Syncer // reads an answered feedback back into the store
	filter feedbacksFilter

	// pins are what the last `*` learnt about a feedback's pin and the
	// seller's allowances, shown in its detail.
	pins   map[string]feedbackPinInfo
	pinSeq ui.Seq
}

func newFeedbacksPane(env ui.Env, d Deps) ui.Pane {
	env = wbEnv(withStore(env, d))
	p := &feedbacksPane{paneShell: newPaneShell[*feedbackRow](env, ui.PaneFeedbacks),
		env: env, client: d.WB, sy: d.Syncer, filter: feedbacksFilter{list: feedbacksUnanswered}, pins: map[string]feedbackPinInfo{}}
	p.self, p.handle, p.media, p.keys, p.openFilter, p.applyFilter = p, p.update, p.syncPhotos, p.itemKeys, p.openMenu, p.applyMenu
	rk := env.Keys.Reply
	p.Split = ui.NewSplit(env, ui.SplitConfig[*feedbackRow]{
		ID:         ui.PaneFeedbacks,
		Row:        p.row,
		Detail:     p.detail,
		FullText:   func(r *feedbackRow) string { return fullText(r.f.Text, r.f.Pros, r.f.Cons) },
		Key:        func(r *feedbackRow) string { return r.f.ID },
		Bulk:       p.feedbackBulk,
		Query:      func() store.PaneQuery { return p.filter.storeQuery() },
		FilterNote: func() string { return p.filter.note(env.Tr) },
		ClearFilter: func() tea.Cmd {
			p.filter = feedbacksFilter{list: feedbacksUnanswered}
			return p.ReloadWindow()
		},
		Decode: func(r store.PaneRow, now time.Time) (*feedbackRow, error) {
			f, err := store.Decode[models.Feedback](r.Row)
			return newFeedbackRow(f, now, env.Tr), err
		},
		Help: append([]key.Binding{env.Keys.List.FilterMenu},
			p.acts.help([]key.Binding{rk.Answer, rk.Edit, rk.Templates, rk.ReturnOrder, rk.Pin}, true)...),
	})
	p.preview.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

func (p *feedbacksPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ui.OutboxMsg:
		return p.outbox(msg)
	case feedbacksPinMsg:
		return p.pinArrived(msg)
	}
	_, cmd := p.Split.Update(msg)
	return cmd
}

// applyMenu takes the applied filter form.
func (p *feedbacksPane) applyMenu(form *ui.Form) tea.Cmd {
	p.filter.read(form)
	p.filter.list = feedbacksList(form.Value("list"))
	p.filter.readRating(form.Value("rating"))
	p.filter.photos = form.Value("photos") == "yes"
	p.filter.canReturn = form.Value("return") == "yes"
	return p.ReloadWindow()
}

func (p *feedbacksPane) openMenu() *ui.Form {
	tr := p.env.Tr
	ratings := []ui.Choice{{Label: tr.Get("wbf.filter.any"), Value: "0"},
		{Label: "1–3 ★", Value: "1-3"}, {Label: "4–5 ★", Value: "4-5"}}
	for n := 1; n <= 5; n++ {
		ratings = append(ratings, ui.Choice{Label: strconv.Itoa(n) + " ★", Value: strconv.Itoa(n)})
	}
	lists := []ui.Choice{
		{Label: tr.Get("wb.filter.unanswered"), Value: string(feedbacksUnanswered)},
		{Label: tr.Get("wb.filter.answered"), Value: string(feedbacksAnswered)},
	}
	var form *ui.Form
	fields := []*ui.Field{
		{ID: "list", Label: tr.Get("wb.filter.state"), Kind: ui.FieldChoice, Choices: lists},
		{ID: "rating", Label: tr.Get("wbf.filter.rating"), Kind: ui.FieldChoice, Choices: ratings},
	}
	anyYes := func(id, label string) *ui.Field {
		return &ui.Field{ID: id, Label: tr.Get(label), Kind: ui.FieldChoice, Choices: []ui.Choice{
			{Label: tr.Get("wbf.filter.all"), Value: "any"}, {Label: tr.Get("wbf.filter.yes"), Value: "yes"}}}
	}
	fields = append(fields, anyYes("photos", "wbf.filter.photos"), anyYes("return", "wbf.filter.return"))
	fields = append(fields, p.filter.fields(tr, func() *ui.Form { return form })...)
	form = ui.NewForm(p.Env(), tr.Get("wbf.filter.title"), fields...)
	form.SetValue("list", string(p.filter.list))
	form.SetValue("rating", p.filter.ratingValue())
	if p.filter.photos {
		form.SetValue("photos", "yes")
	}
	if p.filter.canReturn {
		form.SetValue("return", "yes")
	}
	p.filter.prefill(form)
	return form
}

func newFeedbackRow(fb models.Feedback, now time.Time, tr i18n.T) *feedbackRow {
	pd := fb.ProductDetails
	due := models.FeedbackDeadline(fb)
	return &feedbackRow{
		due: due, now: now, dueCell: dueCell(tr, due, now, true),
		f:       fb,
		date:    shortTime(fb.CreatedDate, now, tr),
		stars:   feedbacksStarsPlain(fb.ProductValuation),
		buyer:   wbLine(fb.UserName),
		product: wbLine(pd.ProductName),
		text:    wbLine(feedbacksSummary(fb)),
		order:   wbOrderMark(tr, fb.OrderStatus),
	}
}
