package panes

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/store"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func newTestChats(t *testing.T, c *wb.Client, lang i18n.Lang) *chatsPane {
	t.Helper()
	p := newChatsPane(storeTestEnv(t, lang, c, nil, store.PaneChats), Deps{WB: c}).(*chatsPane)
	p.SetSize(160, 40)
	return p
}

func loadedChats(t *testing.T, c *wb.Client) *chatsPane {
	t.Helper()
	p := newTestChats(t, c, i18n.EN)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.all) == 0 || p.Reading() {
		t.Fatalf("load: err %v, %d chats, events done %v, reading %v", p.Err(), len(p.all), p.ev.done, p.Reading())
	}
	return p
}

func TestChatsGolden(t *testing.T) {
	wbGolden(t, newChatsPane, wbScenes)
}

// The pane reads the chats and their conversations from the store the
// sync filled from the feed: the window's conversations are the feed's,
// every event once, in order; each row's verdict follows the look rule;
// and the badge counts every stored chat the rule says needs the seller,
// not only the window's.
func TestChatsEventsIndexAndBadge(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	c := wbClient(t, run)
	p := loadedChats(t, c)
	ctx := context.Background()
	all, _, err := c.AllEvents(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) <= 100 {
		t.Fatalf("the sandbox feed has %d events; the test needs several pages", len(all))
	}
	byChat := map[string][]models.ChatEvent{}
	for _, e := range all {
		byChat[e.ChatID] = append(byChat[e.ChatID], e)
	}
	for _, r := range p.all {
		evs, want := p.ev.byChat[r.c.ChatID], byChat[r.c.ChatID]
		if len(evs) != len(want) {
			t.Errorf("chat %s: %d events, want %d", r.c.ChatID, len(evs), len(want))
			continue
		}
		for i := range evs {
			if evs[i].EventID != want[i].EventID {
				t.Errorf("chat %s: event %d is %s, want %s", r.c.ChatID, i, evs[i].EventID, want[i].EventID)
			}
		}
	}
	chats, err := c.Chats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(chats) <= len(p.all) {
		t.Fatalf("%d chats, all in the window of %d: the badge is not shown to count beyond it", len(chats), len(p.all))
	}
	shown := map[string]*chatRow{}
	for _, r := range p.all {
		shown[r.c.ChatID] = r
	}
	waiting := 0
	for _, ch := range chats {
		evs := byChat[ch.ChatID]
		var want chatVerdict
		switch {
		case len(evs) == 0:
			// Older than the feed's 30 days: a buyer may be waiting.
			want = chatNeedsLook
		case ch.LastMessage != nil && int64(ch.LastMessage.AddTimestamp) > int64(evs[len(evs)-1].AddTimestamp):
			want = chatNeedsLook
		default:
			want = chatReplied
			for i := len(evs) - 1; i >= 0; i-- {
				if evs[i].Sender == models.ChatSenderWB {
					continue
				}
				if evs[i].Sender == models.ChatSenderClient {
					want = chatNeedsReply
				}
				break
			}
		}
		if r := shown[ch.ChatID]; r != nil && r.verdict != want {
			t.Errorf("chat %s: verdict %d, want %d", ch.ChatID, r.verdict, want)
		}
		if want == chatNeedsReply || want == chatNeedsLook {
			waiting++
		}
	}
	if waiting == 0 || p.Badge() != waiting {
		t.Errorf("badge %d, want %d", p.Badge(), waiting)
	}
}

// The pane never reads the feed itself: a buyer's new message shows once
// the sync stored it and said so (StoreChangedMsg). The re-read keeps
// the cursor on the chat it was on when chats move above it (itself
// too), and the conversation on screen grows.
func TestChatsConversationFollowsTheStore(t *testing.T) {
	w := newInboxWorld(t, sandbox.Options{})
	env := wbTestEnv(i18n.EN)
	env.Store = w.st
	p := newChatsPane(env, Deps{WB: w.wb}).(*chatsPane)
	p.SetSize(160, 40)
	wbDrive(t, p, wbRun(t, p.Init())...)
	wbDrive(t, p, wbKeys("j", "j")...)
	sel, ok := p.Selected()
	if !ok || len(p.all) < 10 {
		t.Fatalf("no selection among %d chats", len(p.all))
	}
	// Both at the sandbox's fixed clock, read by one sync.
	other := p.all[9].c.ChatID
	if !w.srv.AddBuyerMessage(other, "Где мой заказ?") || !w.srv.AddBuyerMessage(sel.c.ChatID, "Алло, вы тут?") {
		t.Fatal("the sandbox has no such chat")
	}
	wbDrive(t, p, ui.RefreshMsg{})
	if p.all[0].c.ChatID == other || p.all[0].c.ChatID == sel.c.ChatID {
		t.Fatal("the pane shows a message the sync has not stored")
	}
	resync(t, p, env, w.wb, w.ym, store.PaneChats)
	top := map[string]bool{p.all[0].c.ChatID: true, p.all[1].c.ChatID: true}
	if !top[other] || !top[sel.c.ChatID] || p.all[0].verdict != chatNeedsReply || p.all[1].verdict != chatNeedsReply {
		t.Fatalf("the chats with new messages are not on top needing a reply: %s %s", p.all[0].c.ChatID, p.all[1].c.ChatID)
	}
	if now, _ := p.Selected(); now.c.ChatID != sel.c.ChatID {
		t.Fatalf("the cursor moved off %s to %s (row %d)", sel.c.ChatID, now.c.ChatID, p.List().Cursor())
	}
	now, _ := p.Selected()
	if d := stripSGR(p.detail(now, 100, p.env.Styles, p.env.Tr)); !contains(d, "Алло, вы тут?") || now.verdict != chatNeedsReply {
		t.Errorf("the conversation lacks the new message (verdict %d):\n%s", now.verdict, d)
	}
}

