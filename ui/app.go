package ui

import (
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api"
	"github.com/sellerinbox/sellerinbox/reply"
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
	// Undo is the undo window of irreversible calls that are not outbox
	// replies (HoldMsg: pinning a feedback); 0 runs them at once.
	Undo time.Duration
	// SharedOutbox: the outbox's due entries are attempted outside the
	// app (serve's one loop for every session), which reports each
	// attempt with OutboxSettledMsg; the app attempts none itself.
	SharedOutbox bool
}

// App is the root model: tab bar, the focused pane, status bar and help.
type App struct {
	env   Env
	opt   AppOptions
	panes []Pane
	focus int
	help  help.Model

	showFullHelp  bool
	helpTop       int // the first line of the ? screen shown
	width, height int

	status  map[PaneID]StatusMsg
	lastErr *paneErr
	notice  NoticeMsg // the last "saved to …" or failed action
	// started: Init ran (a program is running the app); clockOn: a status
	// clock tick is on its way, armed at clockArmed; loggedErr and
	// loggedLive are the errors already written to the --debug log.
	started    bool
	clockOn    bool
	clockArmed time.Time
	loggedErr  *paneErr
	loggedLive error

	switcher *Form // the P profile switcher, when open
	// SwitchTo is the profile chosen in the switcher; the program quits and
	// the caller reopens everything (tokens, clients, panes) for it.
	SwitchTo string
	budgets  map[api.Group]api.Budget
	live     *liveSync // nil without a store

	// SwitchCampaign is the campaign chosen in the switcher for this
	// profile; the program quits and the caller reopens it with that one.
	SwitchCampaign int64

	// JumpAfterSwitch is the item to jump to in the SwitchTo profile (the
	// caller passes it on as AppOptions.Jump); nil for none.
	JumpAfterSwitch *JumpMsg
	search          *search      // the ctrl+f overlay, when open
	templates       *tmplManager // the T templates manager, when open
	// early holds list keys pressed on a pane still loading its first
	// page, by pane, until it has items (app_early.go).
	early map[PaneID][]tea.KeyPressMsg
	quit  quitState // q's question and ctrl+c's first press (app_safety.go)
	calls heldCalls // HoldMsg calls waiting out the undo window
}

type paneErr struct {
	pane PaneID
	err  error
}

// New builds the app over panes, in tab order.
func New(env Env, opt AppOptions, panes ...Pane) *App {
	a := &App{env: env, opt: opt, panes: panes, status: map[PaneID]StatusMsg{}, budgets: map[api.Group]api.Budget{}}
	a.help = help.New()
	a.live = newLiveSync(opt.Live)
	if env.ReadOnly && env.Replies != nil {
		env.Replies.refuse = env.Tr.Get("readonly.refused")
	}
	a.applyHelpStyles()
	if i := a.index(opt.Start); i >= 0 {
		a.focus = i
	}
	return a
}

func (a *App) applyHelpStyles() {
	st := a.env.Styles
	a.help.Styles = help.Styles{
		ShortKey: st.HelpKey, ShortDesc: st.HelpDesc, ShortSeparator: st.HelpSep,
		FullKey: st.HelpKey, FullDesc: st.HelpDesc, FullSeparator: st.HelpSep,
		Ellipsis: st.HelpSep,
	}
}

func (a *App) index(id PaneID) int {
	return slices.IndexFunc(a.panes, func(p Pane) bool { return p.ID() == id })
}

// Focused is the pane with the keyboard, nil when there are none.
func (a *App) Focused() Pane {
	if len(a.panes) == 0 {
		return nil
	}
	return a.panes[a.focus]
}

// Init starts every pane (first loads run in parallel) and asks the
// terminal for its background colour to pick the light or dark theme.
func (a *App) Init() tea.Cmd {
	a.started = true
	cmds := make([]tea.Cmd, 0, len(a.panes)+1)
	if !a.opt.FixedTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, p := range a.panes {
		cmds = append(cmds, p.Init())
	}
	if r := a.env.Replies; r != nil && !a.opt.SharedOutbox {
		cmds = append(cmds, r.tick(a.now()))
	}
	cmds = append(cmds, a.liveInit(), a.initialJump())
	return tea.Batch(cmds...)
}

