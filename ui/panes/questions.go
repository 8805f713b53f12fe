package panes

import (
	"context"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// questionsTake is one page of questions; Wildberries serves at most the
// first wb.MaxQuestionsWindow of a query, so paging stops there.
const questionsTake = 100

// questionsFilter is the `f` menu's state: unanswered (the default inbox)
// or answered, plus product and period.
type questionsFilter struct {
	wbFilterBase
	answered bool
}

// questionRow is a question with its row columns rendered once on load.
type questionRow struct {
	q       models.Question
	date    string // short date, in the UI language
	product string // sanitized one-line product name
	text    string // sanitized one-line question
	filter  string
}

type questionsPane struct {
	*ui.Split[*questionRow]
	env    ui.Env
	client *wb.Client
	w, h   int
	filter questionsFilter
	menu   wbMenu
	life   wbLoadCtx

	countSeq ui.Seq
	count    int
	countOK  bool

	wire *wbwWire
	// markViewed marks a question viewed on Wildberries when it is opened;
	// viewed remembers the ones already queued, so each goes once.
	markViewed bool
	viewed     map[string]bool
}

// questionsCountMsg is the unanswered counter for the tab badge.
type questionsCountMsg struct {
	seq   uint64
	count int
	err   error
}

func (questionsCountMsg) TargetPane() ui.PaneID { return ui.PaneQuestions }

func newQuestionsPane(env ui.Env, d Deps) ui.Pane {
	env = wbEnv(withStore(env, d))
	p := &questionsPane{env: env, client: d.WB, wire: newWBWire(env, ui.PaneQuestions), markViewed: true, viewed: map[string]bool{}}
	rk := env.Keys.Reply
	p.Split = ui.NewSplit(env, ui.SplitConfig[*questionRow]{
		ID:          ui.PaneQuestions,
		Row:         p.row,
		FilterText:  func(r *questionRow) string { return r.filter },
		Detail:      p.detail,
		FullText:    func(r *questionRow) string { return r.q.Text },
		NeedsAction: func(r *questionRow) bool { return !r.q.Answered() },
		Key:         func(r *questionRow) string { return r.q.ID },
		Lookup:      lookupQuestion(env, d.WB),
		Load:        p.loader(),
		Cached:      cachedQuestions(env),
		Query:       p.storeQuery,
		Decode: func(r store.PaneRow, now time.Time) (*questionRow, error) {
			q, err := store.Decode[models.Question](r.Row)
			return newQuestionRow(q, now, env.Tr), err
		},
		Help: append([]key.Binding{env.Keys.List.FilterMenu},
			p.wire.help([]key.Binding{rk.Answer, rk.Edit, rk.Reject, rk.Templates}, false)...),
	})
	p.wire.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

// Init loads the first page and the badge counter.
func (p *questionsPane) Init() tea.Cmd {
	return tea.Batch(p.Split.Init(), p.fetchCount())
}

// ShortHelp shows the form's keys while the filter menu is open, the
// editor's while an answer is written.
func (p *questionsPane) ShortHelp() []key.Binding {
	return wbShortHelp(p.wire, &p.menu, p.env.Tr, p.Split.ShortHelp)
}

func (p *questionsPane) Mode() ui.Mode { return wbMode(p.wire, &p.menu, p.Split.Mode) }

// Badge is Wildberries' own unanswered counter, right before every page
// is loaded; until it arrives (or when it fails) the loaded items count.
func (p *questionsPane) Badge() int {
	if p.countOK && !p.fromStore() {
		return p.count
	}
	return p.Split.Badge()
}

func (p *questionsPane) View() string { return p.menu.view(p.Split.View(), p.w, p.h) }

func (p *questionsPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.Split.SetSize(w, h)
}

// Update handles the pane's messages, then brings the detail column up
// to date with the action in front.
func (p *questionsPane) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	cmd := p.update(msg)
	return p, tea.Batch(cmd, p.wire.after(p.SetAside, p.DetailSize))
}

func (p *questionsPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case questionsCountMsg:
		if p.countSeq.Current(msg.seq) {
			p.count, p.countOK = msg.count, msg.err == nil
		}
		return nil
	case ui.OutboxMsg:
		return p.outbox(msg)
	case questionFetchedMsg:
		p.fetched(msg)
		return nil
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
			p.filter.answered = form.Value("state") == "answered"
			if p.fromStore() {
				return tea.Batch(cmd, p.ReloadWindow())
			}
			return tea.Batch(cmd, p.Reload(p.loader()), p.fetchCount())
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && p.Split.Mode() == ui.ModeNormal {
			if key.Matches(k, p.env.Keys.List.FilterMenu) {
				p.openMenu()
				return nil
			}
			if cmd, ok := p.actionKey(k); ok {
				return cmd
			}
			if key.Matches(k, p.env.Keys.List.Open) {
				_, cmd := p.Split.Update(msg)
				return tea.Batch(cmd, p.opened())
			}
		}
	}
	_, cmd := p.Split.Update(msg)
	return tea.Batch(cmd, p.wire.forward(msg))
}

