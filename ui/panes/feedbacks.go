package panes

import (
	"context"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

const (
	// feedbacksTake is one request's page.
	feedbacksTake = 100
	// feedbacksMinRows is how many matching feedbacks one load collects
	// before it stops paging: with a rating filter (local, the API has
	// none) a page may match nothing, and an empty list would never ask
	// for the next page.
	feedbacksMinRows = 20
)

// feedbacksList is which of the three lists the pane shows.
type feedbacksList string

const (
	feedbacksUnanswered feedbacksList = "unanswered"
	feedbacksAnswered   feedbacksList = "answered"
	feedbacksArchive    feedbacksList = "archive"
)

// feedbacksFilter is the `f` menu's state. rating 0 is any.
type feedbacksFilter struct {
	wbFilterBase
	list   feedbacksList
	rating int
	// Reading the store: ratingMax > rating is a range ("1–3 ★"); photos
	// and canReturn keep only feedbacks with photos, or whose order may
	// still be taken back.
	ratingMax         int
	photos, canReturn bool
}

// storeQuery is the filter over the stored feedbacks. The archive is
// answered feedbacks too: the store keeps both lists as one.
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

// match is the part of the filter Wildberries cannot apply: the rating
// always, the period for the archive (which takes no dates).
func (f feedbacksFilter) match(fb models.Feedback) bool {
	return (f.rating == 0 || fb.ProductValuation == f.rating) && f.in(fb.CreatedDate.Time)
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
	filter  string
}

type feedbacksPane struct {
	*ui.Split[*feedbackRow]
	env    ui.Env
	client *wb.Client
	filter feedbacksFilter
	menu   wbMenu
	life   wbLoadCtx
	w, h   int

	countSeq ui.Seq
	count    int
	countOK  bool

	wire *wbwWire
	// pins are what the last `*` learnt about a feedback's pin and the
	// seller's allowances, shown in its detail.
	pins   map[string]feedbackPinInfo
	pinSeq ui.Seq
}

// feedbacksCountMsg is the unanswered counter for the tab badge.
type feedbacksCountMsg struct {
	seq   uint64
	count int
	err   error
}

func (feedbacksCountMsg) TargetPane() ui.PaneID { return ui.PaneFeedbacks }

func newFeedbacksPane(env ui.Env, d Deps) ui.Pane {
	env = wbEnv(withStore(env, d))
	p := &feedbacksPane{env: env, client: d.WB, filter: feedbacksFilter{list: feedbacksUnanswered},
		wire: newWBWire(env, ui.PaneFeedbacks), pins: map[string]feedbackPinInfo{}}
	rk := env.Keys.Reply
	p.Split = ui.NewSplit(env, ui.SplitConfig[*feedbackRow]{
		ID:          ui.PaneFeedbacks,
		Row:         p.row,
		FilterText:  func(r *feedbackRow) string { return r.filter },
		Detail:      p.detail,
		FullText:    func(r *feedbackRow) string { return fullText(r.f.Text, r.f.Pros, r.f.Cons) },
		NeedsAction: func(r *feedbackRow) bool { return !r.f.Answered() },
		Key:         func(r *feedbackRow) string { return r.f.ID },
		Lookup:      lookupFeedback(env, d.WB),
		Load:        p.loader(),
		Cached:      cachedFeedbacks(env),
		Query:       func() store.PaneQuery { return p.filter.storeQuery() },
		Decode: func(r store.PaneRow, now time.Time) (*feedbackRow, error) {
			f, err := store.Decode[models.Feedback](r.Row)
			return newFeedbackRow(f, now, env.Tr), err
		},
		Help: append([]key.Binding{env.Keys.List.FilterMenu},
			p.wire.help([]key.Binding{rk.Answer, rk.Edit, rk.Templates, rk.ReturnOrder, rk.Pin}, true)...),
	})
	p.wire.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

func (p *feedbacksPane) Init() tea.Cmd { return tea.Batch(p.Split.Init(), p.fetchCount()) }

// ShortHelp shows the form's keys while the filter menu is open, the
// editor's while an answer is written.
func (p *feedbacksPane) ShortHelp() []key.Binding {
	return wbShortHelp(p.wire, &p.menu, p.env.Tr, p.Split.ShortHelp)
}

func (p *feedbacksPane) Mode() ui.Mode { return wbMode(p.wire, &p.menu, p.Split.Mode) }

// Badge is Wildberries' unprocessed-feedbacks counter; the loaded items
// count until it arrives or when it fails.
func (p *feedbacksPane) Badge() int {
	if p.countOK && p.env.Store == nil {
		return p.count
	}
	return p.Split.Badge()
}

func (p *feedbacksPane) View() string { return p.menu.view(p.Split.View(), p.w, p.h) }

func (p *feedbacksPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.Split.SetSize(w, h)
	p.wire.resized = true
}

// Update handles the pane's messages, then brings the photo preview and
// the detail column up to date with the selection and the action in
// front.
func (p *feedbacksPane) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	cmds := []tea.Cmd{p.wire.photos.Update(msg), p.update(msg), p.syncPhotos()}
	cmds = append(cmds, p.wire.after(p.SetAside, p.DetailSize))
	return p, tea.Batch(cmds...)
}

func (p *feedbacksPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case feedbacksCountMsg:
		if p.countSeq.Current(msg.seq) {
			p.count, p.countOK = msg.count, msg.err == nil
		}
		return nil
	case ui.OutboxMsg:
		return p.outbox(msg)
	case feedbackFetchedMsg:
		p.fetched(msg)
		return nil
	case feedbacksPinMsg:
		return p.pinArrived(msg)
	case ui.RefreshMsg:
		_, cmd := p.Split.Update(msg)
		return tea.Batch(cmd, p.fetchCount())
	case ui.RetryMsg:
		// A failed counter is retried with the list (the badge falls
		// back to the loaded items meanwhile).
		_, cmd := p.Split.Update(msg)
		if !p.countOK {
			cmd = tea.Batch(cmd, p.fetchCount())
		}
		return cmd
	case tea.KeyPressMsg, tea.PasteMsg:
		if p.wire.act != nil {
			return p.wire.key(msg)
		}
		if p.menu.isOpen() {
			applied, form, cmd := p.menu.update(msg)
			if !applied {
				return cmd
			}
			p.filter.read(form)
			p.filter.list = feedbacksList(form.Value("list"))
			p.filter.readRating(form.Value("rating"))
			if p.env.Store != nil {
				p.filter.photos = form.Value("photos") == "yes"
				p.filter.canReturn = form.Value("return") == "yes"
				return tea.Batch(cmd, p.ReloadWindow())
			}
			return tea.Batch(cmd, p.Reload(p.loader()), p.fetchCount())
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && p.Split.Mode() == ui.ModeNormal {
			if key.Matches(k, p.env.Keys.List.FilterMenu) {
				p.openMenu()
				return nil
			}
			if cmd, ok := p.wire.photoKey(k, p.DetailSize); ok {
				return cmd
			}
			if cmd, ok := p.actionKey(k); ok {
				return cmd
			}
		}
	}
	_, cmd := p.Split.Update(msg)
	return tea.Batch(cmd, p.wire.forward(msg))
}

func (p *feedbacksPane) openMenu() {
	tr := p.env.Tr
	stored := p.env.Store != nil
	ratings := []ui.Choice{{Label: tr.Get("wbf.filter.any"), Value: "0"}}
	if stored {
		ratings = append(ratings, ui.Choice{Label: "1–3 ★", Value: "1-3"}, ui.Choice{Label: "4–5 ★", Value: "4-5"})
	}
	for n := 1; n <= 5; n++ {
		ratings = append(ratings, ui.Choice{Label: strconv.Itoa(n) + " ★", Value: strconv.Itoa(n)})
	}
	lists := []ui.Choice{
		{Label: tr.Get("wb.filter.unanswered"), Value: string(feedbacksUnanswered)},
		{Label: tr.Get("wb.filter.answered"), Value: string(feedbacksAnswered)},
	}
	if !stored {
		// The store keeps answered and archived feedbacks as one list.
		lists = append(lists, ui.Choice{Label: tr.Get("wbf.filter.archive"), Value: string(feedbacksArchive)})
	}
	var form *ui.Form
	fields := []*ui.Field{
		{ID: "list", Label: tr.Get("wb.filter.state"), Kind: ui.FieldChoice, Choices: lists},
		{ID: "rating", Label: tr.Get("wbf.filter.rating"), Kind: ui.FieldChoice, Choices: ratings},
	}
	if stored {
		anyYes := func(id, label string) *ui.Field {
			return &ui.Field{ID: id, Label: tr.Get(label), Kind: ui.FieldChoice, Choices: []ui.Choice{
				{Label: tr.Get("wbf.filter.all"), Value: "any"}, {Label: tr.Get("wbf.filter.yes"), Value: "yes"}}}
		}
		fields = append(fields, anyYes("photos", "wbf.filter.photos"), anyYes("return", "wbf.filter.return"))
	}
	fields = append(fields, p.filter.fields(tr, func() *ui.Form { return form }, stored)...)
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
	p.menu.form = form
}

func (p *feedbacksPane) fetchCount() tea.Cmd {
	if p.env.Store != nil {
		return nil // the Split counts the store
	}
	seq, client, ctx := p.countSeq.Next(), p.client, p.env.Ctx
	return func() tea.Msg {
		c, err := client.FeedbacksCountUnanswered(ctx)
		return feedbacksCountMsg{seq: seq, count: c.CountUnanswered, err: err}
	}
}

// loader pages through the chosen list, keeping what the local part of
// the filter accepts, until it has feedbacksMinRows or the list ends.
func (p *feedbacksPane) loader() func(context.Context, string) ([]*feedbackRow, string, error) {
	f, client, now, tr, st := p.filter, p.client, wbNow(p.env), p.env.Tr, p.env.Store
	life := p.life.next(p.env.Ctx)
	return func(ctx context.Context, cursor string) ([]*feedbackRow, string, error) {
		ctx, stop := wbBound(ctx, life)
		defer stop()
		skip, _ := strconv.Atoi(cursor)
		at := now()
		var rows []*feedbackRow
		for skip <= wb.MaxFeedbacksSkip {
			list, err := feedbacksPage(ctx, client, f, skip)
			if err != nil {
				return nil, "", err
			}
			keep(st, func(st *store.Store) error { _, err := st.PutFeedbacks(ctx, list); return err })
			for _, fb := range list {
				if f.match(fb) {
					rows = append(rows, newFeedbackRow(fb, at, tr))
				}
			}
			skip += feedbacksTake
			if len(list) < feedbacksTake || skip > wb.MaxFeedbacksSkip {
				break
			}
			if len(rows) >= feedbacksMinRows {
				return rows, strconv.Itoa(skip), nil
			}
		}
		return rows, "", nil
	}
}

// feedbacksPage reads one page of the filter's list.
func feedbacksPage(ctx context.Context, client *wb.Client, f feedbacksFilter, skip int) ([]models.Feedback, error) {
	if f.list == feedbacksArchive {
		return client.FeedbacksArchive(ctx, wb.ArchiveQuery{NmID: f.nmID, Take: feedbacksTake, Skip: skip})
	}
	page, err := client.Feedbacks(ctx, wb.FeedbacksQuery{
		IsAnswered: f.list == feedbacksAnswered, NmID: f.nmID, Take: feedbacksTake, Skip: skip,
		DateFrom: f.from, DateTo: f.to,
	})
	return page.Feedbacks, err
}

func newFeedbackRow(fb models.Feedback, now time.Time, tr i18n.T) *feedbackRow {
	pd := fb.ProductDetails
	return &feedbackRow{
		f:       fb,
		date:    shortTime(fb.CreatedDate, now, tr),
		stars:   feedbacksStarsPlain(fb.ProductValuation),
		buyer:   wbLine(fb.UserName),
		product: wbLine(pd.ProductName),
		text:    wbLine(feedbacksSummary(fb)),
		order:   wbOrderMark(tr, fb.OrderStatus),
		filter: fb.Text + " " + fb.Pros + " " + fb.Cons + " " + fb.UserName + " " + pd.ProductName + " " +
			pd.SupplierArticle + " " + pd.BrandName + " " + strconv.FormatInt(pd.NmID, 10),
	}
}
