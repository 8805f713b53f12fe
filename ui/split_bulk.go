package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/store"
)

// A bulk answer fills one template for every marked item (or every item
// of a section), lists every text that will go out in a preview, and
// queues them all through the outbox with one confirmation. The entries
// share a batch, so they all wait out the undo window and one u takes
// them all back; the rows show each one's state as for any reply.

// bulkMax bounds one bulk answer: more than a preview can be read
// through, and more than a marketplace's rate limits send in a minute.
const bulkMax = 500

// BulkItem is what a pane tells of one item for a bulk answer
// (SplitConfig.Bulk).
type BulkItem struct {
	ID     string
	Kind   reply.Kind
	Vars   map[string]string // the template's placeholders
	Rating int               // picks the templates that fit (0: none)
	// Label names the item in the preview: the buyer's words or the
	// product, one line (the Split sanitizes it).
	Label string
	// Skip, when set, is why the item cannot be answered (already
	// answered, rejected), a sentence in the UI's language.
	Skip string
	// ReplySign is the chat's signature a message needs (chats only).
	ReplySign string
}

// bulkState is the Split's share of bulk answers: the marks, the
// template picker, the preview, the sections.
type bulkState struct {
	marks    marks
	rangeSeq Seq
	readSeq  Seq
	picker   *TemplatePicker
	target   bulkTarget // what the picked template answers
	preview  *bulkPreview
	sections sections
	// reading: a range or a bulk answer's items are being read for the
	// user (the preview is on its way).
	reading bool
}

// bulkTarget is what a bulk answer covers: the marked items, or a
// section's (ids nil).
type bulkTarget struct {
	ids     []string
	section int
	auto    bool
	// most bounds how many an automatic answer queues (its cap's rest).
	most int
}

// bulkPreview is every text that will go out, and every item left out
// with the reason, before the one confirmation.
type bulkPreview struct {
	tmpl   reply.Template
	lines  []bulkLine
	ready  int
	top    int // the first line shown
	marked bool
}

type bulkLine struct {
	label string
	skip  string
	entry reply.Entry
}

// bulkReadMsg is the items a bulk answer covers, read from the store.
type bulkReadMsg[T any] struct {
	Pane   PaneID
	Seq    uint64
	Target bulkTarget
	Tmpl   reply.Template
	Items  []T
	// Gone counts marked items the store no longer has.
	Gone int
	Err  error
}

func (m bulkReadMsg[T]) TargetPane() PaneID { return m.Pane }

// BulkQueuedMsg reports a bulk answer handed to the outbox.
type BulkQueuedMsg struct {
	Pane   PaneID
	Batch  string
	Queued []reply.Entry
	// Refused are entries the outbox did not take (a reply on its way
	// meanwhile, a read-only session), with the first reason.
	Refused int
	Err     error
	Auto    string // the section's name for an automatic answer
}

func (m BulkQueuedMsg) TargetPane() PaneID { return m.Pane }

// EnqueueBatch queues entries as one batch (in a command: it writes the
// outbox), each exactly once: the outbox refuses a second reply to an item
// while one waits.
func (r *Replies) EnqueueBatch(pane PaneID, batch string, es []reply.Entry) tea.Cmd {
	msg := BulkQueuedMsg{Pane: pane, Batch: batch}
	if r.refuse != "" {
		msg.Refused, msg.Err = len(es), ReadOnlyError(r.refuse)
		return func() tea.Msg { return msg }
	}
	es = slices.Clone(es)
	for i := range es {
		es[i].Profile, es[i].Agent, es[i].Batch = r.Profile, r.Agent, batch
	}
	ob := r.Outbox
	return func() tea.Msg {
		for _, e := range es {
			got, err := ob.Enqueue(e)
			if err != nil {
				msg.Refused++
				if msg.Err == nil {
					msg.Err = err
				}
				continue
			}
			msg.Queued = append(msg.Queued, got)
		}
		return msg
	}
}

// bulkBusy reports the picker or the preview in front: they own the
// keyboard.
func (s *Split[T]) bulkBusy() bool { return s.bulk.picker != nil || s.bulk.preview != nil }

// bulkMode is the keyboard owner while the picker or the preview is open.
func (s *Split[T]) bulkMode() (Mode, bool) {
	switch {
	case s.bulk.preview != nil:
		return ModeConfirm, true
	case s.bulk.picker != nil:
		return ModeEdit, true
	}
	return ModeNormal, false
}

