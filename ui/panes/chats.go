package panes

import (
	"cmp"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/syncer"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// The chats pane reads the chats from the store and each conversation of
// the window from the events the live sync stored: it never reads the
// chat list or the events feed itself.

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
	product string // the product's name, "nm 123" until one is known
	// name is the product's name from the stored questions, feedbacks and
	// claims of its article, "" while unknown.
	name    string
	text    string
	verdict chatVerdict
	look    models.ChatLook // why, when verdict is chatNeedsLook
	why     string          // look in words, for the row
	due     models.Deadline // a reply's, while the buyer waits
	now     time.Time       // when the row was read or judged
	dueCell string
}

// chatEvents is the per-chat index of the stored events of the window's
// chats.
type chatEvents struct {
	byChat  map[string][]models.ChatEvent // oldest first
	seen    map[string]bool               // event IDs, so a re-read adds nothing twice
	reading bool                          // the store's conversations of the window are on their way
	// done: the window's conversations were read at least once; until
	// then the detail says the conversation is loading.
	done bool
}

type chatsPane struct {
	paneShell[*chatRow]
	env    ui.Env
	client *wb.Client     // media downloads
	sy     *syncer.Syncer // stores the reply sign a send answered with
	show   chatsShow

	all  []*chatRow          // the chats of the window held
	byID map[string]*chatRow // all, by chat ID
	ev   chatEvents
	// products are the names of the window's articles last read, so a
	// re-read window names its products at once rather than after its
	// conversations.
	products map[int64]string

	// mediaDirty: the selected chat's events changed, so its media did.
	mediaDirty bool
}

func newChatsPane(env ui.Env, d Deps) ui.Pane {
	env = wbEnv(withStore(env, d))
	p := &chatsPane{
		paneShell: newPaneShell[*chatRow](env, ui.PaneChats),
		env:       env, client: d.WB, sy: d.Syncer, show: chatsAll, byID: map[string]*chatRow{},
		ev: chatEvents{byChat: map[string][]models.ChatEvent{}, seen: map[string]bool{}},
	}
	p.contextTail = true // the conversation's last messages
	p.self, p.handle, p.media, p.keys, p.openFilter, p.applyFilter = p, p.update, p.syncPhotos, p.itemKeys, p.openMenu, p.applyMenu
	rk := env.Keys.Reply
	p.Split = ui.NewSplit(env, ui.SplitConfig[*chatRow]{
		ID:       ui.PaneChats,
		Row:      p.row,
		Detail:   p.wiredDetail,
		FullText: p.fullText,
		Key:      func(r *chatRow) string { return r.c.ChatID },
		Bulk:     p.chatBulk,
		Query:    p.storeQuery,
		FilterNote: func() string {
			if p.show == chatsNeedsReply {
				return env.Tr.Get("wbc.filter.needs_reply")
			}
			return ""
		},
		ClearFilter: func() tea.Cmd {
			p.show = chatsAll
			return p.ReloadWindow()
		},
		Decode: func(r store.PaneRow, now time.Time) (*chatRow, error) {
			c, err := store.Decode[models.Chat](r.Row)
			row := newChatRow(c, now, env.Tr)
			// The store judged the chat from the events it holds; the
			// conversation read for the window judges it again.
			row.verdict = chatReplied
			if r.NeedsAction {
				row.verdict = chatNeedsReply
			}
			// until the conversation is read, the store's deadline (the
			// same models.ChatDeadline over the stored events)
			row.setDue(models.Deadline{Rule: models.RuleWBChatReply, At: r.Deadline, Since: row.last.Time}, now, env.Tr)
			return row, err
		},
		Arrived: p.windowArrived,
		Help: append([]key.Binding{env.Keys.List.FilterMenu},
			p.acts.help([]key.Binding{rk.Answer, rk.Templates}, true)...),
	})
	p.preview.photos.SetTextFirst(p.Split.LongTextSelected)
	return p
}

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
		if g := r.c.GoodCard; g != nil && p.products[g.NmID] != "" {
			r.setProduct(p.products[g.NmID])
		}
		if len(p.ev.byChat[r.c.ChatID]) > 0 {
			p.judge(r)
		}
	}
	return p.loadStoredEvents(rows)
}

func (p *chatsPane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case chatsStoredEventsMsg:
		return p.storedEvents(msg)
	case ui.OutboxMsg:
		return p.outbox(msg)
	}
	_, cmd := p.Split.Update(msg)
	return cmd
}

// applyMenu takes the applied filter form.
func (p *chatsPane) applyMenu(form *ui.Form) tea.Cmd {
	p.show = chatsShow(form.Value("show"))
	return p.ReloadWindow()
}

func (p *chatsPane) openMenu() *ui.Form {
	tr := p.env.Tr
	form := ui.NewForm(p.Env(), tr.Get("wbc.filter.title"), &ui.Field{
		ID: "show", Label: tr.Get("wb.filter.state"), Kind: ui.FieldChoice,
		Choices: []ui.Choice{{Label: tr.Get("wbc.filter.all"), Value: string(chatsAll)}, {Label: tr.Get("wbc.filter.needs_reply"), Value: string(chatsNeedsReply)}},
	})
	form.SetValue("show", string(p.show))
	return form
}

func newChatRow(c models.Chat, now time.Time, tr i18n.T) *chatRow {
	r := &chatRow{c: c, buyer: wbLine(c.ClientName)}
	if c.LastMessage != nil {
		r.last = models.Time{Time: c.LastMessage.AddTimestamp.Time()}
		r.text = wbLine(c.LastMessage.Text)
	}
	r.date = shortTime(r.last, now, tr)
	if g := c.GoodCard; g != nil {
		r.product = tr.Get("wbc.row.nm", g.NmID)
	}
	r.setDue(models.ChatDeadline(time.Time{}), now, tr)
	return r
}

// setProduct names the chat's product on its row and in its detail.
func (r *chatRow) setProduct(name string) {
	r.name = wbLine(name)
	r.product = r.name
}

// setDue keeps the chat's deadline and its row column as of now; without
// one the column shows the last message's age.
func (r *chatRow) setDue(d models.Deadline, now time.Time, tr i18n.T) {
	if d.Since.IsZero() {
		d.Since = r.last.Time
	}
	r.due, r.now, r.dueCell = d, now, dueCell(tr, d, now, true)
}

// add files an event under its chat, oldest first, unless its ID was
// seen already (a re-read of the store after a change).
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

// judge decides a chat's verdict from its stored events, by the rule the
// store counts it with (models.ChatNeedsLook), and brings its row's last
// message up to date with them: a chat the events cannot vouch for needs
// a look.
func (p *chatsPane) judge(r *chatRow) {
	evs := p.ev.byChat[r.c.ChatID]
	if len(evs) > 0 {
		last := evs[len(evs)-1]
		if t := last.Time(); t.After(r.last.Time) {
			r.last = t
			r.date = shortTime(t, paneNow(p.env)(), p.env.Tr)
			r.text = wbLine(last.Text())
		}
	}
	r.look = models.ChatNeedsLook(r.c, evs)
	due := models.ChatDeadline(time.Time{})
	if r.look == models.ChatLookWaiting {
		due = models.ChatDeadline(models.ChatWaitingSince(evs))
	}
	r.setDue(due, paneNow(p.env)(), p.env.Tr)
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
