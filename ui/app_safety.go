package ui

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/reply"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/keymap"
)

// Typing never runs a command by accident (README "Keys"):
//   - hotkeys are the configured keys only, Latin by default; a letter of
//     another script (a Russian layout) typed on a list opens the answer
//     editor of the selected item with that letter in it where the pane
//     answers with text, and otherwise only says that hotkeys are Latin;
//   - q with unsent drafts or replies still in the outbox says so and asks
//     (default no); ctrl+c quits on the second press in a row, the first
//     one saying what would be left behind;
//   - replies that cannot be taken back wait in the outbox for the undo
//     window, shown on the bottom line with its countdown; u takes the
//     newest back and puts its text back as the draft.

// TextAnswerer is a pane whose answer key opens a text editor (questions,
// feedbacks, chats): there a letter typed on the list starts the answer.
type TextAnswerer interface {
	AnswersWithText() bool
}

// quitState is the app's part of leaving.
type quitState struct {
	env   *Env       // the app's
	calls *heldCalls // held calls are unsent too
	ask   *Confirm   // q asked because something is unsent
	armed bool       // ctrl+c was pressed once; the next ctrl+c quits
	note  string     // what the first ctrl+c said
}

// quitKey runs q: at once when nothing would be left unsent.
func (q *quitState) key() tea.Cmd {
	left := q.unsentNote()
	if left == "" {
		return tea.Quit
	}
	// the question first: a narrow footer cuts the end
	q.ask = NewConfirm(*q.env, q.env.Tr.Get("quit.ask")+" "+left)
	return nil
}

// forceQuitKey runs ctrl+c: the second press in a row quits.
func (q *quitState) forceKey() tea.Cmd {
	if q.armed || q.ask != nil {
		return tea.Quit
	}
	q.armed = true
	q.note = q.env.Tr.Get("quit.again", q.env.Keys.Global.ForceQuit.Help().Key)
	if left := q.unsentNote(); left != "" {
		q.note += ": " + left
	}
	return nil
}

// quitGate takes the key while a quit question is open or ctrl+c is
// armed; it reports whether the key was used up.
func (q *quitState) gate(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if key.Matches(msg, q.env.Keys.Global.ForceQuit) {
		return q.forceKey(), true
	}
	q.armed, q.note = false, "" // any other key disarms ctrl+c
	if c := q.ask; c != nil {
		answered, yes := c.Update(msg)
		if !answered {
			return nil, true
		}
		q.ask = nil
		if yes {
			return tea.Quit, true
		}
		return nil, true
	}
	return nil, false
}

// unsentNote says what quitting now leaves unsent; "" when nothing is.
func (q *quitState) unsentNote() string {
	r := q.env.Replies
	if r == nil {
		return ""
	}
	tr := q.env.Tr
	var parts []string
	if n := r.draftCount(); n > 0 {
		parts = append(parts, tr.Get("quit.drafts", n, tr.Plural(n, tr.Get("quit.draft.one"), tr.Get("quit.draft.few"), tr.Get("quit.draft.many"))))
	}
	if n := r.inFlight() + len(q.calls.list); n > 0 {
		parts = append(parts, tr.Get("quit.outbox", n, tr.Plural(n, tr.Get("quit.reply.one"), tr.Get("quit.reply.few"), tr.Get("quit.reply.many"))))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}

// draftCount is how many items have unsent text.
func (r *Replies) draftCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, d := range r.memory {
		if !d.Empty() {
			n++
		}
	}
	return n
}

// inFlight is how many replies the outbox has still to deliver; viewed
// marks are bookkeeping, not replies, and are not worth a question.
func (r *Replies) inFlight() int {
	n := 0
	for _, e := range r.Outbox.List() {
		if e.Kind != reply.KindQuestionViewed && (e.State.Pending() || e.State == reply.StateSending) {
			n++
		}
	}
	return n
}

// foreignLetter is a printable letter outside ASCII typed without
// modifiers: a word in Russian, not a command.
func foreignLetter(msg tea.KeyPressMsg) bool {
	if msg.Mod&^tea.ModShift != 0 || msg.Text == "" {
		return false
	}
	r, size := utf8.DecodeRuneInString(msg.Text)
	return size == len(msg.Text) && r > unicode.MaxASCII && unicode.IsLetter(r)
}

