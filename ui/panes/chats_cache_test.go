package panes

import (
	"testing"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// Saved events merge with what the feed already brought: an event both
// have is filed once, a late one sorts into place, and the chat is judged
// from the merged conversation.
func TestStoredEventsMergeWithTheFeed(t *testing.T) {
	p := newChatsPane(wbTestEnv(i18n.EN), Deps{}).(*chatsPane)
	r := &chatRow{c: models.Chat{ChatID: "c1"}}
	p.all, p.byID = []*chatRow{r}, map[string]*chatRow{"c1": r}
	ev := func(id string, ms int64, who models.ChatSender) models.ChatEvent {
		return models.ChatEvent{ChatID: "c1", EventID: id, AddTimestamp: models.UnixMillis(ms), Sender: who}
	}
	p.ev.add(ev("e2", 2000, models.ChatSenderSeller)) // from the feed
	p.storedEvents(chatsStoredEventsMsg{byChat: map[string][]models.ChatEvent{
		"c1": {ev("e1", 1000, models.ChatSenderClient), ev("e2", 2000, models.ChatSenderSeller), ev("e3", 3000, models.ChatSenderClient)},
	}})
	var ids []string
	for _, e := range p.ev.byChat["c1"] {
		ids = append(ids, e.EventID)
	}
	if len(ids) != 3 || ids[0] != "e1" || ids[1] != "e2" || ids[2] != "e3" {
		t.Fatalf("merged conversation %v, want [e1 e2 e3]", ids)
	}
	if r.verdict != chatNeedsReply {
		t.Errorf("verdict %v: the buyer spoke last", r.verdict)
	}
}