// bulkKey takes the keys of marks, sections and bulk answers; ok is false
// for the others.
func (s *Split[T]) bulkKey(msg tea.Msg) (tea.Cmd, bool) {
	if s.bulk.preview != nil {
		return s.previewKey(msg), true
	}
	if s.bulk.picker != nil {
		return s.bulkPickerKey(msg), true
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || s.list.Typing() || s.focus != focusList {
		return nil, false
	}
	l := s.env.Keys.List
	switch {
	case len(s.bulk.sections.list) > 0 && key.Matches(k, l.NextSection):
		return s.switchSection(+1), true
	case len(s.bulk.sections.list) > 0 && key.Matches(k, l.PrevSection):
		return s.switchSection(-1), true
	case !s.marking():
		return nil, false
	case key.Matches(k, l.Mark):
		return s.toggleMark(), true
	case key.Matches(k, l.MarkRange):
		return s.markRange(), true
	case key.Matches(k, l.Back) && s.bulk.marks.n() > 0:
		s.clearMarks()
		return nil, true
	case key.Matches(k, l.Bulk):
		return s.startBulk(), true
	}
	return nil, false
}

// StartBulk is the bulk key's action, for a pane whose templates key
// answers the marked items while any are marked.
func (s *Split[T]) StartBulk() tea.Cmd { return s.startBulk() }

// startBulk answers the marked items, or the section's, picking the
// template first unless the section names one.
func (s *Split[T]) startBulk() tea.Cmd {
	tr, l := s.env.Tr, s.env.Keys.List
	r := s.env.Replies
	if r == nil || r.Templates == nil {
		return noticeText(tr.Get("bulk.off"))
	}
	sec, inSection := s.bulk.sections.active()
	switch {
	case s.bulk.marks.n() > 0:
		s.bulk.target = bulkTarget{ids: s.bulk.marks.list()}
	case inSection:
		s.bulk.target = bulkTarget{section: s.bulk.sections.at}
		if sec.Template != "" {
			t, ok := r.Templates.Get(sec.Template)
			if !ok {
				return noticeText(tr.Get("bulk.no_template", sec.Template))
			}
			return s.readBulk(s.bulk.target, t, bulkMax)
		}
	default:
		return noticeText(tr.Get("bulk.none", l.Mark.Help().Key, l.MarkRange.Help().Key))
	}
	s.bulk.picker = NewTemplatePicker(s.env, bulkTemplates(r.Templates, s.cfg.ID))
	return nil
}

// bulkTemplates are the templates of pane whatever the rating: each
// item's rating is checked against the one picked.
func bulkTemplates(ts *reply.Templates, pane PaneID) []reply.Template {
	var out []reply.Template
	for _, t := range ts.All() {
		if len(t.Panes) == 0 || slices.Contains(t.Panes, pane) {
			out = append(out, t)
		}
	}
	return out
}

func (s *Split[T]) bulkPickerKey(msg tea.Msg) tea.Cmd {
	res, t, cmd := s.bulk.picker.Update(msg)
	switch res {
	case PickerCanceled:
		s.bulk.picker = nil
		return cmd
	case PickerPicked:
		s.bulk.picker = nil
		return tea.Batch(cmd, s.readBulk(s.bulk.target, t, bulkMax))
	}
	return cmd
}

// readBulk reads the target's items from the store in a command: the
// marked ones by ID (wherever they are, whatever the filter now), or up
// to limit of the section's, in its order.
func (s *Split[T]) readBulk(target bulkTarget, t reply.Template, limit int) tea.Cmd {
	if s.rows() == nil || limit <= 0 {
		return nil
	}
	var seq uint64
	if !target.auto { // automatic reads never make the user's stale
		seq = s.bulk.readSeq.Next()
		s.bulk.reading = true
	}
	id, st, ctx, decode := s.cfg.ID, s.rows(), s.env.Ctx, s.cfg.Decode
	kind := s.cfg.Query().Kind
	var q store.PaneQuery
	if target.ids == nil {
		q = s.bulk.sections.list[target.section].query(kind, s.env.now())
	}
	now := s.env.now()
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		msg := bulkReadMsg[T]{Pane: id, Seq: seq, Target: target, Tmpl: t}
		var rows []store.PaneRow
		if target.ids == nil {
			var err error
			if rows, _, _, err = st.Window(ctx, q, store.Start(), 0, limit-1); err != nil {
				msg.Err = err
				return msg
			}
		}
		for _, itemID := range target.ids {
			r, ok, err := rowByID(ctx, st, kind, itemID)
			if err != nil {
				msg.Err = err
				return msg
			}
			if !ok {
				msg.Gone++
				continue
			}
			rows = append(rows, r)
		}
		for _, r := range rows {
			if it, err := decode(r, now); err == nil {
				msg.Items = append(msg.Items, it)
			} else {
				msg.Gone++
			}
		}
		return msg
	}
}

