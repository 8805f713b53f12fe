package panes

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// An action's side of the outbox and the drafts: what a row and a detail
// say about an item's replies, the draft saved as the user works, the
// entry queued and held, and the outbox's word on it.

// markW is the reply column of a row: wide enough for ⏳.
const markW = 2

// latest is the item's newest outbox entry that the user sees: the
// automatic viewed marks are bookkeeping, not replies.
func (s *actions) latest(itemID string) (reply.Entry, bool) {
	if s.env.Replies == nil {
		return reply.Entry{}, false
	}
	var best reply.Entry
	found := false
	for _, e := range s.env.Replies.Outbox.List() {
		if e.Kind.Pane() != s.pane || e.ItemID != itemID || e.Kind == reply.KindQuestionViewed {
			continue
		}
		if !found || !e.Created.Before(best.Created) {
			best, found = e, true
		}
	}
	return best, found
}

// onItsWay reports an entry the outbox still has to deliver: a second one
// would be refused as a duplicate, and acting twice makes no sense.
func onItsWay(e reply.Entry) bool { return e.State.Pending() || e.State == reply.StateSending }

// marker is the row's reply column: the newest reply's state while it is
// on its way or failed (in a pane that acts once, whatever its state),
// then an unsent draft, then a delivered reply, then the dot of an item
// awaiting action when needs. With answering off a pane that answers in
// text has no reply column; the others keep it for the dot.
func (s *actions) marker(itemID string, needs bool) string {
	if s.env.Replies == nil && !s.once {
		return ""
	}
	if s.env.Replies != nil {
		e, ok := s.latest(itemID)
		if ok && (s.once || e.State != reply.StateSent) {
			return safe.Pad(ui.OutboxMarker(e), markW)
		}
		if _, d := s.draft(itemID); d {
			return safe.Pad(ui.DraftMarker, markW)
		}
		if ok {
			return safe.Pad(ui.OutboxMarker(e), markW)
		}
	}
	if needs {
		return safe.Pad("●", markW)
	}
	return strings.Repeat(" ", markW)
}

// draftKey names the item's one draft.
func (s *actions) draftKey(itemID string) reply.DraftKey { return s.env.Replies.Key(s.pane, itemID) }

// draft is the item's unsent draft. One last saved before the newest
// delivered reply was queued is that reply's text: the app forgets it once
// the outbox confirms, and until then it is not offered again.
func (s *actions) draft(itemID string) (reply.Draft, bool) {
	d, ok := s.env.Replies.Draft(s.draftKey(itemID))
	if !ok {
		return d, false
	}
	if e, sent := s.latest(itemID); sent && e.State == reply.StateSent && !d.UpdatedAt.After(e.Created) {
		return reply.Draft{}, false
	}
	return d, true
}

// stateLine is the detail's sentence about the item's newest reply,
// wrapped to width and ended with a newline; "" when there is none.
func (s *actions) stateLine(itemID string, width int) string {
	e, ok := s.latest(itemID)
	if !ok {
		return ""
	}
	return ansi.Wrap(ui.OutboxLine(s.env, e, s.now()), max(width, 10), "") + "\n"
}

// stateBlock is stateLine set apart from the item by a blank line, as
// the detail of a pane that answers in text has it.
func (s *actions) stateBlock(itemID string, width int) string {
	if l := s.stateLine(itemID, width); l != "" {
		return l + "\n"
	}
	return ""
}

func (s *actions) now() time.Time { return paneNow(s.env)() }

// hint is a muted line of the detail, wrapped.
func (s *actions) hint(text string, width int) string {
	return s.env.Styles.Muted.Render(safe.Wrap(text, max(width, 10))) + "\n"
}

// help lists the reply keys a pane wires, for the footer; answering and
// previews are left out when the app turned them off.
func (s *actions) help(actions []key.Binding, media bool) []key.Binding {
	var out []key.Binding
	if s.replies() {
		out = append(out, actions...)
	}
	if media && s.env.Photos.Previewer != nil {
		r := s.env.Keys.Reply
		out = append(out, r.Photo, r.NextPhoto, r.Open, r.Save)
	}
	return out
}

// busy reports, as a notice, a reply of the item that the outbox still
// has to deliver: a second one would be refused as a duplicate.
func (s *actions) busy(itemID string) (tea.Cmd, bool) {
	e, ok := s.latest(itemID)
	if !ok || !onItsWay(e) {
		return nil, false
	}
	return notice(s.env.Tr.Get("act.on_its_way", s.env.Tr.Label("kind", string(e.Kind)))), true
}

// resume is how answering an item starts over its earlier replies: one on
// its way says so; an answer (of kind answer) refused because someone
// answered first says answered, as the edit is what is left; another
// failed reply is reopened with its text and the reason by reopen (done),
// unless skip says it is not a text of this editor.
func (s *actions) resume(itemID string, answer reply.Kind, answered string, skip reply.Kind, reopen func(reply.Entry)) (tea.Cmd, bool) {
	if cmd, busy := s.busy(itemID); busy {
		return cmd, true
	}
	e, ok := s.failed(itemID)
	switch {
	case !ok || (skip != "" && e.Kind == skip):
		return nil, false
	case e.Kind == answer && e.Refusal == reply.RefusalAnswered:
		return notice(answered), true
	}
	reopen(e)
	return nil, true
}

