package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/theme"
)

// Minimum usable window; below it the app shows only a notice.
const (
	MinWidth  = 60
	MinHeight = 12
)

// AppOptions are the app's own settings; everything shared lives in Env.
type AppOptions struct {
	// Profile and Account label the status bar ("default · Магазин №1").
	Profile string
	Account string
	// Start is the pane focused first; default the first pane.
	Start PaneID
	// Profiles are the configured profiles; with more than one, P opens a
	// switcher.
	Profiles []string
	// Switchable, when set, reads the profiles and campaigns P offers each
	// time it is pressed (in a command); nil offers Profiles.
	Switchable func(context.Context) Switchable
	// Campaign is the Yandex Market campaign in use (0: none).
	Campaign int64
	// Warning stays in the status bar (e.g. a token expiring soon).
	Warning string
	// FixedTheme keeps Env.Styles even when the terminal reports its
	// background (config theme = dark|light, NO_COLOR, tests).
	FixedTheme bool
	// Live keeps the local store current in the background; nil: off.
	Live *Live
	// Jump selects an item once the panes have started: the one chosen in
	// another profile's inbox row before the switch to that profile.
	Jump *JumpMsg
	// Budgets, when set, are the transport's rate-limit budgets: the
	// status bar reads them when it draws and says what waits.
	Budgets func() []api.Budget
	// Undo is the undo window of irreversible calls that are not outbox
	// replies (HoldMsg: pinning a feedback); 0 runs them at once.
	Undo time.Duration
}

// App is the root model: tab bar, the focused pane, status bar and help.
type App struct {
	env  Env
	opt  AppOptions
	tabs tabs
	help help.Model

	width, height int

	bar statusLine

	// SwitchTo is the profile chosen in the switcher; the program quits and
	// the caller reopens everything (tokens, clients, panes) for it.
	SwitchTo string
	live     *liveSync // nil without a store

	// SwitchCampaign is the campaign chosen in the switcher for this
	// profile; the program quits and the caller reopens it with that one.
	SwitchCampaign int64

	// JumpAfterSwitch is the item to jump to in the SwitchTo profile (the
	// caller passes it on as AppOptions.Jump); nil for none.
	JumpAfterSwitch *JumpMsg
	over            overlays  // ?, ctrl+f, T and P, over the panes
	quit            quitState // q's question and ctrl+c's first press (app_safety.go)
	calls           heldCalls // HoldMsg calls waiting out the undo window
	pres            presenceState
}

// New builds the app over panes, in tab order.
func New(env Env, opt AppOptions, panes ...Pane) *App {
	a := &App{env: env, opt: opt, tabs: tabs{panes: panes, list: env.Keys.List}}
	a.help = help.New()
	a.live = newLiveSync(opt.Live, &a.env, &a.tabs, &a.bar)
	a.calls = heldCalls{env: &a.env, bar: &a.bar, tabs: &a.tabs, undo: opt.Undo}
	a.quit = quitState{env: &a.env, calls: &a.calls}
	a.pres = presenceState{env: &a.env, agent: env.Agent}
	a.bar = statusLine{env: &a.env, tabs: &a.tabs, live: a.live, profile: opt.Profile, account: opt.Account,
		warning: opt.Warning, status: map[PaneID]StatusMsg{}, budgets: opt.Budgets}
	if env.ReadOnly && env.Replies != nil {
		env.Replies.refuse = env.Tr.Get("readonly.refused")
	}
	a.help.Styles = helpStyles(a.env.Styles)
	if i := a.tabs.index(opt.Start); i >= 0 {
		a.tabs.focus = i
	}
	return a
}

// helpStyles are the help footer's and ? screen's styles in the theme.
func helpStyles(st theme.Styles) help.Styles {
	return help.Styles{
		ShortKey: st.HelpKey, ShortDesc: st.HelpDesc, ShortSeparator: st.HelpSep,
		FullKey: st.HelpKey, FullDesc: st.HelpDesc, FullSeparator: st.HelpSep,
		Ellipsis: st.HelpSep,
	}
}

// Focused is the pane with the keyboard, nil when there are none.
func (a *App) Focused() Pane { return a.tabs.focused() }

// Init starts every pane (first loads run in parallel) and asks the
// terminal for its background colour to pick the light or dark theme.
func (a *App) Init() tea.Cmd {
	a.bar.started = true
	cmds := make([]tea.Cmd, 0, len(a.tabs.panes)+1)
	if !a.opt.FixedTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, p := range a.tabs.panes {
		cmds = append(cmds, p.Init())
	}
	cmds = append(cmds, a.live.init())
	if a.opt.Jump != nil { // once the panes have started
		j := *a.opt.Jump
		cmds = append(cmds, func() tea.Msg { return j })
	}
	return tea.Batch(cmds...)
}

