package panes

import (
	"context"
	"testing"

	"github.com/sellerinbox/sellerinbox/api/wb"
	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/sandbox"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

func newTestChats(t *testing.T, c *wb.Client, lang i18n.Lang) *chatsPane {
	t.Helper()
	p := newChatsPane(wbTestEnv(lang), Deps{WB: c}).(*chatsPane)
	p.SetSize(160, 40)
	return p
}

func loadedChats(t *testing.T, c *wb.Client) *chatsPane {
	t.Helper()
	p := newTestChats(t, c, i18n.EN)
	wbDrive(t, p, wbRun(t, p.Init())...)
	if p.Err() != nil || len(p.all) == 0 || !p.ev.done || p.Syncing() {
		t.Fatalf("load: err %v, %d chats, events done %v, syncing %v", p.Err(), len(p.all), p.ev.done, p.Syncing())
	}
	return p
}

func TestChatsGolden(t *testing.T) {
	wbGolden(t, newChatsPane, wbScenes)
}

// The pane reads the feed page by page and ends with the same picture as
// reading it in one go: every event indexed once, in order, and the badge
// counting the chats whose last word is the buyer's.
func TestChatsEventsIndexAndBadge(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	p := loadedChats(t, wbClient(t, run))
	all, _, err := wbClient(t, run).AllEvents(context.Background(), 0)
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
	indexed := 0
	for id, evs := range p.ev.byChat {
		indexed += len(evs)
		want := byChat[id]
		if len(evs) != len(want) {
			t.Errorf("chat %s: %d events, want %d", id, len(evs), len(want))
			continue
		}
		for i := range evs {
			if evs[i].EventID != want[i].EventID {
				t.Errorf("chat %s: event %d is %s, want %s", id, i, evs[i].EventID, want[i].EventID)
			}
		}
	}
	if indexed != len(all) {
		t.Errorf("indexed %d events of %d", indexed, len(all))
	}
	waiting := 0
	for _, r := range p.all {
		evs := byChat[r.c.ChatID]
		var want chatVerdict
		switch {
		case len(evs) == 0:
			// Older than the feed's 30 days: a buyer may be waiting.
			want = chatNeedsLook
		case r.c.LastMessage != nil && int64(r.c.LastMessage.AddTimestamp) > int64(evs[len(evs)-1].AddTimestamp):
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
		if r.verdict != want {
			t.Errorf("chat %s: verdict %d, want %d", r.c.ChatID, r.verdict, want)
		}
		if want == chatNeedsReply || want == chatNeedsLook {
			waiting++
		}
	}
	if waiting == 0 || p.Badge() != waiting {
		t.Errorf("badge %d, want %d", p.Badge(), waiting)
	}
}

// Before the feed arrives the detail says the conversation is loading;
// the conversation fills in as pages come, and a page of an older read
// (before a refresh restarted it) is dropped.
func TestChatsConversationFillsIn(t *testing.T) {
	c := wbSandbox(t, sandbox.Options{})
	p := newTestChats(t, c, i18n.EN)
	var list, events []any
	for _, m := range wbRun(t, p.Init()) {
		switch m.(type) {
		case ui.Loaded[*chatRow]:
			list = append(list, m)
		case chatsEventsMsg:
			events = append(events, m)
		}
	}
	if len(list) != 1 || len(events) != 1 {
		t.Fatalf("Init should fetch the list and one events page: %d, %d", len(list), len(events))
	}
	wbDrive(t, p, list[0])
	if got := stripSGR(p.View()); !contains(got, "Loading conversation…") {
		t.Fatalf("no loading note before the events:\n%s", got)
	}
	if p.Badge() != 0 {
		t.Errorf("badge %d before any event is known", p.Badge())
	}
	// A page from a superseded read is dropped.
	p.ev.seq.Next()
	p.ev.loading = false
	wbDrive(t, p, events[0])
	if len(p.ev.byChat) != 0 {
		t.Fatalf("a stale events page was indexed (%d chats)", len(p.ev.byChat))
	}
	// A fresh read fills everything in.
	wbDrive(t, p, ui.RefreshMsg{})
	if !p.ev.done || len(p.ev.byChat) == 0 {
		t.Fatal("the refresh did not read the feed")
	}
	sel, _ := p.Selected()
	view := stripSGR(p.View())
	for _, e := range p.ev.byChat[sel.c.ChatID] {
		if e.Text() != "" && !contains(view, firstWords(e.Text())) {
			t.Errorf("the conversation lacks %q:\n%s", e.Text(), view)
		}
	}
	if contains(view, "Loading conversation…") {
		t.Errorf("still loading after the feed was read:\n%s", view)
	}
}

func firstWords(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 20)])
}

func TestChatsFilterMenu(t *testing.T) {
	run := wbSandboxRun(t, sandbox.Options{})
	p := loadedChats(t, wbClient(t, run))
	total := len(p.all)
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
		if got, want := len(p.Items()), tc.want(p); got != want || want == 0 {
			t.Errorf("%s: %d chats shown, want %d", tc.name, got, want)
		}
		for _, r := range p.Items() {
			if tc.only && !r.verdict.needs() {
				t.Errorf("%s: %s does not need a reply", tc.name, r.c.ChatID)
			}
		}
	}
	// A refresh under the filter reloads from the network and filters
	// the new list on arrival.
	wbDrive(t, p, wbKeys("f", "right", "enter")...)
	wbDrive(t, p, ui.RefreshMsg{})
	if len(p.Items()) != p.Badge() || len(p.all) != total {
		t.Errorf("after refresh: %d shown, badge %d, %d of %d chats", len(p.Items()), p.Badge(), len(p.all), total)
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
