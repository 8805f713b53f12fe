package panes

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The chats pane lists chats from GET /seller/chats at once and fills
// in each conversation from the events feed, which is read page by page
// in the background (100 events a page, 10 requests per 10 s).

// chatVerdict is what the events known so far say about a chat.
type chatVerdict int

const (
	chatPending    chatVerdict = iota // its events have not been read yet
	chatNeedsReply                    // the buyer spoke last
	chatReplied                       // the seller (or WB) spoke last
	// chatNeedsLook: the feed cannot say who spoke last (the last message
	// is newer than its events, or the sender is unknown); the row's look
	// says which. A buyer may be waiting, so it counts as needing action.
	chatNeedsLook
)

// needs reports whether the chat counts as needing the seller.
func (v chatVerdict) needs() bool { return v == chatNeedsReply || v == chatNeedsLook }

// chatsShow is the `f` menu's choice.
type chatsShow string

const (
	chatsAll        chatsShow = "all"
	chatsNeedsReply chatsShow = "needs_reply"
)

// chatRow is a chat with its row columns rendered on load. verdict, last
// and text change on the Update goroutine as events arrive.
type chatRow struct {
	c       models.Chat
	last    models.Time
	date    string
	buyer   string
	product string
	text    string
	filter  string
	verdict chatVerdict
	look    models.ChatLook // why, when verdict is chatNeedsLook
	why     string          // look in words, for the row
}

// chatEvents is the per-chat index of the events feed read so far.
type chatEvents struct {
	byChat  map[string][]models.ChatEvent // oldest first
	seen    map[string]bool               // event IDs, so a re-poll adds nothing twice
	next    int64                         // feed cursor (Unix ms)
	seq     ui.Seq
	loading bool
	reading bool // the store's conversations of the window are on their way
	done    bool // the feed was read to its end at least once
	err     error
}

type chatsPane struct {
	*ui.Split[*chatRow]
	env    ui.Env
	client *wb.Client
	w, h   int
	menu   wbMenu
	show   chatsShow

	all  []*chatRow          // every chat of the last list load
	byID map[string]*chatRow // all, by chat ID
	// netLoader: the Split's current loader is the network one (not a
	// local re-filter of all), so its accepted result replaces all.
	netLoader bool
	ev        chatEvents

	wire *wbwWire
	// pollAgain: a message was delivered while the feed was being read;
	// read it once more at the end so the message shows.
	pollAgain bool
	// mediaDirty: the selected chat's events changed, so its media did.
	mediaDirty bool
}

// chatsEventsMsg is one page of the events feed.
type chatsEventsMsg struct {
	seq    uint64
	cursor int64
	page   models.ChatEventsPage
	err    error
}

func (chatsEventsMsg) TargetPane() ui.PaneID { return ui.PaneChats }