// Update routes messages: keys to the focused pane (after global keys in
// normal mode), Routed messages to their pane, sizes and everything else
// to all panes.
func (a *App) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer a.statusAfter(a.currentItem(), isInput(msg), &cmd)
	defer a.sharedCounts(msg, &cmd)
	if cmd, ok := a.statusUpdate(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.liveUpdate(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.holdUpdate(msg); ok {
		return a, cmd
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		// before any overlay: ctrl+c and a quit question work everywhere
		if cmd, used := a.quitGate(k); used {
			return a, cmd
		}
	}
	if cmd, ok := a.templatesUpdate(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.searchUpdate(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.jumpUpdate(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.switcherUpdate(msg); ok {
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
		a.applyHelpStyles()
		return a, a.broadcast(ThemeMsg{Styles: a.env.Styles})
	case tea.KeyPressMsg:
		return a, a.key(msg)
	case tea.PasteMsg:
		return a, a.toFocused(msg)
	case StatusMsg:
		a.noteStatus(msg)
		return a, nil
	case draftFlushMsg:
		if r := a.env.Replies; r != nil {
			return a, r.flushDrafts(a.now())
		}
		return a, nil
	case outboxTickMsg:
		if r := a.env.Replies; r != nil {
			return a, r.attempts(a.env, a.now())
		}
		return a, nil
	case OutboxSettledMsg:
		return a, a.outboxSettled(msg)
	case outboxAttempted:
		r := a.env.Replies
		if r == nil {
			return a, nil
		}
		delete(r.flying, msg.id)
		if msg.err != nil {
			a.notice = NoticeMsg{Err: msg.err}
			return a, nil
		}
		var stored tea.Cmd
		if msg.entry.State == reply.StateSent {
			if msg.entry.Kind.ConsumesDraft() {
				// a viewed mark is not the answer: forgetting would drop the unsaved draft
				r.forget(msg.entry.DraftKey())
			}
			stored = a.liveSent(msg.entry)
			if stored != nil {
				// The item leaves its "needs action" list; the status bar
				// confirms the delivery instead of the item's detail.
				e, tr := msg.entry, a.env.Tr
				note := NoticeMsg{Text: tr.Get("outbox.sent", tr.Label("kind", string(e.Kind)), e.Updated.In(time.Local).Format("15:04"))}
				stored = tea.Batch(stored, func() tea.Msg { return note })
			}
		}
		out := OutboxMsg{Entry: msg.entry}
		if i := a.index(out.TargetPane()); i >= 0 {
			return a, tea.Batch(stored, a.toPane(i, out))
		}
		return a, stored
	case NoticeMsg:
		a.notice = msg
		return a, nil
	case BudgetMsg:
		a.budgets[msg.Group] = api.Budget(msg)
		return a, nil
	case Routed:
		i := a.index(msg.TargetPane())
		if i < 0 {
			return a, nil
		}
		return a, a.toPane(i, msg)
	}
	return a, a.broadcast(msg)
}

func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	g := a.env.Keys.Global
	if a.switcher != nil {
		switch res, cmd := a.switcher.Update(msg); res {
		case FormApplied:
			return a.applySwitcher()
		case FormCanceled:
			a.switcher = nil
			return nil
		default:
			return cmd
		}
	}
	p := a.Focused()
	if p != nil && p.Mode() != ModeNormal {
		return a.toFocused(msg)
	}
	if a.showFullHelp {
		// The help screen covers the pane: keys close it rather than
		// acting on a list the user cannot see.
		switch {
		case key.Matches(msg, g.Quit):
			return a.quitKey()
		case a.helpScroll(msg):
		case key.Matches(msg, g.Help), key.Matches(msg, a.env.Keys.List.Back):
			a.showFullHelp = false
			a.layout()
		}
		return nil
	}
	switch {
	case key.Matches(msg, g.Quit):
		return a.quitKey()
	case key.Matches(msg, g.Undo):
		if cmd, ok := a.undoKey(); ok {
			return cmd
		}
	case key.Matches(msg, g.Help):
		a.showFullHelp, a.helpTop = true, 0
		return nil
	case key.Matches(msg, g.Redraw):
		return tea.ClearScreen
	case key.Matches(msg, g.NextTab):
		a.focusIndex(a.focus + 1)
		return nil
	case key.Matches(msg, g.PrevTab):
		a.focusIndex(a.focus - 1)
		return nil
	case key.Matches(msg, a.env.Keys.Reply.Profiles) && (len(a.opt.Profiles) > 1 || a.opt.Switchable != nil):
		return a.requestSwitcher()
	case key.Matches(msg, g.Refresh):
		// The pane reads again; a live sync also asks the marketplace.
		refresh := a.toFocused(RefreshMsg{})
		if a.live != nil && len(a.panes) > 0 {
			id := a.panes[a.focus].ID()
			return tea.Batch(refresh, func() tea.Msg { return SyncNowMsg{Pane: id} })
		}
		return refresh
	case key.Matches(msg, g.Retry):
		return a.toFocused(RetryMsg{})
	}
	for id, b := range map[PaneID]key.Binding{
		PaneReturns: g.Pane1, PaneQuestions: g.Pane2, PaneFeedbacks: g.Pane3,
		PaneChats: g.Pane4, PaneClaims: g.Pane5, PaneInbox: g.Inbox,
	} {
		if key.Matches(msg, b) {
			if i := a.index(id); i >= 0 {
				a.focus = i
			}
			return nil
		}
	}
	if foreignLetter(msg) && !a.bound(msg) {
		return a.typed(msg)
	}
	if a.holdEarly(msg) {
		return nil
	}
	return a.toFocused(msg)
}

func (a *App) focusIndex(i int) {
	if n := len(a.panes); n > 0 {
		a.focus = ((i % n) + n) % n
	}
}

func (a *App) toFocused(msg tea.Msg) tea.Cmd {
	if len(a.panes) == 0 {
		return nil
	}
	return a.toPane(a.focus, msg)
}

func (a *App) toPane(i int, msg tea.Msg) tea.Cmd {
	p, cmd := a.panes[i].Update(msg)
	a.panes[i] = p
	if len(a.early) > 0 {
		return tea.Batch(cmd, a.replayEarly(i))
	}
	return cmd
}

func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.panes))
	for i := range a.panes {
		cmds = append(cmds, a.toPane(i, msg))
	}
	return tea.Batch(cmds...)
}

// noteStatus records a pane's report; the last error stays in the status
// bar until that pane loads successfully.
func (a *App) noteStatus(msg StatusMsg) {
	st := a.status[msg.Pane]
	if msg.Err != nil {
		// keep the last sync time: the data on screen is from then
		st.Err, st.Cached = msg.Err, msg.Cached
		a.lastErr = &paneErr{pane: msg.Pane, err: msg.Err}
	} else {
		if msg.Synced.IsZero() {
			msg.Synced = st.Synced // a read recovered: the last sync's time stands
		}
		st = msg
		if a.lastErr != nil && a.lastErr.pane == msg.Pane {
			a.lastErr = nil
		}
	}
	a.status[msg.Pane] = st
}

// chrome is how many rows the tab bar, status bar and help footer take.
const chrome = 3

func (a *App) layout() {
	a.help.SetWidth(a.width)
	h := max(a.height-chrome, 0)
	for _, p := range a.panes {
		p.SetSize(a.width, h)
	}
}

// View draws the whole screen in the alternate screen buffer.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = a.env.Tr.Get("app.name")
	return v
}

// now is the app clock.
func (a *App) now() time.Time { return a.env.now() }