func (p *questionsPane) openMenu() {
	tr := p.env.Tr
	var form *ui.Form
	fields := append([]*ui.Field{{
		ID: "state", Label: tr.Get("wb.filter.state"), Kind: ui.FieldChoice,
		Choices: []ui.Choice{{Label: tr.Get("wb.filter.unanswered"), Value: "unanswered"}, {Label: tr.Get("wb.filter.answered"), Value: "answered"}},
	}}, p.filter.fields(tr, func() *ui.Form { return form }, p.env.Store != nil)...)
	form = ui.NewForm(p.Env(), tr.Get("wbq.filter.title"), fields...)
	if p.filter.answered {
		form.SetValue("state", "answered")
	}
	p.filter.prefill(form)
	p.menu.form = form
}

// fromStore reports that the pane reads the store's windows (the app's
// assembly) rather than the network (a pane without a store).
func (p *questionsPane) fromStore() bool { return p.env.Store != nil }

// storeQuery is the filter menu's selection over the stored questions.
func (p *questionsPane) storeQuery() store.PaneQuery {
	f := p.filter.storeFilter()
	f.Status = store.StatusNeedsAction
	if p.filter.answered {
		f.Status = store.StatusDone
	}
	return store.PaneQuery{Kind: store.KindQuestion, Filter: f}
}

// fetchCount asks for the unanswered counter; an older answer arriving
// after a newer request is dropped by its seq.
func (p *questionsPane) fetchCount() tea.Cmd {
	if p.fromStore() {
		return nil // the Split counts the store
	}
	seq, client, ctx := p.countSeq.Next(), p.client, p.env.Ctx
	return func() tea.Msg {
		c, err := client.QuestionsCountUnanswered(ctx)
		return questionsCountMsg{seq: seq, count: c.CountUnanswered, err: err}
	}
}

// loader builds the page loader from copies of the filter, clock and
// language taken now, on the Update goroutine.
func (p *questionsPane) loader() func(context.Context, string) ([]*questionRow, string, error) {
	f, client, now, tr, st := p.filter, p.client, wbNow(p.env), p.env.Tr, p.env.Store
	life := p.life.next(p.env.Ctx)
	return func(ctx context.Context, cursor string) ([]*questionRow, string, error) {
		ctx, stop := wbBound(ctx, life)
		defer stop()
		skip, _ := strconv.Atoi(cursor)
		take := min(questionsTake, wb.MaxQuestionsWindow-skip)
		if take <= 0 {
			return nil, "", nil
		}
		page, err := client.Questions(ctx, wb.QuestionsQuery{
			IsAnswered: f.answered, NmID: f.nmID, Take: take, Skip: skip, DateFrom: f.from, DateTo: f.to,
		})
		if err != nil {
			return nil, "", err
		}
		keep(st, func(st *store.Store) error { _, err := st.PutQuestions(ctx, page.Questions); return err })
		rows := make([]*questionRow, len(page.Questions))
		at := now()
		for i, q := range page.Questions {
			rows[i] = newQuestionRow(q, at, tr)
		}
		next := ""
		if len(page.Questions) == take && skip+take < wb.MaxQuestionsWindow {
			next = strconv.Itoa(skip + take)
		}
		return rows, next, nil
	}
}

func newQuestionRow(q models.Question, now time.Time, tr i18n.T) *questionRow {
	pd := q.ProductDetails
	return &questionRow{
		q:       q,
		date:    shortTime(q.CreatedDate, now, tr),
		product: wbLine(pd.ProductName),
		text:    wbLine(q.Text),
		filter: q.Text + " " + pd.ProductName + " " + pd.SupplierArticle + " " + pd.BrandName + " " +
			strconv.FormatInt(pd.NmID, 10),
	}
}
