package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/reply"
)

// A bulk answer's entries share a batch and wait out the undo window
// together: u takes back every one still held, and none of them becomes a
// draft (they were never typed; the template is still there).

// batch is the held entries of a batch.
func (h *heldCalls) batch(id string) []reply.Entry {
	r := h.env.Replies
	if r == nil || id == "" {
		return nil
	}
	now := h.env.now()
	var out []reply.Entry
	for _, e := range r.Outbox.List() {
		if _, held := e.Held(now); held && e.Batch == id {
			out = append(out, e)
		}
	}
	return out
}

// undoBatch takes back every held entry of the batch and redraws their
// pane.
func (h *heldCalls) undoBatch(id string) tea.Cmd {
	r, tr := h.env.Replies, h.env.Tr
	n := 0
	var last reply.Entry
	var failed error
	for _, e := range h.batch(id) {
		got, err := r.Outbox.Undo(e.ID)
		switch {
		case err == nil:
			n++
			last = got
		case errors.Is(err, reply.ErrNotHeld), errors.Is(err, reply.ErrBusy):
			// its window passed while undoing the others: on its way
		default:
			failed = err
		}
	}
	h.bar.notice = NoticeMsg{Text: tr.Get("undo.done_batch", n)}
	if failed != nil {
		h.bar.notice = NoticeMsg{Err: failed}
	}
	if n == 0 {
		return nil
	}
	if i := h.tabs.index(last.Kind.Pane()); i >= 0 {
		return h.tabs.toPane(i, OutboxMsg{Entry: last})
	}
	return nil
}
