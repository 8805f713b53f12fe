package panes

import (
	"context"
	"path"
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

// The feedbacks pane's actions: a answers, e makes the one edit
// Wildberries allows within 60 days, t opens the editor with the templates
// that fit the rating, v asks for a return of the order, * pins or unpins
// (feedbacks_pins.go); p [ ] o s preview the buyer's photos and video.

func (p *feedbacksPane) row(r *feedbackRow, width int, selected bool, st theme.Styles) string {
	return feedbacksRowMarked(r, width, selected, st, p.acts.marker(r.f.ID, false))
}

// detail is the feedback with the state of its newest reply on top, the
// preview keys under its media, its pin and what can be done below.
func (p *feedbacksPane) detail(r *feedbackRow, width int, st theme.Styles, tr i18n.T) string {
	base := feedbacksDetail(r, width, st, tr)
	var b strings.Builder
	if p.acts.replies() {
		b.WriteString(p.acts.stateBlock(r.f.ID, width))
	}
	b.WriteString(base)
	var tail []string
	if h := p.preview.mediaHint(); h != "" && len(feedbackMedia(p.client, r.f)) > 0 {
		tail = append(tail, p.acts.hint(h, width))
	}
	if info, ok := p.pins[r.f.ID]; ok {
		tail = append(tail, p.acts.hint(p.pinLine(info), width))
	}
	if p.acts.replies() {
		tail = append(tail, p.acts.hint(p.hint(r.f), width))
	}
	if len(tail) > 0 {
		b.WriteString("\n\n" + strings.TrimRight(strings.Join(tail, ""), "\n"))
	}
	return b.String()
}

// hint says which keys act on the feedback, and whether the answer can
// still be edited.
func (p *feedbacksPane) hint(f models.Feedback) string {
	tr, k := p.env.Tr, p.env.Keys.Reply
	var parts []string
	switch {
	case !f.Answered():
		parts = append(parts, tr.Get("wbf.hint.answer", k.Answer.Help().Key, k.Templates.Help().Key))
	case f.Answer.Editable:
		parts = append(parts, tr.Get("wbf.hint.edit", k.Edit.Help().Key))
	default:
		parts = append(parts, tr.Get("wbf.edit.locked"))
	}
	if f.IsAbleReturnProductOrders && f.ReturnProductOrdersDate.IsZero() {
		parts = append(parts, tr.Get("wbf.hint.return", k.ReturnOrder.Help().Key))
	}
	parts = append(parts, tr.Get("wbf.hint.pin", k.Pin.Help().Key))
	return strings.Join(parts, " ")
}

// itemKeys are the reply keys on the selected feedback.
func (p *feedbacksPane) itemKeys() []itemKey[*feedbackRow] {
	rk := p.env.Keys.Reply
	return []itemKey[*feedbackRow]{
		{rk.Answer, func(r *feedbackRow) tea.Cmd { return p.answer(r, false) }},
		{rk.Templates, func(r *feedbackRow) tea.Cmd { return p.answer(r, true) }},
		{rk.Edit, func(r *feedbackRow) tea.Cmd { return p.edit(r, false) }},
		{rk.ReturnOrder, p.askReturn},
		{rk.Pin, p.pinLookup},
	}
}

// answer opens the answer editor; a failed reply is reopened with its text
// and the reason, an answered feedback offers its edit instead.
func (p *feedbacksPane) answer(r *feedbackRow, picker bool) tea.Cmd {
	f, tr := r.f, p.env.Tr
	// a failed return request is no text of the answer editor
	reopen := func(e reply.Entry) { p.open(r, e.Kind, e.Text, e.LastError, picker) }
	if cmd, done := p.acts.resume(f.ID, reply.KindFeedbackAnswer, p.answeredNote(), reply.KindFeedbackReturn, reopen); done {
		return cmd
	}
	if f.Answered() {
		if picker && f.Answer.Editable {
			return p.edit(r, true)
		}
		return notice(tr.Get("wbf.answer.done", p.env.Keys.Reply.Edit.Help().Key))
	}
	p.open(r, reply.KindFeedbackAnswer, "", "", picker)
	return nil
}

// edit opens the answer for its one edit, or says why it cannot be.
func (p *feedbacksPane) edit(r *feedbackRow, picker bool) tea.Cmd {
	f, tr := r.f, p.env.Tr
	if cmd, busy := p.acts.busy(f.ID); busy {
		return cmd
	}
	switch {
	case !f.Answered():
		return notice(tr.Get("wbf.edit.none", p.env.Keys.Reply.Answer.Help().Key))
	case !f.Answer.Editable:
		return notice(tr.Get("wbf.edit.locked"))
	}
	initial, note := p.acts.editFrom(f.ID, reply.KindFeedbackEdit, reply.KindFeedbackAnswer, f.Answer.Text, tr.Get("wbf.answer.colleague.edit"))
	p.open(r, reply.KindFeedbackEdit, initial, note, picker)
	return nil
}

// open puts the editor of kind in front for the feedback.
func (p *feedbacksPane) open(r *feedbackRow, kind reply.Kind, initial, note string, picker bool) {
	tr := p.env.Tr
	id := r.f.ID
	name := wbLine(r.f.ProductDetails.ProductName)
	title := tr.Get("wbf.title.answer", r.f.ProductValuation, name)
	if kind == reply.KindFeedbackEdit {
		title = tr.Get("wbf.title.edit", r.f.ProductValuation, name)
		if note == "" {
			note = tr.Get("wbf.edit.once")
		}
	}
	p.acts.openEditor(editorSpec{
		kind: kind, itemID: id, title: title, min: wb.MinAnswerLen, max: wb.MaxAnswerLen,
		initial: initial, note: note, vars: feedbackVars(r.f), rating: r.f.ProductValuation, picker: picker,
		build: func(text string, _ []string) reply.Entry {
			return reply.Entry{Kind: kind, ItemID: id, Text: text}
		},
	})
}

// askReturn confirms and queues a return request for the feedback's order,
// where Wildberries offers one.
func (p *feedbacksPane) askReturn(r *feedbackRow) tea.Cmd {
	f, tr := r.f, p.env.Tr
	switch {
	case !f.ReturnProductOrdersDate.IsZero():
		return notice(tr.Get("wbf.return.done", fullTime(f.ReturnProductOrdersDate, tr)))
	case !f.IsAbleReturnProductOrders:
		return notice(tr.Get("wbf.return.unavailable"))
	}
	if e, ok := p.acts.latest(f.ID); ok && e.Kind == reply.KindFeedbackReturn && onItsWay(e) {
		return notice(tr.Get("act.on_its_way", tr.Label("kind", string(e.Kind))))
	}
	p.acts.enqueueAsk(reply.Entry{Kind: reply.KindFeedbackReturn, ItemID: f.ID},
		tr.Get("wbf.return.ask", wbLine(f.UserName), wbLine(f.ProductDetails.ProductName)))
	return nil
}

// feedbackVars are the template placeholders a feedback fills.
func feedbackVars(f models.Feedback) map[string]string {
	pd := f.ProductDetails
	v := map[string]string{
		"buyer": safe.Line(f.UserName), "product": safe.Line(pd.ProductName), "brand": safe.Line(pd.BrandName),
		"article": safe.Line(pd.SupplierArticle), "seller": safe.Line(pd.SupplierName), "date": moscowDay(f.CreatedDate),
	}
	if pd.NmID != 0 {
		v["nmid"] = strconv.FormatInt(pd.NmID, 10)
	}
	if f.ProductValuation > 0 {
		v["rating"] = strconv.Itoa(f.ProductValuation)
	}
	return v
}

// feedbackMedia lists the buyer's photos (full size, previewed) and the
// video (opened or saved). They live on WB's CDN, fetched without the
// token.
func feedbackMedia(c *wb.Client, f models.Feedback) []ui.Media {
	t := c.Transport()
	out := make([]ui.Media, 0, len(f.PhotoLinks)+1)
	for i, ph := range f.PhotoLinks {
		u := ph.FullSize
		if u == "" {
			u = ph.MiniSize
		}
		if u == "" {
			continue
		}
		n := strconv.Itoa(i + 1)
		// WebP since February 2026, JPEG before: name the file as linked.
		ext := strings.ToLower(path.Ext(chatsURLName(u)))
		if ext != ".webp" && ext != ".png" {
			ext = ".jpg"
		}
		out = append(out, ui.Media{Key: "wb/feedback/" + f.ID + "/" + n, Name: "feedback-" + f.ID + "-" + n + ext,
			Image: true, Fetch: cdnFetch(t, u)})
	}
	if v := f.Video; v != nil && v.Link != "" {
		ext := path.Ext(chatsURLName(v.Link))
		if ext == "" {
			ext = ".mp4"
		}
		out = append(out, ui.Media{Key: "wb/feedback/" + f.ID + "/video", Name: "feedback-" + f.ID + "-video" + ext,
			Fetch: cdnFetch(t, v.Link)})
	}
	return out
}

// syncPhotos hands the preview the selected feedback's media when the
// selection changed.
func (p *feedbacksPane) syncPhotos() tea.Cmd {
	r, ok := p.Selected()
	if !ok {
		return p.preview.follow(false, "", false, nil)
	}
	return p.preview.follow(true, "feedbacks/"+r.f.ID, false, func() []ui.Media { return feedbackMedia(p.client, r.f) })
}

// outbox redraws the feedback an entry is about; a delivered reply has
// the syncer read the feedback back into the store (Wildberries' copy is
// the confirmation), and the pane shows it from the store.
func (p *feedbacksPane) outbox(msg ui.OutboxMsg) tea.Cmd {
	var read func(context.Context, string) error
	if sy := p.sy; sy != nil {
		read = func(ctx context.Context, id string) error { _, _, err := sy.Feedback(ctx, id); return err }
	}
	return p.acts.readBack(msg, p.RefreshDetail, p.answeredNote(), read)
}

// answeredNote says a reply was not sent because the feedback had an
// answer already, and which key edits it.
func (p *feedbacksPane) answeredNote() string {
	return p.env.Tr.Get("wbf.answer.colleague", p.env.Keys.Reply.Edit.Help().Key)
}
