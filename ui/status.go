package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/photo"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// How long a note stays in the status bar. A note concerns what the user
// just did; a minute later, on another item, it misleads ("no return for
// this order" after a return was requested elsewhere).
const (
	NoticeTTL      = 5 * time.Second
	NoticeErrorTTL = 10 * time.Second
)

// ClockMsg is the status clock's second: countdowns ("will retry in 8s",
// rate-limit waits) count down and notes expire. Only the focused pane
// receives it, and only while something on screen depends on time.
type ClockMsg struct{ At time.Time }

// clockTickMsg is the app's own tick; it becomes a ClockMsg.
type clockTickMsg struct{}

// statusLine is the status bar: each pane's last load or sync, the last
// error, the last note, the rate-limit waits, the outbox, and the
// one-second clock that counts them down and expires the notes.
type statusLine struct {
	env  *Env // the app's: the theme changes under it
	tabs *tabs
	live *liveSync // nil without a store
	// profile, account and warning label the bar (AppOptions).
	profile, account, warning string

	status  map[PaneID]StatusMsg
	lastErr *paneErr
	notice  NoticeMsg // the last "saved to …" or failed action
	budgets map[api.Group]api.Budget
	// started: Init ran (a program is running the app); clockOn: a status
	// clock tick is on its way, armed at clockArmed; loggedErr and
	// loggedLive are the errors already written to the --debug log.
	started    bool
	clockOn    bool
	clockArmed time.Time
	loggedErr  *paneErr
	loggedLive error
}

type paneErr struct {
	pane PaneID
	err  error
}

// noteStatus records a pane's report; the last error stays in the status
// bar until that pane loads successfully.
func (b *statusLine) noteStatus(msg StatusMsg) {
	st := b.status[msg.Pane]
	if msg.Err != nil {
		// keep the last sync time: the data on screen is from then
		st.Err, st.Cached = msg.Err, msg.Cached
		b.lastErr = &paneErr{pane: msg.Pane, err: msg.Err}
	} else {
		st = msg
		if b.lastErr != nil && b.lastErr.pane == msg.Pane {
			b.lastErr = nil
		}
	}
	b.status[msg.Pane] = st
}

// Selector is implemented by panes with a current item (Split does): a
// note in the status bar is cleared when the current item changes.
type Selector interface{ SelectedKey() string }

// currentItem names the focused pane and its current item.
func (b *statusLine) currentItem() string {
	p := b.tabs.focused()
	if p == nil {
		return ""
	}
	id := string(p.ID())
	if s, ok := p.(Selector); ok {
		return id + "\x00" + s.SelectedKey()
	}
	return id
}

func (b *statusLine) hasNotice() bool { return b.notice.Text != "" || b.notice.Err != nil }

// noticeLive reports whether the note is still to be shown at now.
func (b *statusLine) noticeLive(now time.Time) bool {
	if !b.hasNotice() {
		return false
	}
	ttl := NoticeTTL
	if b.notice.Err != nil {
		ttl = NoticeErrorTTL
	}
	return b.notice.At.IsZero() || now.Before(b.notice.At.Add(ttl))
}

// statusUpdate handles the status clock; ok is false for other messages.
func (b *statusLine) tick(msg tea.Msg) (tea.Cmd, bool) {
	if _, ok := msg.(clockTickMsg); !ok {
		return nil, false
	}
	b.clockOn = false
	now := b.env.now()
	if !b.noticeLive(now) {
		b.notice = NoticeMsg{}
	}
	if b.outboxCounting() {
		return b.tabs.toFocused(ClockMsg{At: now}), true
	}
	return nil, true
}

// statusAfter runs after every Update: it stamps a new note with its
// arrival time (and logs its error in full for --debug), drops the old
// note when the user moved to another item, and keeps the one-second
// clock running while anything on screen counts. The item changing under
// the cursor without the user (an answered item leaving its list) keeps
// the note: it is often the note about that very item.
func (b *statusLine) after(before string, input bool, cmd *tea.Cmd) {
	now := b.env.now()
	if b.hasNotice() && b.notice.At.IsZero() {
		b.notice.At = now
		if b.notice.Err != nil {
			b.logErr("notice", b.notice.Err)
		}
	} else if b.hasNotice() && input && b.currentItem() != before {
		b.notice = NoticeMsg{}
	}
	if b.lastErr != nil && b.lastErr != b.loggedErr {
		b.loggedErr = b.lastErr
		b.logErr("load "+string(b.lastErr.pane), b.lastErr.err)
	}
	if b.live != nil && b.live.err != nil && !sameErr(b.live.err, b.loggedLive) {
		b.loggedLive = b.live.err
		b.logErr("sync", b.live.err)
	}
	// The clock runs only in a started program, and is re-armed only when
	// time moved since it was last armed: a frozen test clock (or a
	// synchronous test driver) gets one tick, not an endless series.
	if b.started && !b.clockOn && !now.Equal(b.clockArmed) && b.needsClock(now) {
		b.clockOn, b.clockArmed = true, now
		*cmd = tea.Batch(*cmd, clockTick())
	}
}

// isInput reports a message the user typed or pasted.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseMsg:
		return true
	}
	return false
}

// clockTick is the status clock's next second; tests replace it to step
// the clock themselves.
var clockTick = func() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return clockTickMsg{} })
}

