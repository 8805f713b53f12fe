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

// Selector is implemented by panes with a current item (Split does): a
// note in the status bar is cleared when the current item changes.
type Selector interface{ SelectedKey() string }

// currentItem names the focused pane and its current item.
func (a *App) currentItem() string {
	p := a.Focused()
	if p == nil {
		return ""
	}
	id := string(p.ID())
	if s, ok := p.(Selector); ok {
		return id + "\x00" + s.SelectedKey()
	}
	return id
}

func (a *App) hasNotice() bool { return a.notice.Text != "" || a.notice.Err != nil }

// noticeLive reports whether the note is still to be shown at now.
func (a *App) noticeLive(now time.Time) bool {
	if !a.hasNotice() {
		return false
	}
	ttl := NoticeTTL
	if a.notice.Err != nil {
		ttl = NoticeErrorTTL
	}
	return a.notice.At.IsZero() || now.Before(a.notice.At.Add(ttl))
}

// statusUpdate handles the status clock; ok is false for other messages.
func (a *App) statusUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if _, ok := msg.(clockTickMsg); !ok {
		return nil, false
	}
	a.clockOn = false
	now := a.now()
	if !a.noticeLive(now) {
		a.notice = NoticeMsg{}
	}
	if a.outboxCounting() {
		return a.tabs.toFocused(ClockMsg{At: now}), true
	}
	return nil, true
}

// statusAfter runs after every Update: it stamps a new note with its
// arrival time (and logs its error in full for --debug), drops the old
// note when the user moved to another item, and keeps the one-second
// clock running while anything on screen counts. The item changing under
// the cursor without the user (an answered item leaving its list) keeps
// the note: it is often the note about that very item.
func (a *App) statusAfter(before string, input bool, cmd *tea.Cmd) {
	now := a.now()
	if a.hasNotice() && a.notice.At.IsZero() {
		a.notice.At = now
		if a.notice.Err != nil {
			a.logErr("notice", a.notice.Err)
		}
	} else if a.hasNotice() && input && a.currentItem() != before {
		a.notice = NoticeMsg{}
	}
	if a.lastErr != nil && a.lastErr != a.loggedErr {
		a.loggedErr = a.lastErr
		a.logErr("load "+string(a.lastErr.pane), a.lastErr.err)
	}
	if a.live != nil && a.live.err != nil && !sameErr(a.live.err, a.loggedLive) {
		a.loggedLive = a.live.err
		a.logErr("sync", a.live.err)
	}
	// The clock runs only in a started program, and is re-armed only when
	// time moved since it was last armed: a frozen test clock (or a
	// synchronous test driver) gets one tick, not an endless series.
	if a.started && !a.clockOn && !now.Equal(a.clockArmed) && a.needsClock(now) {
		a.clockOn, a.clockArmed = true, now
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
func (a *App) needsClock(now time.Time) bool {
	if a.hasNotice() {
		return true
	}
	for _, b := range a.budgets {
		if b.Waiting(now) {
			return true
		}
	}
	return a.outboxCounting()
}

// outboxCounting: a reply is waiting to be sent again, its detail line
// counts down.
func (a *App) outboxCounting() bool {
	r := a.env.Replies
	if r == nil {
		return false
	}
	pending, _ := r.Pending()
	return pending > 0
}

// logErr writes an error as it is, for --debug: the screen shows
// ErrorText's sentence instead.
func (a *App) logErr(where string, err error) {
	if a.env.Log != nil && err != nil {
		a.env.Log.Debug("ui error", "where", where, "err", err.Error())
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
func (a *App) noticeText(room int) string {
	text := safe.Line(a.notice.Text)
	if a.notice.Path == "" || !strings.Contains(text, "%s") {
		return text
	}
	rest := ansi.StringWidth(strings.Replace(text, "%s", "", 1))
	home, _ := os.UserHomeDir()
	return strings.Replace(text, "%s", ShortPath(a.notice.Path, max(room-rest, 12), home), 1)
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
