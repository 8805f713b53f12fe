package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sellerinbox/sellerinbox/ui/keymap"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

func (a *App) render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	if a.width < MinWidth || a.height < MinHeight {
		return safe.Wrap(a.env.Tr.Get("status.too_small", a.width, a.height, MinWidth, MinHeight), a.width)
	}
	body := ""
	h := a.height - chrome
	switch {
	case a.over.open():
		body = a.over.top().view(a.width, h)
	case a.Focused() != nil:
		body = a.Focused().View()
	}
	return strings.Join([]string{a.tabBar(), fit(body, a.width, h), a.bar.view(a.width), a.footer()}, "\n")
}

// fit forces s into exactly w×h cells, so a pane that overdraws cannot
// push the status bar off screen.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// a string's width never exceeds its byte length: short lines
		// need no grapheme measuring
		if len(l) > w && ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// tabKey is the key shown before each tab title: the shortest key of the
// binding that focuses it.
func tabKey(g keymap.Global, id PaneID) string {
	b, ok := map[PaneID]key.Binding{
		PaneReturns: g.Pane1, PaneQuestions: g.Pane2, PaneFeedbacks: g.Pane3, PaneChats: g.Pane4, PaneClaims: g.Pane5, PaneInbox: g.Inbox,
	}[id]
	if !ok {
		return ""
	}
	return keymap.Name(b)
}

// tabBar shows "1 Returns 3" per pane. When that does not fit it first
// drops the padding around titles and counts, then shortens the titles,
// longest first, and drops the key digits only when even three letters a
// title do not fit: the digits are how a tab is reached.
func (a *App) tabBar() string {
	st := a.env.Styles
	tabKeys := make([]string, len(a.tabs.panes))
	titles := make([]string, len(a.tabs.panes))
	for i, p := range a.tabs.panes {
		tabKeys[i] = tabKey(a.env.Keys.Global, p.ID())
		titles[i] = safe.Line(p.Title())
	}
	render := func(withKeys, tight bool, titleMax int) string {
		parts := make([]string, 0, len(a.tabs.panes))
		for i, p := range a.tabs.panes {
			title := titles[i]
			if titleMax > 0 {
				title = safe.Truncate(title, titleMax)
			}
			if k := tabKeys[i]; withKeys && k != "" {
				title = k + " " + title
			}
			style := st.TabInactive
			if i == a.tabs.focus {
				style = st.TabActive
			}
			badge := ""
			if n := p.Badge(); n > 0 {
				badge = st.TabBadge.Render(fmt.Sprintf(" %d ", n))
				if tight {
					badge = " " + st.TabBadge.Render(strconv.Itoa(n))
				}
			}
			if tight {
				style = style.Padding(0)
			}
			parts = append(parts, style.Render(title)+badge)
		}
		return strings.Join(parts, st.TabGap.Render("│"))
	}
	fits := func(bar string) bool { return ansi.StringWidth(bar) <= a.width }
	longest := 0
	for _, t := range titles {
		longest = max(longest, ansi.StringWidth(t))
	}
	for _, withKeys := range []bool{true, false} {
		if bar := render(withKeys, false, 0); fits(bar) {
			return bar
		}
		for limit := longest; limit >= 3; limit-- {
			if bar := render(withKeys, true, limit); fits(bar) {
				return bar
			}
		}
	}
	return ansi.Truncate(render(false, true, 3), a.width, "…")
}