// bound reports whether msg is one of the keys of the scopes a list
// answers to; a user may bind a Cyrillic letter on purpose.
func bound(keys keymap.KeyMap, msg tea.KeyPressMsg) bool {
	for _, s := range []keymap.Scope{keymap.ScopeGlobal, keymap.ScopeList, keymap.ScopeDetail, keymap.ScopeReply} {
		for _, b := range keys.Bindings(s) {
			if key.Matches(msg, b) {
				return true
			}
		}
	}
	return false
}

// typedOnList handles a letter typed on a list: the start of an answer where
// the pane answers with text, else a hint.
func typedOnList(env *Env, t *tabs, bar *statusLine, msg tea.KeyPressMsg) tea.Cmd {
	tr := env.Tr
	hint := NoticeMsg{Text: tr.Get("keys.latin", env.Keys.Reply.Answer.Help().Key)}
	p := t.focused()
	ta, ok := p.(TextAnswerer)
	answer, synth := keyFor(env.Keys.Reply.Answer)
	if !ok || !ta.AnswersWithText() || !synth {
		bar.notice = hint
		return nil
	}
	cmd := t.toFocused(answer)
	if t.focused().Mode() != ModeEdit {
		return cmd // nothing to answer here (a notice says why)
	}
	return tea.Batch(cmd, t.toFocused(msg))
}

// keyFor is a key press that fires b: its first single-character key.
func keyFor(b key.Binding) (tea.KeyPressMsg, bool) {
	for _, k := range b.Keys() {
		r, size := utf8.DecodeRuneInString(k)
		if size == len(k) && unicode.IsPrint(r) {
			msg := tea.KeyPressMsg{Code: r, Text: k}
			if key.Matches(msg, b) {
				return msg, true
			}
		}
	}
	return tea.KeyPressMsg{}, false
}

// HoldMsg asks the app to run Run once the undo window has passed, unless
// u takes it back first: an irreversible call that is not an outbox reply
// (pinning or unpinning a feedback). Run is called on the Update
// goroutine and returns the command that makes the call.
type HoldMsg struct {
	What string // "Changing the feedback's pin", for the countdown
	Run  func() tea.Cmd
}

type heldCall struct {
	id    int
	what  string
	run   func() tea.Cmd
	until time.Time
}

// heldCalls are the irreversible calls and replies waiting out the undo
// window: u takes the newest back.
type heldCalls struct {
	env  *Env // the app's
	bar  *statusLine
	tabs *tabs
	undo time.Duration // AppOptions.Undo
	seq  int
	list []heldCall
}

// heldCallDue runs a held call whose window has passed.
type heldCallDue struct{ id int }

// holdUpdate keeps a HoldMsg for the undo window and runs it when due.
func (h *heldCalls) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case HoldMsg:
		if h.env.ReadOnly {
			h.bar.notice = NoticeMsg{Err: ReadOnlyError(h.env.Tr.Get("readonly.refused"))}
			return nil, true
		}
		if h.undo <= 0 {
			return msg.Run(), true
		}
		h.seq++
		id := h.seq
		h.list = append(h.list, heldCall{id: id, what: msg.What, run: msg.Run, until: h.env.now().Add(h.undo)})
		return tea.Tick(h.undo, func(time.Time) tea.Msg { return heldCallDue{id: id} }), true
	case heldCallDue:
		for i, c := range h.list {
			if c.id == msg.id {
				h.list = append(h.list[:i], h.list[i+1:]...)
				return c.run(), true
			}
		}
		return nil, true // taken back
	}
	return nil, false
}

// held is the newest reply waiting out its undo window.
func (h *heldCalls) held() (reply.Entry, time.Duration, bool) {
	r := h.env.Replies
	if r == nil {
		return reply.Entry{}, 0, false
	}
	now := h.env.now()
	var best reply.Entry
	var left time.Duration
	found := false
	for _, e := range r.Outbox.List() {
		if l, ok := e.Held(now); ok && (!found || !e.Created.Before(best.Created)) {
			best, left, found = e, l, true
		}
	}
	return best, left, found
}

