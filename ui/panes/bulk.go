package panes

import (
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// What a bulk answer (ui.SplitConfig.Bulk: marks, sections, A) needs of
// a question, a feedback or a chat: the answer's kind, the template's values, and
// why an item cannot take one. The Split does the rest (preview, one
// confirmation, the outbox, the undo window).

// questionBulk answers an unanswered question.
func (p *questionsPane) questionBulk(r *questionRow) ui.BulkItem {
	q, tr := r.q, p.env.Tr
	it := ui.BulkItem{ID: q.ID, Kind: reply.KindQuestionAnswer, Vars: questionVars(q), Label: r.text}
	switch {
	case q.State == models.QuestionRejected:
		it.Skip = tr.Get("bulk.skip.rejected")
	case q.Answered():
		it.Skip = tr.Get("bulk.skip.answered")
	case p.acts.answeredMeanwhile(q.ID, reply.KindQuestionAnswer):
		it.Skip = tr.Get("bulk.skip.colleague")
	}
	return it
}

// feedbackBulk answers an unanswered feedback; its rating picks whether
// the template fits.
func (p *feedbacksPane) feedbackBulk(r *feedbackRow) ui.BulkItem {
	f, tr := r.f, p.env.Tr
	label := r.text
	if label == "" {
		label = r.stars + "  " + r.product
	} else {
		label = r.stars + "  " + label
	}
	it := ui.BulkItem{ID: f.ID, Kind: reply.KindFeedbackAnswer, Vars: feedbackVars(f), Rating: f.ProductValuation, Label: label}
	switch {
	case f.Answered():
		it.Skip = tr.Get("bulk.skip.answered")
	case p.acts.answeredMeanwhile(f.ID, reply.KindFeedbackAnswer):
		it.Skip = tr.Get("bulk.skip.colleague")
	}
	return it
}

// chatBulk writes to a chat whose buyer waits; a chat without its
// signature cannot take a message (its conversation is not read yet).
func (p *chatsPane) chatBulk(r *chatRow) ui.BulkItem {
	tr := p.env.Tr
	label := r.buyer
	if r.text != "" {
		label += ": " + r.text
	}
	it := ui.BulkItem{ID: r.c.ChatID, Kind: reply.KindChatMessage, Vars: p.chatVars(r), Label: label, ReplySign: p.replySign(r)}
	switch {
	case !r.verdict.needs():
		it.Skip = tr.Get("bulk.skip.no_wait")
	case it.ReplySign == "":
		it.Skip = tr.Get("wbc.no_sign")
	}
	return it
}

// answeredMeanwhile reports that the item's last answer was refused
// because someone answered it first: the store has not caught up yet.
func (w *actions) answeredMeanwhile(itemID string, kind reply.Kind) bool {
	e, ok := w.failed(itemID)
	return ok && e.Kind == kind && e.Refusal == reply.RefusalAnswered
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"bulk.skip.answered":  "already answered",
		"bulk.skip.rejected":  "rejected",
		"bulk.skip.colleague": "someone answered it first",
		"bulk.skip.no_wait":   "the buyer is not waiting for a reply",
	})
	i18n.Register(i18n.RU, map[string]string{
		"bulk.skip.answered":  "уже есть ответ",
		"bulk.skip.rejected":  "вопрос отклонён",
		"bulk.skip.colleague": "кто-то ответил раньше",
		"bulk.skip.no_wait":   "покупатель не ждёт ответа",
	})
}
