package panes

import (
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
	due     models.Deadline
	now     time.Time // when the row was read: its age counts to it
	dueCell string
	memo    rowMemo
}

type questionsPane struct {
	paneShell[*questionRow]
	env    ui.Env
	client *wb.Client
	sy     *syncer.Syncer // reads an answered question back into the store
	filter questionsFilter

	// markViewed marks a question viewed on Wildberries when it is opened;
	// viewed remembers the ones already queued, so each goes once.
	markViewed bool
	viewed     map[string]bool
}

func newQuestionsPane(env ui.Env, d Deps) ui.Pane {
	env = wbEnv(withStore(env, d))
	p := &questionsPane{paneShell: newPaneShell[*questionRow](env, ui.PaneQuestions),
		env: env, client: d.WB, sy: d.Syncer, markViewed: true, viewed: map[string]bool{}}
	p.self, p.handle, p.keys, p.openFilter, p.applyFilter = p, p.update, p.itemKeys, p.openMenu, p.applyMenu
	rk := env.Keys.Reply
	p.Split = ui.NewSplit(env, ui.SplitConfig[*questionRow]{
		ID:       ui.PaneQuestions,
		Row:      p.row,
		Detail:   p.detail,
		FullText: func(r *questionRow) string { return r.q.Text },
		Key:      func(r *questionRow) string { return r.q.ID },
		Bulk:     p.questionBulk,
		Query:    p.storeQuery,
		FilterNote: func() string {
			parts := p.filter.noteParts()
			if p.filter.answered {
				parts = append([]string{env.Tr.Get("wb.filter.answered")}, parts...)
			}
			return strings.Join(parts, " · ")
		},
		ClearFilter: func() tea.Cmd {
			p.filter = questionsFilter{}
			return p.ReloadWindow()
		},
		Decode: func(r store.PaneRow, now time.Time) (*questionRow, error) {
			q, err := store.Decode[models.Question](r.Row)
			return newQuestionRow(q, now, env.Tr), err
		},
		Help: append([]key.Binding{env.Keys.List.FilterMenu},
			p.acts.help([]key.Binding{rk.Answer, rk.Edit, rk.Reject, rk.Templates}, false)...),
	})
	p.preview.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

func (p *questionsPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ui.OutboxMsg:
		return p.outbox(msg)
	case tea.KeyPressMsg:
		if p.Split.Mode() == ui.ModeNormal {
			if key.Matches(msg, p.env.Keys.List.Open) {
				_, cmd := p.Split.Update(msg)
				return tea.Batch(cmd, p.opened())
			}
		}
	}
	_, cmd := p.Split.Update(msg)
	return cmd
}

// applyMenu takes the applied filter form.
func (p *questionsPane) applyMenu(form *ui.Form) tea.Cmd {
	p.filter.read(form)
	p.filter.answered = form.Value("state") == "answered"
	return p.ReloadWindow()
}

func (p *questionsPane) openMenu() *ui.Form {
	tr := p.env.Tr
	var form *ui.Form
	fields := append([]*ui.Field{{
		ID: "state", Label: tr.Get("wb.filter.state"), Kind: ui.FieldChoice,
		Choices: []ui.Choice{{Label: tr.Get("wb.filter.unanswered"), Value: "unanswered"}, {Label: tr.Get("wb.filter.answered"), Value: "answered"}},
	}}, p.filter.fields(tr, func() *ui.Form { return form })...)
	form = ui.NewForm(p.Env(), tr.Get("wbq.filter.title"), fields...)
	if p.filter.answered {
		form.SetValue("state", "answered")
	}
	p.filter.prefill(form)
	return form
}

// storeQuery is the filter menu's selection over the stored questions.
func (p *questionsPane) storeQuery() store.PaneQuery {
	f := p.filter.storeFilter()
	f.Status = store.StatusNeedsAction
	if p.filter.answered {
		f.Status = store.StatusDone
	}
	return store.PaneQuery{Kind: store.KindQuestion, Filter: f}
}

func newQuestionRow(q models.Question, now time.Time, tr i18n.T) *questionRow {
	pd := q.ProductDetails
	due := models.QuestionDeadline(q)
	return &questionRow{
		q:       q,
		date:    shortTime(q.CreatedDate, now, tr),
		product: wbLine(pd.ProductName),
		text:    wbLine(q.Text),
		due:     due, now: now, dueCell: dueCell(tr, due, now, false),
	}
}