// statusBar: profile · sync state · rate-limit waits · last error on the
// left, language on the right, over the full width.
func (b *statusLine) view(width int) string {
	st := b.env.Styles
	tr := b.env.Tr
	var left []string
	if b.profile != "" {
		who := tr.Get("status.profile", safe.Line(b.profile))
		if b.account != "" {
			who += " · " + safe.Line(b.account)
		}
		left = append(left, st.StatusLabel.Render(who))
	}
	if b.warning != "" {
		left = append(left, st.StatusWarn.Render(safe.Line(b.warning)))
	}
	if auto := b.autoNote(); auto != "" {
		left = append(left, st.StatusWarn.Render(auto))
	}
	if p := b.tabs.focused(); p != nil {
		s := b.status[p.ID()]
		if p.ID() == PaneInbox {
			s = inboxStatus(b.status, b.tabs.panes)
		}
		syncer, ok := p.(Syncer)
		switch {
		case s.Err != nil && s.Cached:
			left = append(left, st.StatusWarn.Render(tr.Get("status.offline_cached")))
		case ok && syncer.Syncing():
			left = append(left, st.StatusBar.Render(tr.Get("status.syncing")))
		case s.Err != nil:
			// never "synced" over a pane whose last load failed; the error
			// below names it unless another pane's error replaced it
			if b.lastErr == nil || b.lastErr.pane != p.ID() {
				left = append(left, st.StatusError.Render(tr.Get("status.load_failed")))
			}
		case !s.Synced.IsZero():
			left = append(left, st.StatusOK.Render(tr.Get("status.synced", s.Synced.Format("15:04"))))
		default:
			left = append(left, st.StatusBar.Render(tr.Get("status.never")))
		}
	}
	now := b.env.now()
	// one wait per marketplace (the longest), named for people
	waits := map[string]time.Duration{}
	var labels []string
	for _, b := range b.budgetsNow() {
		if b.Waiting(now) {
			l := groupLabel(b.Group, tr)
			if _, ok := waits[l]; !ok {
				labels = append(labels, l)
			}
			waits[l] = max(waits[l], b.WaitUntil.Sub(now))
		}
	}
	for _, l := range labels {
		wait := max(waits[l].Round(time.Second), time.Second)
		left = append(left, st.StatusWarn.Render(tr.Get("status.wait", l, wait)))
	}
	if text, isErr := b.live.status(tr); text != "" {
		style := st.StatusWarn
		if isErr {
			style = st.StatusError
		}
		left = append(left, style.Render(text))
	}
	if b.lastErr != nil {
		title := TitleID(b.lastErr.pane)
		msg := tr.Get(title) + ": " + tr.Get("status.error", ErrorText(b.lastErr.err, tr))
		left = append(left, st.StatusError.Render(msg))
	}
	if r := b.env.Replies; r != nil {
		if pending, failed := r.Pending(); pending+failed > 0 {
			note := tr.Get("status.outbox", pending)
			style := st.StatusWarn
			if failed > 0 {
				note += " · " + tr.Get("status.outbox_failed", failed)
				style = st.StatusError
			}
			left = append(left, style.Render(note))
		}
	}
	right := st.StatusLabel.Render(" " + tr.Get("status.lang") + " ")
	if p, ok := b.tabs.focused().(Positioner); ok {
		if pos, total, ok := p.Position(); ok {
			right = st.StatusBar.Render(tr.Num(pos)+" / "+tr.Num(total)+" ") + right
		}
	}
	sep := st.StatusBar.Render(" · ")
	room := width - ansi.StringWidth(right)
	if b.noticeLive(now) {
		used := ansi.StringWidth(st.StatusBar.Render(" ") + strings.Join(left, sep) + sep)
		switch {
		case b.notice.Err != nil:
			left = append(left, st.StatusError.Render(tr.Get("status.error", ErrorText(b.notice.Err, tr))))
		default:
			left = append(left, st.StatusOK.Render(b.noticeText(room-used)))
		}
	}
	line := st.StatusBar.Render(" ") + strings.Join(left, sep)
	if ansi.StringWidth(line) > room {
		line = ansi.Truncate(line, room, "…")
	}
	gap := room - ansi.StringWidth(line)
	return line + st.StatusBar.Render(strings.Repeat(" ", max(gap, 0))) + right
}