// editFrom is the text and note an edit of the answer opens with: a failed
// edit's text and reason, or the user's own answer refused because the item
// had one (colleague: the edit replaces the other answer with it,
// knowingly), else the answer as it stands.
func (s *actions) editFrom(itemID string, edit, answer reply.Kind, current, colleague string) (text, note string) {
	e, ok := s.failed(itemID)
	switch {
	case ok && e.Kind == edit:
		return e.Text, e.LastError
	case ok && e.Kind == answer && e.Refusal == reply.RefusalAnswered:
		return e.Text, colleague
	}
	return current, ""
}

// failed is the item's newest reply when it failed.
func (s *actions) failed(itemID string) (reply.Entry, bool) {
	e, ok := s.latest(itemID)
	if !ok || e.State != reply.StateFailed {
		return reply.Entry{}, false
	}
	return e, true
}

// touch saves the act's draft as it stands.
func (s *actions) touch(a *action) tea.Cmd {
	if a.draft != nil {
		return s.save(a.itemID, a.draft(a))
	}
	// UpdatedAt is on the outbox's clock (the wall clock), so a draft and
	// the reply queued from it compare.
	d := reply.Draft{Text: a.editor.Value(), Files: a.files, Action: string(a.kind), UpdatedAt: time.Now()}
	if d.Text == "" && len(d.Files) == 0 {
		d.Action = "" // nothing left: the draft is dropped, not kept as a kind
	}
	return s.save(a.itemID, d)
}

// save keeps d as the item's draft.
func (s *actions) save(itemID string, d reply.Draft) tea.Cmd {
	return s.env.Replies.Touch(s.draftKey(itemID), d, s.now())
}

// enqueue hands the act's entry to the outbox and closes the act.
func (s *actions) enqueue(a *action) tea.Cmd {
	s.held, s.open = a, nil
	s.queued = settles(a.entry.Kind)
	return s.env.Replies.Enqueue(a.entry)
}

// settles reports the kinds of entry that leave their item needing nothing
// more of the seller once delivered: answers, rejections, messages,
// decisions; not the edit of an answer, nor a return request.
func settles(k reply.Kind) bool {
	switch k {
	case reply.KindQuestionAnswer, reply.KindQuestionReject, reply.KindFeedbackAnswer,
		reply.KindChatMessage, reply.KindClaimAnswer, reply.KindReturnDecision:
		return true
	}
	return false
}

// outbox takes the outbox's word on an entry of the pane. A refusal of
// the entry just queued reopens its editor or form with the reason; sent
// reports that the item must be read again to show the reply.
func (s *actions) outbox(msg ui.OutboxMsg) (sent bool, cmd tea.Cmd) {
	h := s.held
	mine := h != nil && h.itemID == msg.Entry.ItemID && h.kind == msg.Entry.Kind
	if mine {
		s.held = nil
	}
	if msg.Err != nil {
		if mine && s.open == nil && (h.editor != nil || h.form != nil) {
			h.confirm = nil
			if h.editor != nil {
				h.editor.SetError(humanError(msg.Err))
			} else {
				h.note = humanError(msg.Err)
			}
			s.open = h
			return false, nil
		}
		return false, func() tea.Msg { return ui.NoticeMsg{Err: msg.Err} }
	}
	return msg.Entry.State == reply.StateSent, nil
}

// settled is the outbox's word in a pane that acts once: a refusal puts
// the action back in front with the reason (or says it), a state change
// redraws the item, and a delivered entry reads the list again (the item
// no longer awaits the seller).
func (s *actions) settled(msg ui.OutboxMsg, redraw func(), reload func() tea.Cmd) tea.Cmd {
	sent, cmd := s.outbox(msg)
	if msg.Err != nil {
		return cmd
	}
	redraw()
	if sent {
		return reload()
	}
	return nil
}

// readBack is the outbox's word in a pane that answers in text and whose
// answers Wildberries confirms by showing them: the item is redrawn, an
// answer refused because someone answered first says so (answered) and,
// like a delivered one, has read the item back into the store (nil read:
// no syncer in this session), which every view then reads again.
func (s *actions) readBack(msg ui.OutboxMsg, redraw func(), answered string, read func(ctx context.Context, id string) error) tea.Cmd {
	sent, cmd := s.outbox(msg)
	redraw()
	first := msg.Entry.State == reply.StateFailed && msg.Entry.Refusal == reply.RefusalAnswered
	if first {
		// Someone answered first: show their answer and offer the edit.
		cmd = tea.Batch(cmd, notice(answered))
	}
	if !sent && !first {
		return cmd
	}
	id, ctx, tr, pane := msg.Entry.ItemID, s.env.Ctx, s.env.Tr, s.pane
	return tea.Batch(cmd, func() tea.Msg {
		if read == nil {
			return ui.NoticeMsg{Text: errNoSync(tr).Error()}
		}
		if err := read(ctx, id); err != nil {
			return nil // the outbox already confirmed the reply; the next sync shows it
		}
		// Every view of the store reads it again, in every session of a
		// team (each reads back), so the answer shows wherever it is listed.
		return ui.StoreChangedMsg{Panes: []ui.PaneID{pane}}
	})
}

// notice puts a sentence in the status bar.
func notice(text string) tea.Cmd {
	return func() tea.Msg { return ui.NoticeMsg{Text: text} }
}

// humanError is an error as the sentence the user should read: the reply
// layer's validation errors carry it in Message, without the API's
// framing.
func humanError(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) && ae.Kind == api.KindValidation && ae.Message != "" {
		return ae.Message
	}
	return ui.ErrorText(err, i18n.T{}) // internals stay in --debug
}

// paneNow is the pane clock (Env.Now may be unset in hand-built envs;
// tests fix it).
func paneNow(env ui.Env) func() time.Time {
	if env.Now == nil {
		return time.Now
	}
	return env.Now
}