func newChatsPane(env ui.Env, d Deps) ui.Pane {
	env = wbEnv(withStore(env, d))
	p := &chatsPane{
		env: env, client: d.WB, show: chatsAll, byID: map[string]*chatRow{}, netLoader: true,
		ev:   chatEvents{byChat: map[string][]models.ChatEvent{}, seen: map[string]bool{}},
		wire: newWBWire(env, ui.PaneChats),
	}
	rk := env.Keys.Reply
	p.Split = ui.NewSplit(env, ui.SplitConfig[*chatRow]{
		ID:          ui.PaneChats,
		Row:         p.row,
		FilterText:  func(r *chatRow) string { return r.filter },
		Detail:      p.wiredDetail,
		FullText:    p.fullText,
		NeedsAction: func(r *chatRow) bool { return r.verdict.needs() },
		Key:         func(r *chatRow) string { return r.c.ChatID },
		Lookup:      lookupChat(env, d.WB),
		Load:        p.netLoad(),
		Cached:      cachedChats(env),
		Query:       p.storeQuery,
		Decode: func(r store.PaneRow, now time.Time) (*chatRow, error) {
			c, err := store.Decode[models.Chat](r.Row)
			row := newChatRow(c, now, env.Tr)
			// The store judged the chat from the events it holds; the
			// conversation read for the window judges it again.
			row.verdict = chatReplied
			if r.NeedsAction {
				row.verdict = chatNeedsReply
			}
			return row, err
		},
		Arrived: p.windowArrived,
		Help: append([]key.Binding{env.Keys.List.FilterMenu},
			p.wire.help([]key.Binding{rk.Answer, rk.Templates}, true)...),
	})
	p.wire.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

func (p *chatsPane) Init() tea.Cmd { return tea.Batch(p.Split.Init(), p.fetchEvents()) }

// fromStore reports that the pane reads the store's windows: the live
// sync reads the events feed into the store, and the pane reads the
// conversations of the rows it holds from there.
func (p *chatsPane) fromStore() bool { return p.env.Store != nil }

// storeQuery is the menu's choice over the stored chats.
func (p *chatsPane) storeQuery() store.PaneQuery {
	q := store.PaneQuery{Kind: store.KindChat}
	if p.show == chatsNeedsReply {
		q.Filter.Status = store.StatusNeedsAction
	}
	return q
}

// windowArrived indexes the window's chats and reads their stored
// conversations.
func (p *chatsPane) windowArrived(rows []*chatRow) tea.Cmd {
	p.ev.done = true // the live sync read the feed into the store
	p.all = rows
	p.byID = make(map[string]*chatRow, len(rows))
	for _, r := range rows {
		p.byID[r.c.ChatID] = r
	}
	// Only the window's conversations are held, however far the user
	// scrolls through 100k chats.
	for id := range p.ev.byChat {
		if p.byID[id] == nil {
			delete(p.ev.byChat, id)
		}
	}
	p.ev.seen = map[string]bool{}
	for _, evs := range p.ev.byChat {
		for _, e := range evs {
			p.ev.seen[e.EventID] = true
		}
	}
	for _, r := range rows {
		if len(p.ev.byChat[r.c.ChatID]) > 0 {
			p.judge(r)
		}
	}
	return p.loadStoredEvents(rows)
}

// ShortHelp shows the form's keys while the filter menu is open, the
// editor's while a message is written.
func (p *chatsPane) ShortHelp() []key.Binding {
	return wbShortHelp(p.wire, &p.menu, p.env.Tr, p.Split.ShortHelp)
}

func (p *chatsPane) Mode() ui.Mode { return wbMode(p.wire, &p.menu, p.Split.Mode) }

// Badge counts the chats waiting for the seller, or that may be, among
// all of them, whatever the filter shows.
func (p *chatsPane) Badge() int {
	if p.fromStore() {
		return p.Split.Badge()
	}
	n := 0
	for _, r := range p.all {
		if r.verdict.needs() {
			n++
		}
	}
	return n
}

// Syncing includes the background events feed.
func (p *chatsPane) Syncing() bool { return p.Split.Syncing() || p.ev.loading }

func (p *chatsPane) View() string { return p.menu.view(p.Split.View(), p.w, p.h) }

func (p *chatsPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.Split.SetSize(w, h)
	p.wire.resized = true
}

// Update handles the pane's messages, then brings the photo preview and
// the detail column up to date with the selection and the action in
// front.
func (p *chatsPane) Update(msg tea.Msg) (ui.Pane, tea.Cmd) {
	cmds := []tea.Cmd{p.wire.photos.Update(msg), p.update(msg), p.syncPhotos()}
	cmds = append(cmds, p.wire.after(p.SetAside, p.DetailSize))
	return p, tea.Batch(cmds...)
}

func (p *chatsPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ui.Loaded[*chatRow]:
		if msg.Cached {
			return p.cachedLoaded(msg)
		}
		return p.loaded(msg)
	case chatsStoredEventsMsg:
		return p.storedEvents(msg)
	case chatsEventsMsg:
		return p.eventsArrived(msg)
	case ui.OutboxMsg:
		return p.outbox(msg)
	case ui.RefreshMsg:
		if p.fromStore() {
			break
		}
		p.netLoader = true
		return tea.Batch(p.Reload(p.netLoad()), p.fetchEvents())
	case ui.RetryMsg:
		var cmds []tea.Cmd
		if p.ev.err != nil {
			cmds = append(cmds, p.fetchEvents())
		}
		_, cmd := p.Split.Update(msg)
		return tea.Batch(append(cmds, cmd)...)
	case tea.KeyPressMsg, tea.PasteMsg:
		if p.wire.act != nil {
			return p.wire.key(msg)
		}
		if p.menu.isOpen() {
			applied, form, cmd := p.menu.update(msg)
			if !applied {
				return cmd
			}
			p.show = chatsShow(form.Value("show"))
			if p.fromStore() {
				return tea.Batch(cmd, p.ReloadWindow())
			}
			return tea.Batch(cmd, p.refilter(true))
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && p.Split.Mode() == ui.ModeNormal {
			if key.Matches(k, p.env.Keys.List.FilterMenu) {
				p.openMenu()
				return nil
			}
			if cmd, ok := p.wire.photoKey(k, p.DetailSize); ok {
				return cmd
			}
			if cmd, ok := p.actionKey(k); ok {
				return cmd
			}
		}
	}
	_, cmd := p.Split.Update(msg)
	return tea.Batch(cmd, p.wire.forward(msg))
}

func (p *chatsPane) openMenu() {
	tr := p.env.Tr
	form := ui.NewForm(p.Env(), tr.Get("wbc.filter.title"), &ui.Field{
		ID: "show", Label: tr.Get("wb.filter.state"), Kind: ui.FieldChoice,
		Choices: []ui.Choice{{Label: tr.Get("wbc.filter.all"), Value: string(chatsAll)}, {Label: tr.Get("wbc.filter.needs_reply"), Value: string(chatsNeedsReply)}},
	})
	form.SetValue("show", string(p.show))
	p.menu.form = form
}

// loaded passes a list result to the Split and, when the Split accepted
// a network result, makes it the new set of all chats.
func (p *chatsPane) loaded(msg ui.Loaded[*chatRow]) tea.Cmd {
	// A result is accepted exactly when it ends the load in flight; the
	// chat list has no next pages, so nothing starts again after it.
	was := p.Split.Syncing()
	_, cmd := p.Split.Update(msg)
	if !was || p.Split.Syncing() || msg.Err != nil || !p.netLoader {
		return cmd
	}
	p.all = msg.Items
	p.byID = make(map[string]*chatRow, len(p.all))
	for _, r := range p.all {
		p.byID[r.c.ChatID] = r
		p.judge(r)
	}
	return tea.Batch(cmd, p.refilter(false))
}

// refilter shows all chats or those needing a reply. It reloads the
// Split from a copy of all (no network) when what is shown must change;
// force also reloads when it looks the same (the menu was applied). A
// network load in flight is left alone: its result is filtered on arrival.
func (p *chatsPane) refilter(force bool) tea.Cmd {
	if p.fromStore() {
		return nil // the store filters
	}
	if p.netLoader && p.Split.Syncing() {
		return nil
	}
	want := p.all
	if p.show == chatsNeedsReply {
		want = make([]*chatRow, 0, len(p.all))
		for _, r := range p.all {
			if r.verdict.needs() {
				want = append(want, r)
			}
		}
	}
	if !force && slices.Equal(want, p.Items()) {
		return nil
	}
	rows := slices.Clone(want)
	p.netLoader = false
	return p.Reload(func(context.Context, string) ([]*chatRow, string, error) { return rows, "", nil })
}

// netLoad builds the chat list loader from copies taken now.
func (p *chatsPane) netLoad() func(context.Context, string) ([]*chatRow, string, error) {
	client, now, tr, st := p.client, wbNow(p.env), p.env.Tr, p.env.Store
	return func(ctx context.Context, _ string) ([]*chatRow, string, error) {
		chats, err := client.Chats(ctx)
		if err != nil && len(chats) == 0 {
			return nil, "", err
		}
		keep(st, func(st *store.Store) error { _, err := st.PutChats(ctx, chats); return err })
		// A partial list with errors is still worth showing; the errors
		// are Wildberries' own notes about chats it could not list.
		at := now()
		rows := make([]*chatRow, len(chats))
		for i, c := range chats {
			rows[i] = newChatRow(c, at, tr)
		}
		slices.SortStableFunc(rows, func(a, b *chatRow) int { return b.last.Compare(a.last.Time) })
		return rows, "", nil
	}
}

func newChatRow(c models.Chat, now time.Time, tr i18n.T) *chatRow {
	r := &chatRow{c: c, buyer: wbLine(c.ClientName)}
	if c.LastMessage != nil {
		r.last = models.Time{Time: c.LastMessage.AddTimestamp.Time()}
		r.text = wbLine(c.LastMessage.Text)
	}
	r.date = shortTime(r.last, now, tr)
	r.filter = c.ClientName + " " + r.text
	if g := c.GoodCard; g != nil {
		r.product = tr.Get("wbc.row.nm", g.NmID)
		r.filter += " " + strconv.FormatInt(g.NmID, 10) + " " + g.Size
	}
	return r
}

// fetchEvents reads the next page of the feed, unless one is in flight.
// After the feed's end it polls from where it stopped (refresh, retry).
func (p *chatsPane) fetchEvents() tea.Cmd {
	if p.ev.loading || p.fromStore() {
		return nil
	}
	p.ev.loading, p.ev.err = true, nil
	seq, cursor, client, ctx, st := p.ev.seq.Next(), p.ev.next, p.client, p.env.Ctx, p.env.Store
	return func() tea.Msg {
		page, err := client.Events(ctx, cursor)
		if err == nil {
			keep(st, func(st *store.Store) error { _, err := st.PutChatEvents(ctx, page.Events); return err })
		}
		return chatsEventsMsg{seq: seq, cursor: cursor, page: page, err: err}
	}
}

// eventsArrived indexes a page, re-judges the chats it touched, refreshes
// the conversation on screen if it is one of them, and asks for the next
// page.
func (p *chatsPane) eventsArrived(msg chatsEventsMsg) tea.Cmd {
	if !p.ev.seq.Current(msg.seq) {
		return nil
	}
	p.ev.loading = false
	if msg.err != nil {
		p.ev.err = msg.err
		p.redrawDetail()
		return ui.Status(ui.StatusMsg{Pane: ui.PaneChats, Err: msg.err})
	}
	touched := map[string]bool{}
	for _, e := range msg.page.Events {
		if p.ev.add(e) {
			touched[e.ChatID] = true
		}
	}
	p.ev.next = max(p.ev.next, msg.page.Next)
	end := msg.page.Done() || msg.page.Next <= msg.cursor
	wasDone := p.ev.done
	if end {
		p.ev.done = true
	}
	if end && !wasDone {
		for _, r := range p.all {
			p.judge(r)
		}
	} else {
		for id := range touched {
			if r := p.byID[id]; r != nil {
				p.judge(r)
			}
		}
	}
	if sel, ok := p.Selected(); ok && (touched[sel.c.ChatID] || end != wasDone) {
		p.redrawDetail()
		p.mediaDirty = true
	}
	cmds := []tea.Cmd{p.refilter(false)}
	switch {
	case !end:
		cmds = append(cmds, p.fetchEvents())
	case p.pollAgain:
		p.pollAgain = false
		cmds = append(cmds, p.fetchEvents())
	}
	return tea.Batch(cmds...)
}

// add files an event under its chat, oldest first, unless its ID was
// seen already (a re-poll, or the store and the feed both had it).
func (ev *chatEvents) add(e models.ChatEvent) bool {
	if e.EventID != "" {
		if ev.seen[e.EventID] {
			return false
		}
		ev.seen[e.EventID] = true
	}
	evs := append(ev.byChat[e.ChatID], e)
	// Pages come oldest first; a late event sorts into place.
	if n := len(evs); n > 1 && evs[n-1].Time().Before(evs[n-2].Time().Time) {
		slices.SortStableFunc(evs, chatsByTime)
	}
	ev.byChat[e.ChatID] = evs
	return true
}

// judge decides a chat's verdict from its events and brings its row's
// last message up to date with them. WB's own notices do not answer the
// buyer, so the last message that is not one decides; once the whole feed
// is read, a chat it cannot vouch for needs a look (models.ChatNeedsLook).
func (p *chatsPane) judge(r *chatRow) {
	evs := p.ev.byChat[r.c.ChatID]
	if len(evs) == 0 && !p.ev.done {
		r.verdict = chatPending
		return
	}
	if len(evs) > 0 {
		last := evs[len(evs)-1]
		if t := last.Time(); t.After(r.last.Time) {
			r.last = t
			r.date = shortTime(t, wbNow(p.env)(), p.env.Tr)
			r.text = wbLine(last.Text())
		}
	}
	c := r.c
	if !p.ev.done {
		// Later pages of the feed may still bring the last message.
		c.LastMessage = nil
	}
	r.look = models.ChatNeedsLook(c, evs)
	switch r.look {
	case models.ChatLookWaiting:
		r.verdict = chatNeedsReply
	case models.ChatLookNone:
		r.verdict = chatReplied
	default:
		r.verdict = chatNeedsLook
	}
	r.why = ""
	if r.verdict == chatNeedsLook {
		r.why = chatsLookRow(r.look, p.env.Tr)
	}
}

// redrawDetail re-renders the conversation on screen, keeping its scroll:
// it grows while the selection stays put.
func (p *chatsPane) redrawDetail() { p.RefreshDetail() }

// chatsByTime orders events oldest first.
func chatsByTime(a, b models.ChatEvent) int {
	return cmp.Compare(a.Time().UnixMilli(), b.Time().UnixMilli())
}
