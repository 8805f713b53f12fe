package panes

import (
	"path"
	"strconv"
	"strings"

	"github.com/sellerinbox/sellerinbox/models"
	"github.com/sellerinbox/sellerinbox/theme"
	"github.com/sellerinbox/sellerinbox/ui"
	"github.com/sellerinbox/sellerinbox/ui/i18n"
	"github.com/sellerinbox/sellerinbox/ui/safe"
)

// chatsMarkPending marks a chat whose events are still being read.
const chatsMarkPending = "…"

// chatsRow: last message time, needs-reply marker, reply deadline (or
// the last message's age), buyer: last message — product.
func chatsRow(r *chatRow, width int, selected bool, st theme.Styles) string {
	return chatsRowMarked(r, width, selected, st, "")
}

// chatsRowMarked puts the reply column (outbox state, draft) after the
// time when reply is not "".
func chatsRowMarked(r *chatRow, width int, selected bool, st theme.Styles, reply string) string {
	mark, why := " ", ""
	switch r.verdict {
	case chatNeedsReply:
		mark = wbMarkWaiting
	case chatNeedsLook:
		mark, why = chatsMarkLook, "["+r.why+"] "
	case chatPending:
		mark = chatsMarkPending
	}
	base := rowBase(r.verdict.needs(), st)
	cols := wbCols(r.date, reply, rowCol{text: mark}, wbDue(r.dueCell, r.due, r.now, base, st))
	return drawRow(width, cols, why+wbText(r.buyer+": "+r.text, r.product), base, selected, st)
}

// detail is the chat's header and its conversation as far as the events
// read so far tell it. It runs on the Update goroutine (Split calls it
// there), so it may read the pane's event index.
func (p *chatsPane) detail(r *chatRow, width int, st theme.Styles, tr i18n.T) string {
	var b strings.Builder
	b.WriteString(st.DetailTitle.Render(safe.Truncate(r.c.ClientName, width)) + "\n")
	if r.name != "" {
		b.WriteString(st.DetailLabel.Render(safe.Wrap(r.name, width)) + "\n")
	}
	if g := r.c.GoodCard; g != nil {
		b.WriteString(safe.Wrap(chatsGoodCard(*g, tr), width) + "\n")
	}
	switch r.verdict {
	case chatNeedsReply:
		b.WriteString(st.Warning.Render(safe.Truncate(tr.Get("wbc.needs_reply"), width)) + "\n")
	case chatNeedsLook:
		b.WriteString(st.Warning.Render(safe.Wrap(chatsLookDetail(r.look, tr), width)) + "\n")
	}
	b.WriteString(dueDetail(r.due, r.now, width, st, tr))
	b.WriteString(st.Divider.Render(strings.Repeat("─", max(width, 1))) + "\n")

	evs := p.ev.byChat[r.c.ChatID]
	for i, e := range evs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(chatsEvent(e, width, st, tr))
	}
	switch {
	case len(evs) == 0 && (p.ev.reading || !p.ev.done):
		b.WriteString(st.Muted.Render(safe.Truncate(tr.Get("wbc.loading"), width)) + "\n")
	case len(evs) == 0:
		// The feed reaches back 30 days; the list still knows the last
		// message of older chats.
		b.WriteString(st.Muted.Render(safe.Wrap(tr.Get("wbc.no_events"), width)) + "\n")
		if lm := r.c.LastMessage; lm != nil {
			b.WriteString("\n" + st.DetailLabel.Render(safe.Truncate(chatsStamp(models.Time{Time: lm.AddTimestamp.Time()}, tr), width)) + "\n")
			b.WriteString(ui.WrapLong(lm.Text, width, st, tr) + "\n")
		}
	case !p.ev.done:
		b.WriteString("\n" + st.Muted.Render(safe.Truncate(tr.Get("wbc.loading_more"), width)) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// chatsEvent is one message: who and when, the text indented under it,
// then its attachments.
func chatsEvent(e models.ChatEvent, width int, st theme.Styles, tr i18n.T) string {
	var b strings.Builder
	if e.IsNewChat {
		b.WriteString(st.Info.Render(safe.Truncate(tr.Get("wbc.new_chat"), width)) + "\n")
	}
	who := tr.Label(wbGroupChatSender, string(e.Sender))
	if e.Sender == models.ChatSenderClient && e.ClientName != "" {
		who = safe.Line(e.ClientName)
	}
	head := who
	switch {
	case e.ByColleague():
		head += " (" + tr.Get("wbc.colleague") + ")"
	case e.Sender == models.ChatSenderSeller && e.Source != "":
		head += " (" + tr.Label(wbGroupChatSource, string(e.Source)) + ")"
	}
	if e.EventType != "" && e.EventType != models.ChatEventMessage {
		head += " [" + tr.Label(wbGroupChatEvent, string(e.EventType)) + "]"
	}
	head += " · " + chatsStamp(e.Time(), tr)
	style := st.DetailLabel
	switch e.Sender {
	case models.ChatSenderClient:
		style = st.Accent
	case models.ChatSenderSeller:
		if e.ByColleague() {
			style = st.Warning
		} else {
			style = st.Success
		}
	}
	b.WriteString(style.Render(safe.Truncate(head, width)) + "\n")
	const indent = "  "
	inner := max(width-len(indent), 10)
	if t := e.Text(); strings.TrimSpace(t) != "" {
		b.WriteString(chatsIndent(ui.WrapLong(t, inner, st, tr), indent) + "\n")
	}
	a := e.Attachments()
	if n := len(a.Images); n > 0 {
		names := make([]string, 0, n)
		for _, im := range a.Images {
			if name := chatsURLName(im.URL); name != "" {
				names = append(names, name)
			}
		}
		line := strconv.Itoa(n) + " " + tr.Plural(n, tr.Get("wbc.image.one"), tr.Get("wbc.image.few"), tr.Get("wbc.image.many"))
		if len(names) > 0 {
			line += ": " + strings.Join(names, ", ")
		}
		b.WriteString(chatsIndent(st.Muted.Render(safe.Wrap(line, inner)), indent) + "\n")
	}
	for _, f := range a.Files {
		line := tr.Get("wbc.file", safe.Line(f.Name), chatsSize(f.Size, tr))
		b.WriteString(chatsIndent(st.Muted.Render(safe.Wrap(line, inner)), indent) + "\n")
	}
	if g := a.GoodCard; g != nil {
		b.WriteString(chatsIndent(st.Muted.Render(safe.Wrap(tr.Get("wbc.card")+": "+chatsGoodCard(*g, tr), inner)), indent) + "\n")
	}
	return b.String()
}

// chatsGoodCard is "nm 123456 · size M · 1 990,00 ₽" (schema Listing: WB
// no longer sends the order's date or status).
func chatsGoodCard(g models.ChatListing, tr i18n.T) string {
	parts := []string{tr.Get("wbc.row.nm", g.NmID)}
	if s := strings.TrimSpace(g.Size); s != "" && s != "0" {
		parts = append(parts, tr.Get("wbc.size", safe.Line(s)))
	}
	if g.Price > 0 {
		parts = append(parts, money(g.Price, g.PriceCurrency, tr))
	}
	return strings.Join(parts, " · ")
}

// chatsStamp is a message time in Moscow, the sellers' clock.
func chatsStamp(t models.Time, tr i18n.T) string {
	if t.IsUnknown() {
		return tr.Get("time.unknown")
	}
	if t.IsZero() {
		return "—"
	}
	return t.In(models.Moscow).Format("02.01.2006 15:04")
}

// chatsIndent indents every line of s (already wrapped to fit).
func chatsIndent(s, indent string) string {
	return indent + strings.ReplaceAll(s, "\n", "\n"+indent)
}

// chatsURLName is the last path element of an attachment URL, which is
// all the feed says about an image.
func chatsURLName(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	name := path.Base(u)
	if name == "." || name == "/" {
		return ""
	}
	return safe.Line(name)
}

// chatsSize is a file size for people: "840 B", "12.5 KB", "3.1 MB".
func chatsSize(n int64, tr i18n.T) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " " + tr.Get("wbc.bytes")
	case n < 1024*1024:
		return chatsDecimal(float64(n)/1024, tr) + " " + tr.Get("wbc.kb")
	}
	return chatsDecimal(float64(n)/(1024*1024), tr) + " " + tr.Get("wbc.mb")
}