// rowGetter is a Rows source that reads one item by ID (the store).
type rowGetter interface {
	Get(ctx context.Context, kind store.Kind, id string) (store.Row, bool, error)
}

// rowByID reads one stored item whatever the pane's filter.
func rowByID(ctx context.Context, st Rows, kind store.Kind, id string) (store.PaneRow, bool, error) {
	if g, ok := st.(rowGetter); ok {
		r, found, err := g.Get(ctx, kind, id)
		return store.PaneRow{Row: r}, found, err
	}
	rows, _, _, err := st.Window(ctx, store.PaneQuery{Kind: kind}, store.At(id), 0, 0)
	if err != nil || len(rows) == 0 || rows[0].ID != id {
		return store.PaneRow{}, false, err
	}
	return rows[0], true, nil
}

// bulkRead builds the preview of what arrived, or queues it at once for
// an automatic answer.
func (s *Split[T]) bulkRead(msg bulkReadMsg[T]) tea.Cmd {
	if msg.Target.auto {
		return s.autoRead(msg)
	}
	if !s.bulk.readSeq.Current(msg.Seq) {
		return nil
	}
	s.bulk.reading = false
	if msg.Err != nil {
		return noticeErr(msg.Err)
	}
	p := s.bulkLines(msg.Tmpl, msg.Items)
	p.marked = msg.Target.ids != nil
	if len(p.lines) == 0 {
		return noticeText(s.env.Tr.Get("bulk.empty"))
	}
	s.bulk.preview = p
	return nil
}

// bulkLines fills the template for each item, and leaves out, with the
// reason, what cannot be answered: answered, on its way, a template
// meant for other ratings, a value the item lacks, a text too long.
func (s *Split[T]) bulkLines(t reply.Template, items []T) *bulkPreview {
	tr := s.env.Tr
	p := &bulkPreview{tmpl: t}
	for _, it := range items {
		bi := s.cfg.Bulk(it)
		l := bulkLine{label: bi.Label, entry: reply.Entry{Kind: bi.Kind, ItemID: bi.ID, ReplySign: bi.ReplySign}}
		text, err := reply.Render(t, bi.Vars)
		l.entry.Text = strings.TrimSpace(text)
		switch {
		case bi.Skip != "":
			l.skip = bi.Skip
		case s.onItsWay(bi.ID):
			l.skip = tr.Get("bulk.skip.on_its_way")
		case len(t.Ratings) > 0 && !slices.Contains(t.Ratings, bi.Rating):
			l.skip = tr.Get("bulk.skip.rating", bi.Rating)
		case err != nil:
			var re *reply.RenderError
			if errors.As(err, &re) && len(re.Missing) > 0 {
				l.skip = tr.Get("bulk.skip.missing", "{"+strings.Join(re.Missing, "}, {")+"}")
			} else {
				l.skip = ErrorText(err, tr)
			}
		default:
			l.skip = s.invalidText(l.entry)
		}
		if l.skip == "" {
			p.ready++
		}
		p.lines = append(p.lines, l)
	}
	return p
}

// onItsWay reports a reply to the item that the outbox still has to
// deliver: a second would be refused.
func (s *Split[T]) onItsWay(id string) bool {
	r := s.env.Replies
	if r == nil {
		return false
	}
	e, ok := r.Latest(s.cfg.ID, id)
	return ok && e.Kind != reply.KindQuestionViewed && (e.State.Pending() || e.State == reply.StateSending)
}

