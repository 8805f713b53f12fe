package panes

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui"
)

// chatsStoredEventsMsg carries the stored conversations of the window's
// chats.
type chatsStoredEventsMsg struct {
	byChat map[string][]models.ChatEvent
	// products names the chats' articles from the stored questions,
	// feedbacks and claims (a chat carries only the nmID).
	products map[int64]string
	err      error
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
	var nms []int64
	for i, r := range rows {
		ids[i] = r.c.ChatID
		if g := r.c.GoodCard; g != nil {
			nms = append(nms, g.NmID)
		}
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
		names, err := st.ProductNames(ctx, nms)
		if err != nil {
			return chatsStoredEventsMsg{err: err}
		}
		return chatsStoredEventsMsg{byChat: out, products: names}
	}
}

// storedEvents merges the stored events with those held (IDs already
// seen are skipped) and re-judges the chats they touch.
func (p *chatsPane) storedEvents(msg chatsStoredEventsMsg) tea.Cmd {
	p.ev.reading = false
	if msg.err != nil {
		return ui.Status(ui.StatusMsg{Pane: ui.PaneChats, Err: msg.err})
	}
	p.ev.done = true
	p.products = msg.products
	for _, r := range p.all {
		if g := r.c.GoodCard; g != nil && msg.products[g.NmID] != "" {
			r.setProduct(msg.products[g.NmID])
		}
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
	p.mediaDirty = true
	return nil
}
