package panes

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
)

// cachedChats are the saved chats, most recent activity first.
func cachedChats(env ui.Env) func(context.Context) ([]*chatRow, error) {
	st, now, tr := env.Store, wbNow(env), env.Tr
	if st == nil {
		return nil
	}
	return func(ctx context.Context) ([]*chatRow, error) {
		cs, _, err := st.ListChats(ctx, store.ListQuery{Limit: cachedRows})
		if err != nil {
			return nil, err
		}
		at := now()
		rows := make([]*chatRow, len(cs))
		for i, c := range cs {
			rows[i] = newChatRow(c, at, tr)
		}
		slices.SortStableFunc(rows, func(a, b *chatRow) int { return b.last.Compare(a.last.Time) })
		return rows, nil
	}
}

// chatsStoredEventsMsg carries the saved conversations of the cached
// chats, so they read (and are judged) before the feed is fetched again.
type chatsStoredEventsMsg struct {
	byChat map[string][]models.ChatEvent
	err    error
}

func (chatsStoredEventsMsg) TargetPane() ui.PaneID { return ui.PaneChats }

// loadStoredEvents reads the saved events of the chats on screen.
func (p *chatsPane) loadStoredEvents(rows []*chatRow) tea.Cmd {
	st, ctx := p.env.Store, p.env.Ctx
	if st == nil || len(rows) == 0 {
		return nil
	}
	p.ev.reading = true
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.c.ChatID
	}
	return func() tea.Msg {
		out := make(map[string][]models.ChatEvent, len(ids))
		for _, id := range ids {
			evs, err := st.ChatEvents(ctx, id)
			if err != nil {
				return chatsStoredEventsMsg{err: err}
			}
			out[id] = evs
		}
		return chatsStoredEventsMsg{byChat: out}
	}
}

// storedEvents merges saved events with what the feed brought so far
// (IDs already seen are skipped) and re-judges the chats they touch.
func (p *chatsPane) storedEvents(msg chatsStoredEventsMsg) tea.Cmd {
	p.ev.reading = false
	if msg.err != nil {
		return nil // the feed brings the same events; the store only saves waiting
	}
	for id, evs := range msg.byChat {
		for _, e := range evs {
			e.ChatID = id // filed under the chat the store read them for
			p.ev.add(e)
		}
		// A chat without stored events is judged too: the store counts it
		// as needing a look (models.ChatNeedsLook), and its row says why.
		if r := p.byID[id]; r != nil {
			p.judge(r)
		}
	}
	p.redrawDetail()
	return p.refilter(false)
}

// cachedLoaded adopts the saved chat list the Split accepted as all
// chats, until the network's list replaces it.
func (p *chatsPane) cachedLoaded(msg ui.Loaded[*chatRow]) tea.Cmd {
	_, cmd := p.Split.Update(msg)
	if !p.Split.FromCache() || len(p.all) > 0 {
		return cmd
	}
	p.all = msg.Items
	p.byID = make(map[string]*chatRow, len(p.all))
	for _, r := range p.all {
		p.byID[r.c.ChatID] = r
		p.judge(r)
	}
	return tea.Batch(cmd, p.loadStoredEvents(p.all))
}