// undoKey takes back the newest held reply and puts its text back as the
// item's draft; false when nothing is held (u is then the pane's).
func (h *heldCalls) undoKey() (tea.Cmd, bool) {
	if n := len(h.list); n > 0 {
		c := h.list[n-1]
		h.list = h.list[:n-1]
		h.bar.notice = NoticeMsg{Text: h.env.Tr.Get("undo.done_call", c.what)}
		return nil, true
	}
	e, _, ok := h.held()
	if !ok {
		return nil, false
	}
	if e.Batch != "" {
		return h.undoBatch(e.Batch), true
	}
	r := h.env.Replies
	tr := h.env.Tr
	got, err := r.Outbox.Undo(e.ID)
	if err != nil {
		if errors.Is(err, reply.ErrNotHeld) || errors.Is(err, reply.ErrBusy) {
			h.bar.notice = NoticeMsg{Text: tr.Get("undo.too_late", tr.Label("kind", string(e.Kind)))}
			return nil, true
		}
		h.bar.notice = NoticeMsg{Err: err}
		return nil, true
	}
	h.bar.notice = NoticeMsg{Text: tr.Get("undo.done", tr.Label("kind", string(got.Kind)))}
	var cmds []tea.Cmd
	if d, ok := entryDraft(got); ok {
		cmds = append(cmds, r.Touch(r.Key(got.Kind.Pane(), got.ItemID), d, h.env.now()))
	}
	// the pane redraws the item: its entry is gone
	if i := h.tabs.index(got.Kind.Pane()); i >= 0 {
		cmds = append(cmds, h.tabs.toPane(i, OutboxMsg{Entry: got}))
	}
	return tea.Batch(cmds...), true
}

// entryDraft is the draft an undone entry came from, in the form each
// pane keeps its drafts: the text and files with the kind (questions,
// feedbacks), the claim action, or the return decision's fields.
func entryDraft(e reply.Entry) (reply.Draft, bool) {
	d := reply.Draft{Text: e.Text, Files: e.Files, UpdatedAt: time.Now()}
	switch e.Kind {
	case reply.KindQuestionViewed, reply.KindFeedbackReturn:
		return reply.Draft{}, false // nothing was typed
	case reply.KindClaimAnswer:
		d.Action = e.Action
	case reply.KindReturnDecision:
		if len(e.Decisions) == 0 {
			return reply.Draft{}, false
		}
		first := e.Decisions[0]
		v := url.Values{}
		v.Set("decision", string(first.DecisionType))
		if first.DecisionReasonType != "" {
			v.Set("reason", string(first.DecisionReasonType))
		}
		if c := first.Compensation; c != nil {
			v.Set("amount", strconv.FormatFloat(c.Value, 'f', 2, 64))
		}
		d.Text, d.Action = first.Comment, v.Encode()
	default:
		d.Action = string(e.Kind)
	}
	return d, true
}

// footer is the bottom line: a quit question, the ctrl+c warning or a
// held reply's countdown come before the keys.
func (a *App) footer() string {
	st := a.env.Styles
	switch {
	case a.quit.ask != nil:
		// the question and its keys on one line: the footer has one
		k := a.env.Keys.Confirm
		keys := st.HelpKey.Render(k.Yes.Help().Key) + " " + st.HelpDesc.Render(k.Yes.Help().Desc) + "  " +
			st.HelpKey.Render(k.No.Help().Key) + " " + st.HelpDesc.Render(k.No.Help().Desc)
		room := max(a.width-ansi.StringWidth(keys)-2, 10)
		return fit(st.StatusWarn.Render(ansi.Truncate(a.quit.ask.Question, room, "…"))+"  "+keys, a.width, 1)
	case a.quit.armed:
		return fit(st.StatusWarn.Render(a.quit.note), a.width, 1)
	}
	if n := len(a.calls.list); n > 0 {
		c := a.calls.list[n-1]
		secs := max(int((c.until.Sub(a.env.now())+time.Second-1)/time.Second), 0)
		line := a.env.Tr.Get("undo.held", c.what, secs, a.env.Keys.Global.Undo.Help().Key)
		return fit(st.StatusWarn.Render(line), a.width, 1)
	}
	if e, left, ok := a.calls.held(); ok {
		secs := int((left + time.Second - 1) / time.Second)
		line := heldLine(a.env.Tr, e.Kind, secs, a.env.Keys.Global.Undo.Help().Key)
		if e.Batch != "" {
			line = a.env.Tr.Get("undo.held_batch", len(a.calls.batch(e.Batch)), secs, a.env.Keys.Global.Undo.Help().Key)
		}
		return fit(st.StatusWarn.Render(line), a.width, 1)
	}
	return a.shortHelp()
}