// shortHelp is the one-line footer: the focused pane's keys, then tab,
// help and quit (only in normal mode: other modes own those keys). The
// global part is kept whole and the pane's part shortened to fit. Under
// the ? screen it is the keys that close it and the one-line legend of the
// focused pane's row markers.
func (a *App) shortHelp() string {
	g := a.env.Keys.Global
	p := a.Focused()
	var pane, global []key.Binding
	_, helpOpen := a.over.top().(*helpScreen)
	switch {
	case helpOpen:
		global = a.over.top().help()
	case a.over.open():
		pane = a.over.top().help()
	case p != nil && p.Mode() != ModeNormal:
		pane = p.ShortHelp()
	default:
		if p != nil {
			pane = p.ShortHelp()
		}
		global = []key.Binding{g.NextTab, g.Help, g.Quit}
	}
	hm := a.help
	hm.SetWidth(0)
	tail := hm.ShortHelpView(global)
	if ansi.StringWidth(tail) > a.width {
		tail = hm.ShortHelpView(global[len(global)-2:])
	}
	room := a.width - ansi.StringWidth(tail)
	head := ""
	if len(pane) > 0 && room > 8 {
		sep := ""
		if tail != "" {
			sep = hm.Styles.ShortSeparator.Render(hm.ShortSeparator)
			room -= ansi.StringWidth(sep)
		}
		// bubbles/help overflows when even its ellipsis does not fit, so
		// items are added while they fit.
		for n := len(pane); n > 0; n-- {
			if h := hm.ShortHelpView(pane[:n]); ansi.StringWidth(h) <= room {
				head = h + sep
				break
			}
		}
	}
	if helpOpen && p != nil {
		// the markers this pane's rows use, beside the keys that close help
		sep := hm.Styles.ShortSeparator.Render(hm.ShortSeparator)
		if l := legendLine(a.env.Tr, p.ID(), a.width-ansi.StringWidth(tail+sep)); l != "" {
			tail += sep + a.env.Styles.HelpDesc.Render(l)
		}
	}
	return fit(head+tail, a.width, 1)
}

// helpLines is the whole ? screen at a width, unscrolled: global keys,
// the focused pane's columns, the keys neither names, then the legend of
// row markers.
func helpLines(env *Env, hm help.Model, profiles int, p Pane, width int) []string {
	g := env.Keys.Global
	groups := [][]key.Binding{
		{g.Pane1, g.Pane2, g.Pane3, g.Pane4, g.Pane5, g.Inbox, g.NextTab, g.PrevTab},
		{g.Refresh, g.Retry, g.Redraw, g.Help, g.Quit, g.ForceQuit},
	}
	if env.Store != nil { // ctrl+f searches the store
		groups[1] = slices.Insert(groups[1], 2, g.Search)
	}
	if r := env.Replies; r != nil && r.Templates != nil { // T manages them
		groups[1] = slices.Insert(groups[1], 2, g.Templates)
	}
	if p != nil {
		groups = append(groups, p.FullHelp()...)
	}
	// in columns no taller than the others, so they sit side by side
	for more := unlistedKeys(env, profiles, groups); len(more) > 0; more = more[min(7, len(more)):] {
		groups = append(groups, more[:min(7, len(more))])
	}
	st := env.Styles
	blocks := helpBlocks(hm, width, groups)
	blocks = append(blocks, st.DetailTitle.Render(env.Tr.Get("legend.title"))+"\n"+strings.Join(helpBlocks(hm, width, legendColumns(env.Tr)), "\n\n"))
	return strings.Split(strings.Join(blocks, "\n\n"), "\n")
}

// helpBlocks lays columns side by side; columns that do not fit wrap into
// rows of columns (bubbles/help would drop them instead).
func helpBlocks(hm help.Model, width int, groups [][]key.Binding) []string {
	hm.SetWidth(0)
	var blocks []string
	var row [][]key.Binding
	for _, grp := range groups {
		try := append(slices.Clone(row), grp)
		if len(row) > 0 && lipgloss.Width(hm.FullHelpView(try)) > width {
			blocks = append(blocks, hm.FullHelpView(row))
			row = nil
		}
		row = append(row, grp)
	}
	if len(row) > 0 {
		blocks = append(blocks, hm.FullHelpView(row))
	}
	return blocks
}

// inboxStatus is the Inbox's sync state: it shows every pane's items, so
// it is as fresh as the pane synced longest ago, and offline while any
// pane's sync fails.
func inboxStatus(status map[PaneID]StatusMsg, panes []Pane) StatusMsg {
	var out StatusMsg
	for _, p := range panes {
		if p.ID() == PaneInbox {
			continue
		}
		s, ok := status[p.ID()]
		switch {
		case !ok || (s.Synced.IsZero() && s.Err == nil):
			return StatusMsg{Pane: PaneInbox} // a pane never synced
		case s.Err != nil:
			out.Err, out.Cached = s.Err, true
		}
		if out.Synced.IsZero() || (!s.Synced.IsZero() && s.Synced.Before(out.Synced)) {
			out.Synced = s.Synced
		}
	}
	out.Pane = PaneInbox
	return out
}