// sameErr compares errors by identity; an error of an uncomparable type
// (a struct holding a slice) counts as new rather than panicking.
func sameErr(x, y error) (same bool) {
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return x == y
}

// needsClock: a note waiting to expire, a rate-limit wait or an outbox
// retry counting down.
func (b *statusLine) needsClock(now time.Time) bool {
	if b.hasNotice() {
		return true
	}
	for _, b := range b.budgets {
		if b.Waiting(now) {
			return true
		}
	}
	return b.outboxCounting()
}

// outboxCounting: a reply is waiting to be sent again, its detail line
// counts down.
func (b *statusLine) outboxCounting() bool {
	r := b.env.Replies
	if r == nil {
		return false
	}
	pending, _ := r.Pending()
	return pending > 0
}

// logErr writes an error as it is, for --debug: the screen shows
// ErrorText's sentence instead.
func (b *statusLine) logErr(where string, err error) {
	if b.env.Log != nil && err != nil {
		b.env.Log.Debug("ui error", "where", where, "err", err.Error())
	}
}

// ErrorText is the one place where errors become what the user reads: a
// human sentence in the UI language, never SQL or API internals (the
// --debug log has those). Server text is sanitized to one line.
func ErrorText(err error, tr i18n.T) string {
	if err == nil {
		return ""
	}
	var pe *photo.Error
	switch e, isAPI := api.AsError(err); {
	case isAPI && e.Kind == api.KindCanceled, errors.Is(err, context.Canceled):
		return tr.Get("err.canceled")
	case isAPI:
		return safe.Line(apiErrSentence(tr, e))
	case errors.As(err, &pe):
		if tr.Lang == i18n.RU {
			return pe.Reason.Russian()
		}
		return safe.Line(pe.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return tr.Get("err.timeout")
	case dbBusy(err):
		return tr.Get("err.db_busy")
	case internalStore(err):
		return tr.Get("err.store")
	}
	return safe.Line(err.Error())
}

// dbBusy: SQLite could not get its lock in time (another sync or the
// other instance writing).
func dbBusy(err error) bool {
	s := err.Error()
	return strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked") ||
		strings.Contains(s, "SQLITE_LOCKED") || strings.Contains(s, "database table is locked")
}

// internalStore: a failure inside the local database, whose message is
// SQL and file detail nobody can act on from the status bar.
func internalStore(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "store: ") || strings.Contains(s, "sqlite") || strings.Contains(s, "SQLITE_") ||
		strings.HasPrefix(s, "sql: ")
}

// groupLabel names a rate-limit group for people: the marketplace, not
// the bucket ("ym.getBusinessOrders").
func groupLabel(g api.Group, tr i18n.T) string {
	switch {
	case strings.HasPrefix(string(g), "ym."):
		return tr.Get("mp.ym")
	case strings.HasPrefix(string(g), "wb."):
		return tr.Get("mp.wb")
	}
	return tr.Get("mp.other")
}

// ShortPath fits a file path into width cells: the home directory becomes
// ~, and a path still too long loses its middle directories (~/…/file.jpg),
// so the file name, the part the user needs, is never cut.
func ShortPath(path string, width int, home string) string {
	path = safe.Line(path)
	if home != "" && (path == home || strings.HasPrefix(path, home+string(filepath.Separator))) {
		path = "~" + path[len(home):]
	}
	if ansi.StringWidth(path) <= width {
		return path
	}
	sep := string(filepath.Separator)
	dir, file := filepath.Split(path)
	parts := strings.Split(strings.TrimSuffix(dir, sep), sep)
	// keep the first element (~, or "" for /) and as many trailing
	// directories as fit before the name
	head := parts[0] + sep + "…" + sep
	for keep := len(parts) - 1; keep > 0; keep-- {
		s := head + strings.Join(parts[len(parts)-keep:], sep) + sep + file
		if ansi.StringWidth(s) <= width {
			return s
		}
	}
	if s := head + file; ansi.StringWidth(s) <= width {
		return s
	}
	if s := "…" + sep + file; ansi.StringWidth(s) <= width {
		return s
	}
	return safe.Truncate(file, width)
}

// noticeText is the note as shown in room cells: a saved file's path is
// shortened from the middle to fit.
func (b *statusLine) noticeText(room int) string {
	text := safe.Line(b.notice.Text)
	if b.notice.Path == "" || !strings.Contains(text, "%s") {
		return text
	}
	rest := ansi.StringWidth(strings.Replace(text, "%s", "", 1))
	home, _ := os.UserHomeDir()
	return strings.Replace(text, "%s", ShortPath(b.notice.Path, max(room-rest, 12), home), 1)
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"err.canceled":       "canceled",
		"err.timeout":        "took too long",
		"err.db_busy":        "the local database is busy; it will be tried again",
		"err.store":          "the local database failed (details in the --debug log)",
		"mp.ym":              "Yandex Market",
		"mp.wb":              "Wildberries",
		"mp.other":           "marketplace",
		"status.load_failed": "update failed",
	})
	i18n.Register(i18n.RU, map[string]string{
		"err.canceled":       "отменено",
		"err.timeout":        "слишком долго",
		"err.db_busy":        "локальная база занята; попробуем ещё раз",
		"err.store":          "ошибка локальной базы (подробности в журнале --debug)",
		"mp.ym":              "Яндекс Маркет",
		"mp.wb":              "Wildberries",
		"mp.other":           "маркетплейс",
		"status.load_failed": "обновить не удалось",
	})
}
