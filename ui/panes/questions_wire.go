package panes

import (
	"context"
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// The questions pane's actions: a answers, e edits an answer Wildberries
// still lets edit, x rejects with an explanation after a confirmation, t
// opens the editor with the templates; opening a question marks it viewed.

// row is the list row with the reply column when answering is on.
func (p *questionsPane) row(r *questionRow, width int, selected bool, st theme.Styles) string {
	return questionsRowMarked(r, width, selected, st, p.acts.marker(r.q.ID, false))
}

// detail is the question with the state of its newest reply on top and
// what can be done with it below.
func (p *questionsPane) detail(r *questionRow, width int, st theme.Styles, tr i18n.T) string {
	base := questionsDetail(r, width, st, tr)
	if !p.acts.replies() {
		return base
	}
	return p.acts.stateBlock(r.q.ID, width) + base + "\n\n" + strings.TrimRight(p.acts.hint(p.hint(r.q), width), "\n")
}

// hint says which keys act on the question, or why none does.
func (p *questionsPane) hint(q models.Question) string {
	tr, k := p.env.Tr, p.env.Keys.Reply
	switch {
	case q.State == models.QuestionRejected:
		return tr.Get("wbq.hint.rejected")
	case !q.Answered():
		return tr.Get("wbq.hint.answer", k.Answer.Help().Key, k.Templates.Help().Key, k.Reject.Help().Key)
	case q.Answer != nil && q.Answer.Editable:
		return tr.Get("wbq.hint.edit", k.Edit.Help().Key)
	}
	return tr.Get("wbq.edit.locked")
}

// itemKeys are the reply keys on the selected question; each also marks
// it viewed.
func (p *questionsPane) itemKeys() []itemKey[*questionRow] {
	rk := p.env.Keys.Reply
	return []itemKey[*questionRow]{
		{rk.Answer, func(r *questionRow) tea.Cmd { return tea.Batch(p.opened(), p.answer(r, false)) }},
		{rk.Templates, func(r *questionRow) tea.Cmd { return tea.Batch(p.opened(), p.answer(r, true)) }},
		{rk.Edit, func(r *questionRow) tea.Cmd { return tea.Batch(p.opened(), p.edit(r, false)) }},
		{rk.Reject, func(r *questionRow) tea.Cmd { return tea.Batch(p.opened(), p.reject(r)) }},
	}
}

// answer opens the answer editor; a failed reply is reopened with its text
// and the reason, an answered question offers its edit instead.
func (p *questionsPane) answer(r *questionRow, picker bool) tea.Cmd {
	q, tr := r.q, p.env.Tr
	reopen := func(e reply.Entry) { p.open(r, e.Kind, e.Text, e.LastError, picker) }
	if cmd, done := p.acts.resume(q.ID, reply.KindQuestionAnswer, p.answeredNote(), "", reopen); done {
		return cmd
	}
	switch {
	case q.State == models.QuestionRejected:
		return notice(tr.Get("wbq.hint.rejected"))
	case q.Answered() && picker && q.Answer != nil && q.Answer.Editable:
		return p.edit(r, true)
	case q.Answered():
		return notice(tr.Get("wbq.answer.done", p.env.Keys.Reply.Edit.Help().Key))
	}
	p.open(r, reply.KindQuestionAnswer, "", "", picker)
	return nil
}

// edit opens the answer for its one edit, or says why it cannot be.
func (p *questionsPane) edit(r *questionRow, picker bool) tea.Cmd {
	q, tr := r.q, p.env.Tr
	if cmd, busy := p.acts.busy(q.ID); busy {
		return cmd
	}
	switch {
	case q.State != models.QuestionAnswered || q.Answer == nil:
		return notice(tr.Get("wbq.edit.none"))
	case !q.Answer.Editable:
		return notice(tr.Get("wbq.edit.locked"))
	}
	initial, note := p.acts.editFrom(q.ID, reply.KindQuestionEdit, reply.KindQuestionAnswer, q.Answer.Text, tr.Get("wbq.answer.colleague.edit"))
	p.open(r, reply.KindQuestionEdit, initial, note, picker)
	return nil
}

// reject opens the explanation editor; sending asks first, as a
// rejected question is hidden from buyers for good.
func (p *questionsPane) reject(r *questionRow) tea.Cmd {
	q, tr := r.q, p.env.Tr
	if cmd, busy := p.acts.busy(q.ID); busy {
		return cmd
	}
	if q.Answered() {
		return notice(tr.Get("wbq.reject.done"))
	}
	p.open(r, reply.KindQuestionReject, "", "", false)
	return nil
}

// open puts the editor of kind in front for the question.
func (p *questionsPane) open(r *questionRow, kind reply.Kind, initial, note string, picker bool) {
	tr := p.env.Tr
	id := r.q.ID
	s := editorSpec{
		kind: kind, itemID: id, min: wb.MinAnswerLen, max: wb.MaxAnswerLen, initial: initial, note: note,
		vars: questionVars(r.q), picker: picker,
		build: func(text string, _ []string) reply.Entry {
			return reply.Entry{Kind: kind, ItemID: id, Text: text}
		},
	}
	name := wbLine(r.q.ProductDetails.ProductName)
	switch kind {
	case reply.KindQuestionEdit:
		s.title = tr.Get("wbq.title.edit", name)
	case reply.KindQuestionReject:
		s.title = tr.Get("wbq.title.reject", name)
		s.ask = tr.Get("wbq.reject.ask", name)
	default:
		s.title = tr.Get("wbq.title.answer", name)
	}
	p.acts.openEditor(s)
}

// questionVars are the template placeholders a question fills.
func questionVars(q models.Question) map[string]string {
	pd := q.ProductDetails
	v := map[string]string{
		"product": safe.Line(pd.ProductName), "brand": safe.Line(pd.BrandName), "article": safe.Line(pd.SupplierArticle),
		"seller": safe.Line(pd.SupplierName), "date": moscowDay(q.CreatedDate),
	}
	if pd.NmID != 0 {
		v["nmid"] = strconv.FormatInt(pd.NmID, 10)
	}
	return v
}

// opened queues the selected question's viewed mark, once, when it has
// not been seen on the portal yet.
func (p *questionsPane) opened() tea.Cmd {
	r, ok := p.Selected()
	if !ok || !p.markViewed || !p.acts.replies() || r.q.WasViewed || p.viewed[r.q.ID] {
		return nil
	}
	p.viewed[r.q.ID] = true
	return p.env.Replies.Enqueue(reply.Entry{Kind: reply.KindQuestionViewed, ItemID: r.q.ID})
}

// outbox redraws the question an entry is about; a delivered reply has
// the syncer read the question back into the store (Wildberries' copy is
// the confirmation: it accepts answers to unknown IDs with 204), and the
// pane shows it from the store.
func (p *questionsPane) outbox(msg ui.OutboxMsg) tea.Cmd {
	id := msg.Entry.ItemID
	if msg.Entry.Kind == reply.KindQuestionViewed {
		// Bookkeeping: only a real failure is worth a word.
		if msg.Err != nil && !errors.Is(msg.Err, reply.ErrDuplicate) {
			return func() tea.Msg { return ui.NoticeMsg{Err: msg.Err} }
		}
		if msg.Entry.State == reply.StateSent {
			if r := p.find(id); r != nil {
				r.q.WasViewed = true
				r.memo = rowMemo{} // its row loses the unseen mark
				p.RefreshDetail()
			}
		}
		return nil
	}
	var read func(context.Context, string) error
	if sy := p.sy; sy != nil {
		read = func(ctx context.Context, id string) error { _, _, err := sy.Question(ctx, id); return err }
	}
	return p.acts.readBack(msg, p.RefreshDetail, p.answeredNote(), read)
}

func (p *questionsPane) find(id string) *questionRow {
	for _, r := range p.Items() {
		if r.q.ID == id {
			return r
		}
	}
	return nil
}

// answeredNote says a reply was not sent because the question had an
// answer already, and which key edits it.
func (p *questionsPane) answeredNote() string {
	return p.env.Tr.Get("wbq.answer.colleague", p.env.Keys.Reply.Edit.Help().Key)
}