// heldLine is "Rejecting in 5 s — u to undo".
func heldLine(tr i18n.T, k reply.Kind, secs int, undo string) string {
	return tr.Get("undo.held", tr.Label("undo.verb", string(k)), secs, undo)
}

// HeldLine is the detail's sentence for an entry in its undo window; ""
// for any other entry.
func HeldLine(env Env, e reply.Entry, now time.Time) string {
	left, ok := e.Held(now)
	if !ok {
		return ""
	}
	secs := int((left + time.Second - 1) / time.Second)
	return env.Styles.StatusWarn.Render(heldLine(env.Tr, e.Kind, secs, env.Keys.Global.Undo.Help().Key))
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"quit.ask":        "Quit anyway?",
		"quit.again":      "press %s again to quit",
		"quit.drafts":     "%d %s (kept for next time)",
		"quit.outbox":     "%d %s (sent when you start again)",
		"quit.draft.one":  "unsent draft",
		"quit.draft.few":  "unsent drafts",
		"quit.draft.many": "unsent drafts",
		"quit.reply.one":  "reply not delivered yet",
		"quit.reply.few":  "replies not delivered yet",
		"quit.reply.many": "replies not delivered yet",
		"keys.latin":      "hotkeys are Latin letters: switch the keyboard layout, or press %s to answer",
		"undo.held":       "%s in %d s — %s to undo",
		"undo.done":       "%s taken back; the text is kept as a draft",
		"undo.too_late":   "%s is already on its way: too late to undo",

		"undo.verb.question.reject": "Rejecting the question",
		"undo.verb.question.edit":   "Editing the answer",
		"undo.verb.feedback.edit":   "Editing the answer",
		"undo.verb.feedback.return": "Requesting the return",
		"undo.verb.claim.answer":    "Sending the claim decision",
		"undo.verb.return.decision": "Sending the return decision",
	})
	i18n.Register(i18n.RU, map[string]string{
		"quit.ask":        "Всё равно выйти?",
		"quit.again":      "нажмите %s ещё раз, чтобы выйти",
		"quit.drafts":     "%d %s (в сохранности)",
		"quit.outbox":     "%d %s (отправка — при следующем запуске)",
		"quit.draft.one":  "неотправленный черновик",
		"quit.draft.few":  "неотправленных черновика",
		"quit.draft.many": "неотправленных черновиков",
		"quit.reply.one":  "ответ ещё не доставлен",
		"quit.reply.few":  "ответа ещё не доставлены",
		"quit.reply.many": "ответов ещё не доставлены",
		"keys.latin":      "горячие клавиши — латинские буквы: переключите раскладку или нажмите %s, чтобы ответить",
		"undo.held":       "%s через %d с — %s, чтобы отменить",
		"undo.done":       "%s: отменено, текст сохранён как черновик",
		"undo.too_late":   "%s: уже отправляется, отменить нельзя",

		"undo.verb.question.reject": "Отклоняем вопрос",
		"undo.verb.question.edit":   "Меняем ответ",
		"undo.verb.feedback.edit":   "Меняем ответ",
		"undo.verb.feedback.return": "Запрашиваем возврат",
		"undo.verb.claim.answer":    "Отправляем решение по заявке",
		"undo.verb.return.decision": "Отправляем решение по возврату",
	})
}