func chatsDecimal(v float64, tr i18n.T) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if tr.Lang == i18n.RU {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"wbc.filter.title":       "Chats filter",
		"wbc.filter.all":         "all chats",
		"wbc.filter.needs_reply": "needs reply",
		"wbc.row.nm":             "nm %d",
		"wbc.size":               "size %s",
		"wbc.needs_reply":        "The buyer is waiting for a reply",
		"wbc.loading":            "Loading conversation…",
		"wbc.loading_more":       "Loading the rest of the conversation…",
		"wbc.no_events":          "The events feed has no messages of this chat: it reaches back 30 days.",
		"wbc.events_error":       "Could not load the conversation: %s",
		"wbc.new_chat":           "— chat started —",
		"wbc.colleague":          "colleague, seller portal",
		"wbc.image.one":          "image",
		"wbc.image.few":          "images",
		"wbc.image.many":         "images",
		"wbc.file":               "File %s, %s",
		"wbc.card":               "Order",
		"wbc.bytes":              "B",
		"wbc.kb":                 "KB",
		"wbc.mb":                 "MB",
	})
	i18n.Register(i18n.RU, map[string]string{
		"wbc.filter.title":       "Фильтр чатов",
		"wbc.filter.all":         "все чаты",
		"wbc.filter.needs_reply": "ждут ответа",
		"wbc.row.nm":             "арт. %d",
		"wbc.size":               "размер %s",
		"wbc.needs_reply":        "Покупатель ждёт ответа",
		"wbc.loading":            "Загружаем переписку…",
		"wbc.loading_more":       "Загружаем остальную переписку…",
		"wbc.no_events":          "В ленте событий нет сообщений этого чата: она хранит только 30 дней.",
		"wbc.events_error":       "Не удалось загрузить переписку: %s",
		"wbc.new_chat":           "— начало чата —",
		"wbc.colleague":          "коллега, личный кабинет",
		"wbc.image.one":          "изображение",
		"wbc.image.few":          "изображения",
		"wbc.image.many":         "изображений",
		"wbc.file":               "Файл %s, %s",
		"wbc.card":               "Заказ",
		"wbc.bytes":              "Б",
		"wbc.kb":                 "КБ",
		"wbc.mb":                 "МБ",
	})
}

// fullText is the chat's messages as far as they are loaded, for the
// pager, when one of them is too long for the detail; "" otherwise (a
// long conversation of short messages is read in the detail itself).
func (p *chatsPane) fullText(r *chatRow) string {
	var texts []string
	for _, e := range p.ev.byChat[r.c.ChatID] {
		texts = append(texts, e.Text())
	}
	if len(texts) == 0 && r.c.LastMessage != nil {
		texts = append(texts, r.c.LastMessage.Text)
	}
	return fullText(texts...)
}