func TestChatsFilterMenu(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	p := loadedChats(t, wbClient(t, run))
	total := p.List().Len()
	tests := []struct {
		name string
		keys []string
		want func(p *chatsPane) int
		only bool // every shown chat needs a reply
	}{
		{"needs reply", []string{"f", "right", "enter"}, func(p *chatsPane) int { return p.Badge() }, true},
		{"cancel keeps it", []string{"f", "right", "esc"}, func(p *chatsPane) int { return p.Badge() }, true},
		{"all again", []string{"f", "left", "enter"}, func(*chatsPane) int { return total }, false},
	}
	for _, tc := range tests {
		wbDrive(t, p, wbKeys(tc.keys...)...)
		if p.Mode() != ui.ModeNormal {
			t.Fatalf("%s: the menu did not close", tc.name)
		}
		if got, want := p.List().Len(), tc.want(p); got != want || want == 0 {
			t.Errorf("%s: %d chats shown, want %d", tc.name, got, want)
		}
		for _, r := range p.Items() {
			if tc.only && !r.verdict.needs() {
				t.Errorf("%s: %s does not need a reply", tc.name, r.c.ChatID)
			}
		}
	}
	// A refresh under the filter reads the store again with the filter.
	wbDrive(t, p, wbKeys("f", "right", "enter")...)
	wbDrive(t, p, ui.RefreshMsg{})
	if p.List().Len() != p.Badge() || p.Badge() == total {
		t.Errorf("after refresh: %d shown, badge %d, %d chats", p.List().Len(), p.Badge(), total)
	}
}

func TestChatEventRendering(t *testing.T) {
	st := wbTestEnv(i18n.EN).Styles
	e := models.ChatEvent{
		ChatID: "1:a", EventID: "e1", EventType: models.ChatEventMessage, IsNewChat: true,
		Sender: models.ChatSenderSeller, Source: models.ChatSourceSellerPortal, AddTimestamp: models.UnixMillis(wbFixedNow.UnixMilli()),
		Message: &models.ChatMessage{Text: "Здравствуйте!", Attachments: &models.ChatAttachments{
			Images:   []models.ChatImage{{URL: "https://x/a/photo1.jpg?sig=1"}, {URL: "https://x/b/photo2.png"}},
			Files:    []models.ChatFile{{Name: "чек.pdf", Size: 12800}},
			GoodCard: &models.ChatListing{NmID: 123, Price: 1990, PriceCurrency: "RUB", Size: "M", RID: "r1"},
		}},
	}
	tests := []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.EN, []string{"— chat started —", "seller (colleague, seller portal)", "14.03.2026 12:41", "Здравствуйте!",
			"2 images: photo1.jpg, photo2.png", "File чек.pdf, 12.5 KB", "nm 123 · size M · 1,990.00 RUB\n"}},
		{i18n.RU, []string{"— начало чата —", "продавец (коллега, личный кабинет)", "2 изображения", "Файл чек.pdf, 12,5 КБ",
			"арт. 123 · размер M · 1\u00a0990,00\u00a0₽\n"}},
	}
	for _, tc := range tests {
		got := stripSGR(chatsEvent(e, 100, st, i18n.New(tc.lang)))
		for _, w := range tc.want {
			if !contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", tc.lang, w, got)
			}
		}
	}
	api := e
	api.Source = models.ChatSourcePublicAPI
	if got := stripSGR(chatsEvent(api, 100, st, i18n.New(i18n.EN))); contains(got, "colleague") || !contains(got, "seller (API)") {
		t.Errorf("an answer sent through the API is not a colleague's:\n%s", got)
	}
}

func firstWords(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 20)])
}