// invalidText is why the marketplace would refuse the entry, in the UI's
// language for the lengths (what a template most often gets wrong).
func (s *Split[T]) invalidText(e reply.Entry) string {
	err := reply.Validate(e)
	if err == nil {
		return ""
	}
	tr := s.env.Tr
	if e.Kind == reply.KindChatMessage {
		if n := wb.ChatTextLen(e.Text); n > wb.ChatMaxText {
			return tr.Get("bulk.skip.long", n, wb.ChatMaxText)
		}
	}
	switch n := utf8.RuneCountInString(e.Text); {
	case e.Kind == reply.KindChatMessage:
	case n > wb.MaxAnswerLen:
		return tr.Get("bulk.skip.long", n, wb.MaxAnswerLen)
	case n < wb.MinAnswerLen:
		return tr.Get("bulk.skip.short", wb.MinAnswerLen)
	}
	var ae *api.Error
	if errors.As(err, &ae) && ae.Message != "" {
		return ae.Message
	}
	return ErrorText(err, tr)
}

// previewKey scrolls the preview, confirms it (y) or closes it.
func (s *Split[T]) previewKey(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	p := s.bulk.preview
	d, c := s.env.Keys.Detail, s.env.Keys.Confirm
	page := max(s.height-4, 1)
	switch {
	case key.Matches(k, d.Down):
		p.top++
	case key.Matches(k, d.Up):
		p.top--
	case key.Matches(k, d.PageDown), key.Matches(k, d.HalfDown):
		p.top += page
	case key.Matches(k, d.PageUp), key.Matches(k, d.HalfUp):
		p.top -= page
	case key.Matches(k, d.Top):
		p.top = 0
	case key.Matches(k, d.Bottom):
		p.top = 1 << 30
	case key.Matches(k, c.Yes):
		s.bulk.preview = nil
		if p.ready == 0 {
			return nil
		}
		if p.marked {
			s.clearMarks()
		}
		return s.queueBulk(p, "bulk:"+strconv.FormatInt(s.env.now().UnixNano(), 36), "")
	case key.Matches(k, c.No):
		s.bulk.preview = nil
	}
	p.top = max(p.top, 0) // the view clamps the end
	return nil
}

// queueBulk hands the preview's ready entries to the outbox as one batch.
func (s *Split[T]) queueBulk(p *bulkPreview, batch, auto string) tea.Cmd {
	var es []reply.Entry
	for _, l := range p.lines {
		if l.skip == "" {
			es = append(es, l.entry)
		}
	}
	if len(es) == 0 || s.env.Replies == nil {
		return nil
	}
	cmd := s.env.Replies.EnqueueBatch(s.cfg.ID, batch, es)
	if auto == "" {
		return cmd
	}
	return func() tea.Msg {
		msg := cmd()
		if q, ok := msg.(BulkQueuedMsg); ok {
			q.Auto = auto
			return q
		}
		return msg
	}
}

// bulkQueued says what went into the outbox and redraws the rows, whose
// reply column shows each entry's state.
func (s *Split[T]) bulkQueued(msg BulkQueuedMsg) tea.Cmd {
	tr := s.env.Tr
	s.RefreshDetail()
	if msg.Auto != "" {
		s.autoDone(msg.Auto)
	}
	n := len(msg.Queued)
	var text string
	switch {
	case msg.Auto != "" && n == 0 && msg.Err == nil:
		return nil
	case n == 0 && msg.Err != nil:
		return noticeErr(msg.Err)
	case msg.Auto != "":
		text = tr.Get("bulk.auto_queued", msg.Auto, n)
	default:
		text = tr.Get("bulk.queued", n)
	}
	if n > 0 {
		if left, held := msg.Queued[0].Held(s.env.now()); held {
			text += " " + tr.Get("bulk.undo_hint", s.env.Keys.Global.Undo.Help().Key, int((left+time.Second-1)/time.Second))
		}
	}
	if msg.Refused > 0 {
		text += " " + tr.Get("bulk.refused", msg.Refused, ErrorText(msg.Err, tr))
	}
	return noticeText(text)
}

// bulkUpdate takes the bulk answers' messages; ok is false for others.
func (s *Split[T]) bulkUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case markRangeMsg:
		return s.rangeMarked(msg), true
	case bulkReadMsg[T]:
		return s.bulkRead(msg), true
	case BulkQueuedMsg:
		return s.bulkQueued(msg), true
	case sectionCountsMsg:
		s.sectionCounts(msg)
		return nil, true
	}
	return nil, false
}

// noticeText is a status-bar sentence as a command.
func noticeText(text string) tea.Cmd { return notice(NoticeMsg{Text: text}) }
