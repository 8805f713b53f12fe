package panes

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// What the returns and claims panes share around their actions: the state
// column of a row, the detail's outbox line, notices, and the help of the
// reply keys. Both act once per item (a decision, a claim answer), so the
// item's newest outbox entry is its whole story.

// rcMarkW is the state column of a row: wide enough for ⏳.
const rcMarkW = 2

// rcMark is the row's state: the newest reply's outbox marker, a draft, or
// the dot of an item awaiting action.
func rcMark(env ui.Env, pane ui.PaneID, itemID string, needs bool) string {
	if r := env.Replies; r != nil {
		if e, ok := r.Latest(pane, itemID); ok {
			return safe.Pad(ui.OutboxMarker(e), rcMarkW)
		}
		if _, ok := r.Draft(r.Key(pane, itemID)); ok {
			return safe.Pad(ui.DraftMarker, rcMarkW)
		}
	}
	if needs {
		return safe.Pad("●", rcMarkW)
	}
	return strings.Repeat(" ", rcMarkW)
}

// rcLatest is the item's newest outbox entry.
func rcLatest(env ui.Env, pane ui.PaneID, itemID string) (reply.Entry, bool) {
	if env.Replies == nil {
		return reply.Entry{}, false
	}
	return env.Replies.Latest(pane, itemID)
}

// rcOnItsWay reports an entry the outbox still has to deliver: a second
// one would be refused as a duplicate, and acting twice makes no sense.
func rcOnItsWay(e reply.Entry) bool { return e.State.Pending() || e.State == reply.StateSending }

// rcOutboxLine is the detail's sentence about the item's newest reply,
// wrapped to width; "" when there is none.
func rcOutboxLine(env ui.Env, pane ui.PaneID, itemID string, width int) string {
	e, ok := rcLatest(env, pane, itemID)
	if !ok {
		return ""
	}
	return ansi.Wrap(ui.OutboxLine(env, e, rcNow(env)), max(width, 10), "") + "\n"
}

// rcNotice puts a sentence in the status bar.
func rcNotice(text string) tea.Cmd {
	return func() tea.Msg { return ui.NoticeMsg{Text: text} }
}

// rcHuman is an error as the sentence the user should read: the reply
// layer's validation errors carry it in Message, without the API's
// framing.
func rcHuman(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) && ae.Kind == api.KindValidation && ae.Message != "" {
		return ae.Message
	}
	return ui.ErrorText(err, i18n.T{}) // internals stay in --debug
}

// rcReplyHelp lists the reply keys a pane wires, for the help footer;
// answering and previews are left out when the app turned them off.
func rcReplyHelp(env ui.Env) []key.Binding {
	r := env.Keys.Reply
	var out []key.Binding
	if env.Replies != nil {
		out = append(out, r.Answer)
	}
	if env.Photos.Previewer != nil {
		out = append(out, r.Photo, r.NextPhoto, r.Open, r.Save)
	}
	return out
}

// rcMediaHint is the detail's "p preview · o open" after the media
// counts, "" when previews are off.
func rcMediaHint(env ui.Env) string {
	if env.Photos.Previewer == nil {
		return ""
	}
	r := env.Keys.Reply
	return env.Tr.Get("rc.media_hint", r.Photo.Help().Key, r.PrevPhoto.Help().Key, r.NextPhoto.Help().Key,
		r.Open.Help().Key, r.Save.Help().Key)
}

// rcPhotoKey handles the preview keys in normal mode: p [ ] o s, and esc
// while the preview is shown (it closes the preview rather than leaving
// the detail). w×h is the detail column the preview renders into.
func rcPhotoKey(env ui.Env, v *ui.PhotoView, k tea.KeyPressMsg, w, h int) (tea.Cmd, bool) {
	if env.Photos.Previewer == nil {
		return nil, false
	}
	if v.On() && key.Matches(k, env.Keys.List.Back) {
		v.Close()
		return nil, true
	}
	cmd, ok := v.Keys(k)
	if !ok {
		return nil, false
	}
	// a preview just switched on renders at the column's size
	return tea.Batch(cmd, v.Resize(w, h)), true
}