// Update routes messages: keys to the focused pane (after global keys in
// normal mode), Routed messages to their pane, sizes and everything else
// to all panes.
func (a *App) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer a.bar.after(a.bar.currentItem(), isInput(msg), &cmd)
	defer func() { a.pres.track(a.Focused()) }()
	if cmd, ok := a.bar.tick(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.live.update(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.calls.update(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.overlayMsg(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.jumpUpdate(msg); ok {
		return a, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.layout()
		return a, nil
	case tea.BackgroundColorMsg:
		if a.opt.FixedTheme {
			return a, nil
		}
		a.env.Styles = theme.NewWith(theme.Options{Dark: msg.IsDark(), NoColor: a.env.Styles.NoColor})
		a.help.Styles = helpStyles(a.env.Styles)
		return a, a.tabs.broadcast(ThemeMsg{Styles: a.env.Styles})
	case tea.KeyPressMsg:
		return a, a.key(msg)
	case tea.PasteMsg:
		if a.over.open() {
			return a, a.over.handle(msg)
		}
		return a, a.tabs.toFocused(msg)
	case StoreChangedMsg:
		// the panes re-read the store, the counts may have moved, and an
		// open search runs again: its hits may have been answered
		cmds := []tea.Cmd{a.tabs.broadcast(msg), a.live.recount()}
		if s, ok := find[*search](&a.over); ok {
			cmds = append(cmds, s.again())
		}
		return a, tea.Batch(cmds...)
	case StatusMsg:
		a.bar.noteStatus(msg)
		return a, nil
	case draftFlushMsg:
		if r := a.env.Replies; r != nil {
			return a, r.flushDrafts(a.env.now())
		}
		return a, nil
	case OutboxSettledMsg:
		return a, a.outboxSettled(msg)
	case PipedMsg:
		return a, a.piped(msg)
	case assignedMsg:
		a.bar.notice = assignedNote(a.env, msg)
		return a, nil
	case NoticeMsg:
		a.bar.notice = msg
		return a, nil
	case Routed:
		i := a.tabs.index(msg.TargetPane())
		if i < 0 {
			return a, nil
		}
		return a, a.tabs.toPane(i, msg)
	}
	return a, a.tabs.broadcast(msg)
}

func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	g := a.env.Keys.Global
	// before anything: ctrl+c and a quit question work everywhere
	if cmd, used := a.quit.gate(msg); used {
		return cmd
	}
	if a.over.open() {
		return a.over.handle(msg)
	}
	p := a.Focused()
	if p != nil && p.Mode() != ModeNormal {
		return a.tabs.toFocused(msg)
	}
	if cmd, ok := a.openOverlay(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, g.Quit):
		return a.quit.key()
	case key.Matches(msg, g.Undo):
		if cmd, ok := a.calls.undoKey(); ok {
			return cmd
		}
	case key.Matches(msg, g.Redraw):
		return tea.ClearScreen
	case key.Matches(msg, g.NextTab):
		a.tabs.focusIndex(a.tabs.focus + 1)
		return nil
	case key.Matches(msg, g.PrevTab):
		a.tabs.focusIndex(a.tabs.focus - 1)
		return nil
	case key.Matches(msg, g.Refresh):
		// The pane reads again; a live sync also asks the marketplace.
		refresh := a.tabs.toFocused(RefreshMsg{})
		if a.live != nil && len(a.tabs.panes) > 0 {
			id := a.tabs.panes[a.tabs.focus].ID()
			return tea.Batch(refresh, func() tea.Msg { return SyncNowMsg{Pane: id} })
		}
		return refresh
	case key.Matches(msg, g.Retry):
		return a.tabs.toFocused(RetryMsg{})
	case key.Matches(msg, a.env.Keys.Reply.Assign):
		return assignKey(a.env, p, &a.over)
	}
	for id, b := range map[PaneID]key.Binding{
		PaneReturns: g.Pane1, PaneQuestions: g.Pane2, PaneFeedbacks: g.Pane3,
		PaneChats: g.Pane4, PaneClaims: g.Pane5, PaneInbox: g.Inbox,
	} {
		if key.Matches(msg, b) {
			if i := a.tabs.index(id); i >= 0 {
				a.tabs.focus = i
			}
			return nil
		}
	}
	if a.pres.gate(msg, p, &a.over, func() tea.Cmd { return a.toPane(msg) }) {
		return nil
	}
	return a.toPane(msg)
}

// toPane gives the focused pane a key no global binding took.
func (a *App) toPane(msg tea.KeyPressMsg) tea.Cmd {
	if foreignLetter(msg) && !bound(a.env.Keys, msg) {
		return typedOnList(&a.env, &a.tabs, &a.bar, msg)
	}
	if a.tabs.holdEarly(msg) {
		return nil
	}
	return a.tabs.toFocused(msg)
}

// chrome is how many rows the tab bar, status bar and help footer take.
const chrome = 3

func (a *App) layout() {
	a.help.SetWidth(a.width)
	a.tabs.setSize(a.width, max(a.height-chrome, 0))
	a.over.setSize(a.width, max(a.height-chrome, 0))
}

// View draws the whole screen in the alternate screen buffer.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = a.env.Tr.Get("app.name")
	return v
}
